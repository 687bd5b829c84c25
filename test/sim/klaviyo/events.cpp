// GET /api/events (get_events): filter metric_id (equals, one or a list), profile_id, has(...),
// datetime / timestamp comparisons; sort datetime|-datetime|timestamp|-timestamp; include
// metric,profile (deduplicated `included[]`); page[size] 1..1000 from revision 2026-01-15
// (fixed 200 before). Only events whose arrival <= the sim clock are visible.
//
// Events live per metric sorted by datetime; a page is a k-way merge over the metrics in
// scope, each narrowed by binary search, in the global order (datetime, metric, position).
#include "handlers.hpp"

#include <algorithm>
#include <compare>
#include <set>

#include "collection.hpp"
#include "profile_json.hpp"

namespace frr::sim::klaviyo {

namespace {

struct EventKey {
    std::int64_t datetime = 0;
    std::uint32_t metric = 0;
    std::uint64_t position = 0;
    auto operator<=>(const EventKey&) const = default;
};

CursorPosition position_of(const EventKey& k)
{
    return CursorPosition{k.datetime, std::to_string(k.metric), std::to_string(k.position)};
}

EventKey key_from(const CursorPosition& p)
{
    EventKey k;
    k.datetime = p.number;
    try {
        k.metric = static_cast<std::uint32_t>(std::stoul(p.text));
        k.position = std::stoull(p.id);
    } catch (const std::exception&) {
        throw invalid_input("Invalid page cursor.", SourceKind::parameter, "page[cursor]");
    }
    return k;
}

struct EventRef {
    std::uint32_t metric = 0;
    std::uint64_t position = 0;
};

class EventScan {
public:
    EventScan(const Store& store, const Filter& filter, Time now) : m_store(store), m_now(now)
    {
        std::set<std::string> metric_ids;
        bool by_metric = false;
        for (const auto& c : filter) {
            if (c.field == "metric_id") {
                by_metric = true;
                if (c.value.kind == LiteralKind::list) {
                    for (const auto& item : c.value.items)
                        metric_ids.insert(item.text);
                } else {
                    metric_ids.insert(c.value.text);
                }
            } else if (c.field == "profile_id") {
                m_profile = store.find_profile(c.value.text);
                m_profile_filter = true;
            }
        }
        for (std::uint32_t m = 0; m < store.events.size(); ++m) {
            if (by_metric && metric_ids.count(store.metrics[m].id) == 0)
                continue;
            const auto& events = store.events[m];
            auto satisfies_lower = [&](const Event& e) { return lower_ok(filter, e.datetime); };
            auto violates_upper = [&](const Event& e) { return !upper_ok(filter, e.datetime); };
            const auto lo = std::partition_point(events.begin(), events.end(),
                                                 [&](const Event& e) { return !satisfies_lower(e); });
            const auto hi =
                std::partition_point(lo, events.end(), [&](const Event& e) { return !violates_upper(e); });
            m_ranges.push_back(Range{m, static_cast<std::uint64_t>(lo - events.begin()),
                                     static_cast<std::uint64_t>(hi - events.begin())});
        }
    }

    EventKey key(std::uint32_t metric, std::uint64_t position) const
    {
        return EventKey{m_store.events[metric][position].datetime.time_since_epoch().count(), metric,
                        position};
    }

