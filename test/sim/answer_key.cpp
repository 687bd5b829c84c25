#include "answer_key.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace frr::sim {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

double poisson_lower_tail(std::uint64_t k, double lambda)
{
    if (lambda <= 0)
        return 1.0;
    double term = std::exp(-lambda);  // P(X = 0), computed in log space for large lambda
    double log_term = -lambda;
    double sum = 0;
    for (std::uint64_t i = 0; i <= k; ++i) {
        if (i > 0)
            log_term += std::log(lambda) - std::log(static_cast<double>(i));
        term = std::exp(log_term);
        sum += term;
    }
    return std::min(1.0, sum);
}

namespace {

// A detail field value: text (quoted, escaped) or a raw JSON literal (numbers, booleans).
struct Value {
    Value(std::string text) : m_json(quote(text)) { }
    Value(const char* text) : m_json(quote(text)) { }
    Value(std::int64_t n) : m_json(std::to_string(n)) { }
    Value(std::uint64_t n) : m_json(std::to_string(n)) { }
    Value(std::uint32_t n) : m_json(std::to_string(n)) { }
    Value(bool b) : m_json(b ? "true" : "false") { }
    static Value raw(std::string json)
    {
        Value v("");
        v.m_json = std::move(json);
        return v;
    }
    static std::string quote(std::string_view text)
    {
        rapidjson::StringBuffer buf;
        JsonWriter w(buf);
        w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
        return buf.GetString();
    }
    std::string m_json;
};

std::string detail(std::initializer_list<std::pair<const char*, Value>> fields)
{
    std::string out = "{";
    for (const auto& [k, v] : fields) {
        if (out.size() > 1)
            out += ",";
        out += "\"" + std::string(k) + "\":" + v.m_json;
    }
    return out + "}";
}

struct OrderEvents {
    std::uint32_t placed = 0;
    std::uint32_t items = 0;
    Time first_arrival = Time::max();
    Money wrong_value = 0;
    bool value_mismatch = false;
};

void order_defects(const Store& s, Time now, const Window& w, std::vector<Defect>& out)
{
    std::unordered_map<Index, OrderEvents> seen;
    Index placed = s.store_metric(EventKind::placed_order);
    Index ordered = s.store_metric(EventKind::ordered_product);
    if (placed != k_none) {
        auto [first, last] = s.event_range(placed, w.since, w.judge_before);
        for (std::size_t i = first; i < last; ++i) {
            const Event& e = s.events[placed][i];
            if (e.arrival > now)
                continue;
            const Order& o = s.orders[e.order];
            OrderEvents& oe = seen[e.order];
            ++oe.placed;
            oe.first_arrival = std::min(oe.first_arrival, e.arrival);
            // Klaviyo's Placed Order is the order as placed: an edit after it is no defect.
            if (std::llabs(e.value - (o.original_subtotal() + o.shipping)) > 1) {
                oe.value_mismatch = true;
                oe.wrong_value = e.value;
            }
        }
    }
    if (ordered != k_none) {
        auto [first, last] = s.event_range(ordered, w.since, w.judge_before);
        for (std::size_t i = first; i < last; ++i) {
            const Event& e = s.events[ordered][i];
            if (e.arrival <= now)
                ++seen[e.order].items;
        }
    }
    auto begin = std::lower_bound(s.orders.begin(), s.orders.end(), w.since,
                                  [](const Order& o, Time t) { return o.created_at < t; });
    for (auto it = begin; it != s.orders.end() && it->created_at < w.judge_before; ++it) {
        const Order& o = *it;
        if (!s.eligible(o))
            continue;
        auto idx = static_cast<Index>(it - s.orders.begin());
        auto found = seen.find(idx);
        const std::string name = order_name(s.shop, o);
        const std::string created = iso_utc(o.created_at);
        if (found == seen.end() || found->second.placed == 0) {
            out.push_back({"order_missing_event", name, detail({{"order_created", created}})});
            continue;
        }
        const OrderEvents& oe = found->second;
        if (oe.placed > 1)
            out.push_back(
                {"order_event_duplicate", name, detail({{"order_created", created}, {"events", oe.placed}})});
        if (oe.value_mismatch)
            out.push_back({"order_value_mismatch", name,
                           detail({{"order_created", created},
                                   {"expected", Value::raw(money_string(o.original_subtotal() + o.shipping))},
                                   {"actual", Value::raw(money_string(oe.wrong_value))},
                                   {"currency", std::string(currency_code(s.shop.currency))}})});
        if (oe.items < o.original_quantity())
            out.push_back({"order_items_missing", name,
                           detail({{"order_created", created},
                                   {"expected", o.original_quantity()},
                                   {"actual", oe.items}})});
    }
}

// Late: the answer key is what a run at `now` sees whose previous run was at the start time.
// That run judged the order missing (an eligible order in the start's window, created before its
// grace cut-off, no Placed Order visible yet); its first Placed Order arrived in (start, now].
// Whether the order is still in now's window does not matter: the previous run saw it.
void late_defects(const Store& s, Time now, const AnswerKeyConfig& c, std::vector<Defect>& out)
{
    Index placed = s.store_metric(EventKind::placed_order);
    if (placed == k_none || now <= s.start)
        return;
    const Window at_start = window_at(c, s.start);
    std::unordered_map<Index, Time> first_arrival;
    auto [first, last] = s.event_range(placed, at_start.since, at_start.judge_before);
    for (std::size_t i = first; i < last; ++i) {
        const Event& e = s.events[placed][i];
        auto [it, inserted] = first_arrival.try_emplace(e.order, e.arrival);
        if (!inserted)
            it->second = std::min(it->second, e.arrival);
    }
    for (const auto& [idx, arrived] : first_arrival) {
        const Order& o = s.orders[idx];
        if (arrived <= s.start || arrived > now || !s.eligible(o))
            continue;
        if (o.created_at < at_start.since || o.created_at >= at_start.judge_before)
            continue;
        out.push_back(
            {"order_event_late", order_name(s.shop, o),
             detail({{"order_created", iso_utc(o.created_at)},
                     {"arrived", iso_utc(arrived)},
                     {"delay_seconds", static_cast<std::int64_t>((arrived - o.created_at).count())}})});
    }
}

// docs/sync-semantics.md "Consent pairs": empty when expected, else the severity.
std::string consent_verdict(MarketingState shopify, const Profile& p)
{
    bool klaviyo_subscribed = p.consent == Consent::subscribed;
    switch (shopify) {
    case MarketingState::subscribed:
        return (!klaviyo_subscribed && p.suppression == Suppression::none) ? "warn" : "";
    case MarketingState::not_subscribed:
    case MarketingState::invalid: return klaviyo_subscribed ? "warn" : "";
    case MarketingState::unsubscribed: return klaviyo_subscribed ? "critical" : "";
    case MarketingState::pending:
    case MarketingState::redacted: return "";
    }
    return "";
}

void customer_defects(const Store& s, const Window& w, std::vector<Defect>& out)
{
    auto begin = std::lower_bound(s.customers_by_updated.begin(), s.customers_by_updated.end(), w.since,
                                  [&](Index i, Time t) { return s.customers[i].updated_at < t; });
    for (auto it = begin; it != s.customers_by_updated.end(); ++it) {
        const Customer& c = s.customers[*it];
        if (c.updated_at >= w.judge_before)
            break;
        if (!c.has_email())
            continue;
        const std::string key = std::to_string(c.id);
        Index p = s.find_profile_by_email(normalise_email(c.email));
        if (p == k_none) {
            out.push_back(
                {"customer_missing_profile", key, detail({{"customer_updated", iso_utc(c.updated_at)}})});
            continue;
        }
        // WooCommerce's REST API has no email-marketing consent: nothing to compare.
        if (s.source == SourcePlatform::woocommerce)
            continue;
        const Profile& prof = s.profiles[p];
        std::string verdict = consent_verdict(c.marketing_state, prof);
        if (!verdict.empty())
            out.push_back({"consent_mismatch", key,
                           detail({{"shopify", std::string(marketing_state_name(c.marketing_state))},
                                   {"klaviyo", std::string(consent_name(prof.consent))},
                                   {"suppression", std::string(suppression_name(prof.suppression))},
                                   {"severity", verdict}})});
    }
}

void stall_defect(const Store& s, Time now, const AnswerKeyConfig& c, const Window& w,
                  std::vector<Defect>& out)
{
    Index placed = s.store_metric(EventKind::placed_order);
    if (placed == k_none)
        return;
    const auto& events = s.events[placed];
    std::optional<Time> newest;
    for (auto it = events.rbegin(); it != events.rend(); ++it)
        if (it->arrival <= now && it->datetime <= now) {
            newest = it->datetime;
            break;
        }
    Time last = newest.value_or(Time::min());
    if (newest && *newest >= now - c.stall_after)
        return;
    auto begin = std::upper_bound(s.orders.begin(), s.orders.end(), last,
                                  [](Time t, const Order& o) { return t < o.created_at; });
    std::uint32_t after = 0;
    for (auto it = begin; it != s.orders.end() && it->created_at < w.judge_before; ++it)
        if (s.eligible(*it))
            ++after;
    if (after >= c.stall_min_orders)
        out.push_back({"sync_stalled", "Placed Order",
                       detail({{"last_event", newest ? iso_utc(*newest) : std::string("none")},
                               {"orders_since", after}})});
}

void audience_defects(const Store& s, Time now, const AnswerKeyConfig& c, std::vector<Defect>& out)
{
    for (const auto* groups : {&s.lists, &s.segments})
        for (const Group& g : *groups) {
            if (!g.drop || g.drop->at <= s.start || g.drop->at > now)
                continue;
            std::size_t previous = s.member_count_at(g, s.start);
            bool gone = !s.group_exists_at(g, now);
            std::size_t current = gone ? 0 : s.member_count_at(g, now);
            if (previous < c.audience_min_count)
                continue;
            if (!gone && static_cast<double>(current) > c.audience_drop_ratio * static_cast<double>(previous))
                continue;
            out.push_back({"audience_drop", g.id,
                           detail({{"name", g.name},
                                   {"type", g.is_segment ? "segment" : "list"},
                                   {"previous", static_cast<std::uint64_t>(previous)},
                                   {"current", static_cast<std::uint64_t>(current)},
                                   {"vanished", gone}})});
        }
}

constexpr std::uint64_t k_lost_day_min_orders = 5;

void volume_defects(const Store& s, Time now, const AnswerKeyConfig& c, const Window& w,
                    std::vector<Defect>& out)
{
    Index placed = s.store_metric(EventKind::placed_order);
    Time end = local_day_start(s.shop.timezone, w.since);
    for (std::uint32_t k = 0; k < c.volume_lookback_days; ++k) {
        Time begin = local_day_start(s.shop.timezone, end - std::chrono::hours(12));
        auto first = std::lower_bound(s.orders.begin(), s.orders.end(), begin,
                                      [](const Order& o, Time t) { return o.created_at < t; });
        std::uint64_t eligible = 0;
        for (auto it = first; it != s.orders.end() && it->created_at < end; ++it)
            if (s.eligible(*it))
                ++eligible;
        std::uint64_t observed = 0;
        if (placed != k_none) {
            auto [a, b] = s.event_range(placed, begin, end);
            for (std::size_t i = a; i < b; ++i)
                if (s.events[placed][i].arrival <= now)
                    ++observed;
        }
        // docs/sync-semantics.md: implausibly few at >= 10 orders, or none at all at >= 5 (a
        // small store's lost day; frr's checks.volume_min_orders_lost_day).
        const bool lost_day = eligible >= k_lost_day_min_orders && observed == 0;
        if (eligible >= 10 || lost_day) {
            double p = lost_day ? 0.0 : poisson_lower_tail(observed, static_cast<double>(eligible));
            if (p < 0.001)
                out.push_back({"volume_gap", local_date(s.shop.timezone, begin),
                               detail({{"eligible_orders", eligible}, {"placed_order_events", observed}})});
        }
        end = begin;
    }
}

}  // namespace