    // Up to `count` visible events strictly after (`up`) or before `bound`, nearest first.
    std::vector<EventRef> collect(bool up, const std::optional<EventKey>& bound, std::size_t count) const
    {
        struct Head {
            std::uint32_t metric;
            std::uint64_t next;
            std::uint64_t end;
            std::uint64_t begin;
        };
        std::vector<Head> heads;
        for (const Range& r : m_ranges) {
            auto below_bound = [&](std::uint64_t p) { return bound && key(r.metric, p) <= *bound; };
            auto strictly_below = [&](std::uint64_t p) { return bound && key(r.metric, p) < *bound; };
            // Positions in [begin, end) are candidates; `up` walks from begin, down from end.
            std::uint64_t lo = r.begin;
            std::uint64_t hi = r.end;
            if (up)
                lo = partition(r.begin, r.end, below_bound);
            else
                hi = bound ? partition(r.begin, r.end, strictly_below) : r.end;
            if (lo < hi)
                heads.push_back(Head{r.metric, up ? lo : hi, hi, lo});
        }
        std::vector<EventRef> out;
        while (out.size() < count) {
            Head* best = nullptr;
            for (Head& h : heads) {
                const bool live = up ? h.next < h.end : h.next > h.begin;
                if (!live)
                    continue;
                const EventKey k = key(h.metric, up ? h.next : h.next - 1);
                if (best == nullptr) {
                    best = &h;
                    continue;
                }
                const EventKey b = key(best->metric, up ? best->next : best->next - 1);
                if (up ? k < b : k > b)
                    best = &h;
            }
            if (best == nullptr)
                break;
            const std::uint64_t p = up ? best->next++ : --best->next;
            if (accept(best->metric, p))
                out.push_back(EventRef{best->metric, p});
        }
        return out;
    }

private:
    struct Range {
        std::uint32_t metric;
        std::uint64_t begin;
        std::uint64_t end;
    };

    template <typename Pred> static std::uint64_t partition(std::uint64_t lo, std::uint64_t hi, Pred pred)
    {
        while (lo < hi) {
            const std::uint64_t mid = lo + (hi - lo) / 2;
            if (pred(mid))
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

    static bool passes(FilterOp op, Time t, const FilterValue& v)
    {
        if (v.kind == LiteralKind::number) {
            const auto seconds = static_cast<double>(t.time_since_epoch().count());
            switch (op) {
            case FilterOp::greater_than: return seconds > v.number;
            case FilterOp::greater_or_equal: return seconds >= v.number;
            case FilterOp::less_than: return seconds < v.number;
            default: return seconds <= v.number;
            }
        }
        return compare_time(op, t, v.time);
    }
    static bool is_time_field(const FilterCondition& c)
    {
        return c.field == "datetime" || c.field == "timestamp";
    }
    static bool lower_ok(const Filter& f, Time t)
    {
        return std::all_of(f.begin(), f.end(), [&](const FilterCondition& c) {
            const bool lower = c.op == FilterOp::greater_than || c.op == FilterOp::greater_or_equal;
            return !is_time_field(c) || !lower || passes(c.op, t, c.value);
        });
    }
    static bool upper_ok(const Filter& f, Time t)
    {
        return std::all_of(f.begin(), f.end(), [&](const FilterCondition& c) {
            const bool upper = c.op == FilterOp::less_than || c.op == FilterOp::less_or_equal;
            return !is_time_field(c) || !upper || passes(c.op, t, c.value);
        });
    }

    bool accept(std::uint32_t metric, std::uint64_t position) const
    {
        const Event& e = m_store.events[metric][position];
        if (e.arrival > m_now)
            return false;  // not synced yet
        if (e.profile == k_none)
            return false;  // has(profile) is implied for served events
        return !m_profile_filter || e.profile == m_profile;
    }

    const Store& m_store;
    Time m_now;
    std::vector<Range> m_ranges;
    bool m_profile_filter = false;
    Index m_profile = k_none;
};

void write_event(JsonWriter& w, const ApiRequest& request, const Store& store, EventRef ref,
                 const std::set<std::string>& fields)
{
    const Event& e = store.events[ref.metric][ref.position];
    const std::string id = store.event_id(ref.metric, ref.position);
    const std::string url = request.resource_url("events", id);
    auto wanted = [&](const char* name) { return fields.empty() || fields.count(name) != 0; };
    w.StartObject();
    write_key(w, "type");
    write_string(w, "event");
    write_key(w, "id");
    write_string(w, id);
    write_key(w, "attributes");
    w.StartObject();
    if (wanted("timestamp")) {
        write_key(w, "timestamp");
        w.Int64(e.datetime.time_since_epoch().count());
    }
    if (wanted("datetime")) {
        write_key(w, "datetime");
        write_string(w, klaviyo_time(e.datetime));
    }
    if (wanted("uuid")) {
        write_key(w, "uuid");
        write_string(w, store.event_uuid(ref.metric, ref.position));
    }
    if (wanted("event_properties")) {
        write_key(w, "event_properties");
        const std::string props = store.event_properties_json(ref.metric, e);
        write_raw(w, props, rapidjson::kObjectType);
    }
    w.EndObject();
    write_key(w, "relationships");
    w.StartObject();
    auto relationship = [&](const char* rel, const char* type, std::string_view target) {
        write_key(w, rel);
        w.StartObject();
        write_key(w, "data");
        w.StartObject();
        write_key(w, "type");
        write_string(w, type);
        write_key(w, "id");
        write_string(w, target);
        w.EndObject();
        write_key(w, "links");
        write_relationship_links(w, url, rel);
        w.EndObject();
    };
    relationship("profile", "profile", store.profiles[e.profile].id_view());
    relationship("metric", "metric", store.metrics[ref.metric].id);
    if (request.revision() >= revision_of(2026, 4, 15)) {
        write_key(w, "attributions");
        w.StartObject();
        write_key(w, "links");
        write_relationship_links(w, url, "attributions");
        w.EndObject();
    }
    w.EndObject();
    write_key(w, "links");
    w.StartObject();
    write_key(w, "self");
    write_string(w, url);
    w.EndObject();
    w.EndObject();
}

}  // namespace

ApiResponse get_events(const ApiRequest& request, const HandlerEnv& env)
{
    const Store& store = env.store;
    const Filter filter = parse_filter(request.param("filter").value_or(""), request.spec().filters);
    bool descending = false;
    request.sort(descending);  // datetime and timestamp are the same order (whole seconds)
    const auto include = request.include({"attributions", "metric", "profile"});
    const std::size_t size =
        served_page_size(env, request.page_size(events_page_size_supported(request.revision())));
    const auto cursor = request.cursor();
    const EventScan scan(store, filter, env.now);

    // Served direction: ascending unless sort=-...; a `before` cursor walks the other way.
    const bool up = !descending;
    std::vector<EventRef> items;
    if (cursor && cursor->direction == CursorDirection::before) {
        items = scan.collect(!up, key_from(cursor->position), size);
        std::reverse(items.begin(), items.end());
    } else {
        items = scan.collect(up, cursor ? std::optional(key_from(cursor->position)) : std::nullopt, size);
    }
    PageSlice slice;
    if (!items.empty()) {
        const EventKey last = scan.key(items.back().metric, items.back().position);
        const EventKey first = scan.key(items.front().metric, items.front().position);
        if (!scan.collect(up, last, 1).empty())
            slice.next_after = position_of(last);
        if (!scan.collect(!up, first, 1).empty())
            slice.prev_before = position_of(first);
    }
    for (std::uint32_t i = 0; i < items.size(); ++i)
        slice.items.push_back(i);

    const auto fields = request.list_param("fields[event]");
    IncludedWriter included;
    if (include.count("metric") != 0 || include.count("profile") != 0) {
        included = [&](JsonWriter& w) {
            std::vector<std::uint32_t> metrics;
            std::vector<Index> profiles;
            for (const auto& ref : items) {
                const Index profile = store.events[ref.metric][ref.position].profile;
                if (std::find(metrics.begin(), metrics.end(), ref.metric) == metrics.end())
                    metrics.push_back(ref.metric);
                if (std::find(profiles.begin(), profiles.end(), profile) == profiles.end())
                    profiles.push_back(profile);
            }
            if (include.count("metric") != 0)
                for (const auto m : metrics)
                    write_metric(w, request, store.metrics[m]);
            if (include.count("profile") != 0) {
                const ProfileView view = profile_view(request);
                for (const auto p : profiles)
                    write_profile(w, request, store.profiles[p], view);
            }
        };
    }
    ApiResponse response;
    response.body = collection_document(
        request, slice,
        [&](JsonWriter& w, std::uint32_t i) { write_event(w, request, store, items[i], fields); }, included);
    return response;
}

}  // namespace frr::sim::klaviyo