std::vector<Defect> compute_answer_key(const Store& s, Time now, const AnswerKeyConfig& c)
{
    std::vector<Defect> out;
    const Window w = window_at(c, now);
    order_defects(s, now, w, out);
    late_defects(s, now, c, out);
    customer_defects(s, w, out);
    stall_defect(s, now, c, w, out);
    audience_defects(s, now, c, out);
    volume_defects(s, now, c, w, out);
    flow_trigger_defects(s, now, c, out);
    std::sort(out.begin(), out.end(), [](const Defect& a, const Defect& b) {
        return std::tie(a.kind, a.key) < std::tie(b.kind, b.key);
    });
    return out;
}

std::string answer_key_json(const Store& s, Time now, const AnswerKeyConfig& c)
{
    rapidjson::StringBuffer buf;
    JsonWriter w(buf);
    const Window win = window_at(c, now);
    w.StartObject();
    w.Key("scenario");
    w.String(s.scenario.c_str());
    w.Key("seed");
    w.Uint64(s.seed);
    w.Key("as_of");
    w.String(iso_utc(now).c_str());
    w.Key("window");
    w.StartObject();
    w.Key("since");
    w.String(iso_utc(win.since).c_str());
    w.Key("until");
    w.String(iso_utc(win.until).c_str());
    w.Key("judge_before");
    w.String(iso_utc(win.judge_before).c_str());
    w.EndObject();
    w.Key("defects");
    w.StartArray();
    for (const Defect& d : compute_answer_key(s, now, c)) {
        w.StartObject();
        w.Key("kind");
        w.String(d.kind.c_str());
        w.Key("key");
        w.String(d.key.c_str());
        w.Key("detail");
        w.RawValue(d.detail_json.c_str(), d.detail_json.size(), rapidjson::kObjectType);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return buf.GetString();
}

}  // namespace frr::sim
