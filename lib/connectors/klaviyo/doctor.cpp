#include "connectors/klaviyo/doctor.hpp"

#include "connectors/json_access.hpp"
#include "connectors/klaviyo/klaviyo_source.hpp"
#include "connectors/klaviyo/routes.hpp"
#include "core/time.hpp"
#include "net/url.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace frr::connectors::klaviyo {

namespace {

std::string events_query(const std::string& filter, const std::string& sort, bool big_pages, int size)
{
    std::string q = "/api/events?filter=" + net::percent_encode(filter) + "&sort=" + sort;
    if (big_pages)
        q += "&page%5Bsize%5D=" + std::to_string(size);
    return q;
}

void flatten(const rapidjson::Value& v, const std::string& prefix,
             std::vector<std::pair<std::string, std::string>>& out)
{
    if (v.IsObject()) {
        for (const auto& m : v.GetObject())
            flatten(m.value, prefix.empty() ? m.name.GetString() : prefix + "." + m.name.GetString(), out);
    } else if (v.IsString() || v.IsNumber()) {
        out.emplace_back(prefix, text(&v));
    }
}

// The share of sampled events allowed to map to no order (the manifest's warning threshold).
constexpr double k_unmapped_share = 0.02;
constexpr int k_sample = 50;

std::string path_name(model::OrderIdSource s)
{
    switch (s) {
    case model::OrderIdSource::extra_id: return "$extra.id";
    case model::OrderIdSource::extra_order_id: return "$extra.order_id";
    case model::OrderIdSource::event_id: return "the digits of $event_id";
    case model::OrderIdSource::none: break;
    }
    return "nothing";
}

// Which property of recent Placed Order events names their source order, and whether the
// orders exist. A property frr does not read is looked for among the orders of those hours.
ProbeResult check_mapping(JsonApiClient& kc, Source& source, const std::string& metric,
                          const model::Vocabulary& words)
{
    ProbeResult r;
    r.title = "Order ids of Placed Order events";
    std::string error;
    auto samples = recent_events(kc, metric, k_sample, error);
    if (!error.empty() || samples.empty()) {
        r.evidence.push_back(error.empty() ? "no Placed Order events yet" : "events unreadable: " + error);
        r.action = fmt::format("Run frr doctor again once the store has taken orders since {} was connected.",
                               words.source);
        return r;
    }
    std::map<model::OrderIdSource, int> by;
    std::vector<std::string> ids;
    for (const auto& e : samples) {
        ++by[e.order.source];
        if (e.order.source != model::OrderIdSource::none)
            ids.push_back(e.order.id);
    }
    const auto found = source.order_names(ids);
    const int n = static_cast<int>(samples.size());
    const int unmapped = by[model::OrderIdSource::none];
    const auto existing = static_cast<int>(
        std::count_if(ids.begin(), ids.end(), [&](const std::string& id) { return found.count(id) != 0; }));
    for (const auto& [how, count] : by)
        if (how != model::OrderIdSource::none)
            r.evidence.push_back(fmt::format("{} of {} recent events map by {}", count, n, path_name(how)));
    if (unmapped > 0)
        r.evidence.push_back(fmt::format("{} of {} carry no order id frr reads", unmapped, n));
    if (!ids.empty())
        r.evidence.push_back(
            fmt::format("{} of {} mapped orders exist in {}", existing, ids.size(), words.source));
    for (const auto& e : samples)
        if (auto it = found.find(e.order.id); it != found.end()) {
            r.evidence.push_back(fmt::format("e.g. event {} -> order {}", e.id, it->second));
            break;
        }
    const bool mapping_ok = unmapped <= static_cast<int>(k_unmapped_share * n);
    const bool orders_ok = existing >= static_cast<int>(ids.size()) - static_cast<int>(k_unmapped_share * n);
    if (mapping_ok && orders_ok) {
        r.passed = true;
        return r;
    }
    // Where else could the order be? Any property whose value is the id or name of an order
    // created in the sampled hours.
    auto [oldest, newest] =
        std::minmax_element(samples.begin(), samples.end(),
                            [](const auto& a, const auto& b) { return a.occurred_at < b.occurred_at; });
    const auto orders = source.orders_created(oldest->occurred_at - std::chrono::hours(1),
                                              newest->occurred_at + std::chrono::hours(1), 1000);
    std::set<std::string> keys;
    for (const auto& [id, name] : orders)
        keys.insert(id), keys.insert(name);
    std::map<std::string, int> carriers;
    for (const auto& e : samples)
        for (const auto& [property, value] : e.properties)
            if (keys.count(value))
                ++carriers[property];
    for (const auto& [property, count] : carriers)
        r.evidence.push_back(fmt::format("{} holds a {} order id or name in {} of {} events", property,
                                         words.source, count, n));
    r.action = carriers.empty()
        ? fmt::format("The events do not name their {} orders where frr looks ($extra.id, $extra.order_id, "
                      "the digits of $event_id): order checks would report every order missing. Check which "
                      "integration sends Placed Order and report this output to frr's maintainers.",
                      words.source)
        : "This store's events name their orders in a property frr does not read: order checks would "
          "report every order missing. Report this output to frr's maintainers before relying on them.";
    return r;
}

// One complete store-local day: metric-aggregates' count (asked as the fetch asks) against the
// events of that day counted one by one.
ProbeResult check_aggregates(JsonApiClient& kc, const std::string& metric, const std::string& tz,
                             core::TimePoint now)
{
    ProbeResult r;
    const std::string day = core::add_days(core::local_date(now, tz), -1);
    r.title = fmt::format("Daily counts in the store's time zone ({})", tz);
    const auto from = core::local_midnight(day, tz);
    const auto to = core::local_midnight(core::add_days(day, 1), tz);
    std::string error;
    const auto aggregate = aggregate_day(kc, metric, from, to, day, tz, error);
    const auto events = aggregate ? count_events(kc, metric, from, to, error) : std::nullopt;
    if (!aggregate || !events) {
        r.evidence.push_back("could not read the counts: " + error);
        r.action = "Fix the Klaviyo access first (see above), then run frr doctor again.";
        return r;
    }
    r.evidence.push_back(
        fmt::format("{}: metric-aggregates counts {}, the day's events number {}", day, *aggregate, *events));
    if (*aggregate == *events) {
        r.passed = true;
        return r;
    }
    const auto utc_from = *core::parse_iso8601(day + "T00:00:00Z");
    const auto utc_events = count_events(kc, metric, utc_from, utc_from + std::chrono::hours(24), error);
    if (utc_events && *utc_events == *aggregate && *utc_events != *events)
        r.evidence.push_back(fmt::format(
            "the UTC day {} has {} events: the aggregates count UTC days, not {}'s", day, *utc_events, tz));
    r.action = "metric-aggregates does not count the store's days as frr expects, so the volume check "
               "would compare shifted days. Do not act on volume_gap findings, and report this output to "
               "frr's maintainers.";
    return r;
}

}  // namespace

ProbeResult probe_access(JsonApiClient& client, const Integration& source, std::string& placed_order_metric)
{
    ProbeResult r;
    r.title = "Klaviyo: credentials and scopes";
    r.failure = core::ExitCode::credentials;
    auto metrics = client.get_all("/api/metrics", route::metrics, [&](const rapidjson::Value& resource) {
        if (auto m = parse_metric(resource, source); m && m->kind == model::EventKind::placed_order)
            placed_order_metric = m->id;
    });
    struct Probe {
        const char* scope;
        std::string target;
        Route route;
    };
    const bool big_pages = client.revision() >= "2026-01-15";
    const std::vector<Probe> probes{
        {"events:read",
         events_query("greater-than(datetime,2000-01-01T00:00:00Z)", "-datetime", big_pages, 1),
         route::events},
        {"profiles:read", "/api/profiles?page%5Bsize%5D=1", route::profiles},
        {"lists:read", "/api/lists", route::lists},
        {"segments:read", "/api/segments", route::segments}};
    std::vector<std::string> refused;
    if (!metrics.complete()) {
        r.evidence.push_back("GET /api/metrics: " + metrics.error);
        if (metrics.status == ReplyStatus::unauthorized) {
            r.action = "Check klaviyo.auth and its secret: Klaviyo did not accept the key or token.";
            return r;
        }
        refused.push_back("metrics:read");
    }
    for (const auto& p : probes) {
        auto reply = client.get(p.target, p.route);
        if (reply.status == ReplyStatus::ok)
            continue;
        r.evidence.push_back(fmt::format("{}: {}", p.scope, reply.error));
        if (reply.status == ReplyStatus::unauthorized) {
            r.action = "Check klaviyo.auth and its secret: Klaviyo did not accept the key or token.";
            return r;
        }
        refused.push_back(p.scope);
    }
    if (!refused.empty()) {
        r.action = fmt::format("Give the key read access to {} (a private key with those read scopes).",
                               fmt::join(refused, ", "));
        return r;
    }
    r.evidence.push_back("metrics, events, profiles, lists and segments are readable");
    if (placed_order_metric.empty()) {
        r.title = fmt::format("Klaviyo: credentials, scopes and the {} integration", source.name);
        r.evidence.push_back(fmt::format("no Placed Order metric of the {} integration", source.name));
        r.action = fmt::format("Connect {0} in Klaviyo (Integrations > {0}): without it nothing is synced.",
                               source.name);
        r.failure = core::ExitCode::health_critical;
        return r;
    }
    r.evidence.push_back(fmt::format("{}'s Placed Order metric: {}", source.name, placed_order_metric));
    r.passed = true;
    return r;
}

namespace {

bool years_later_ok(const std::string& revision)
{
    return revision.size() >= 10 &&
        std::all_of(revision.begin(), revision.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

ProbeResult probe_revision(const std::string& revision, core::TimePoint now)
{
    ProbeResult r;
    r.title = fmt::format("Klaviyo: API revision {}", revision);
    r.failure = core::ExitCode::config;
    // A year after release a revision is deprecated, two years after it is retired.
    auto years_later = [&](int n) {
        return core::parse_iso8601(std::to_string(std::stoi(revision.substr(0, 4)) + n) +
                                   revision.substr(4, 6) + "T00:00:00Z");
    };
    const auto released =
        revision.size() >= 10 ? core::parse_iso8601(revision.substr(0, 10) + "T00:00:00Z") : std::nullopt;
    if (!released || !years_later_ok(revision)) {
        r.evidence.push_back("not a revision date (YYYY-MM-DD)");
        r.action = "Set klaviyo.revision to a released revision, e.g. 2026-07-15.";
        return r;
    }
    const auto deprecated = years_later(1);
    const auto retired = years_later(2);
    const std::string today = core::format_iso8601(now).substr(0, 10);
    if (*released > now) {
        r.evidence.push_back(fmt::format("{} is in the future (today is {})", revision, today));
        r.action = "Set klaviyo.revision to a released revision.";
        return r;
    }
    if (now >= *retired) {
        r.evidence.push_back(fmt::format("retired since {}: Klaviyo answers 410 or silently falls forward",
                                         core::format_iso8601(*retired).substr(0, 10)));
        r.action = "Set klaviyo.revision to a current revision (quarterly: 01-15, 04-15, 07-15, 10-15).";
        return r;
    }
    r.passed = true;
    if (now >= *deprecated) {
        r.evidence.push_back(fmt::format("deprecated since {}, retired from {}",
                                         core::format_iso8601(*deprecated).substr(0, 10),
                                         core::format_iso8601(*retired).substr(0, 10)));
        r.action = "Move klaviyo.revision to a current revision before it is retired.";
    } else {
        r.evidence.push_back(fmt::format("stable until {}, retired from {}",
                                         core::format_iso8601(*deprecated).substr(0, 10),
                                         core::format_iso8601(*retired).substr(0, 10)));
    }
    return r;
}

std::vector<SampleEvent> recent_events(JsonApiClient& client, const std::string& metric_id, int n,
                                       std::string& error)
{
    std::vector<SampleEvent> out;
    const bool big_pages = client.revision() >= "2026-01-15";
    auto reply = client.get(
        events_query(fmt::format("equals(metric_id,\"{}\")", metric_id), "-datetime", big_pages, n),
        route::events);
    if (reply.status != ReplyStatus::ok) {
        error = reply.error;
        return out;
    }
    const auto* data = member(&reply.doc, "data");
    if (data == nullptr || !data->IsArray())
        return out;
    for (const auto& resource : data->GetArray()) {
        if (static_cast<int>(out.size()) >= n)
            break;
        const auto* attributes = member(&resource, "attributes");
        const auto* props = member(attributes, "event_properties");
        SampleEvent e;
        e.id = text(member(&resource, "id"));
        e.occurred_at = time_value(member(attributes, "datetime")).value_or(core::TimePoint{});
        e.order = order_ref_of(props);
        if (props != nullptr)
            flatten(*props, "", e.properties);
        out.push_back(std::move(e));
    }
    return out;
}

std::optional<std::int64_t> count_events(JsonApiClient& client, const std::string& metric_id,
                                         core::TimePoint from, core::TimePoint to, std::string& error)
{
    std::int64_t n = 0;
    auto r = client.get_all(events_query(events_filter(metric_id, from, to), "datetime",
                                         client.revision() >= "2026-01-15", 1000) +
                                "&fields%5Bevent%5D=datetime",
                            route::events, [&](const rapidjson::Value&) { ++n; });
    if (!r.complete()) {
        error = r.error;
        return std::nullopt;
    }
    return n;
}

std::optional<std::int64_t> aggregate_day(JsonApiClient& client, const std::string& metric_id,
                                          core::TimePoint from, core::TimePoint to, const std::string& date,
                                          const std::string& timezone, std::string& error)
{
    auto reply = client.post("/api/metric-aggregates", daily_aggregate_body(metric_id, from, to, timezone),
                             route::aggregates);
    if (reply.status != ReplyStatus::ok) {
        error = reply.error;
        return std::nullopt;
    }
    for (const auto& day : parse_daily_counts(reply.doc, timezone))
        if (day.date == date)
            return day.count;
    return 0;
}

std::vector<ProbeResult> probe_pair(JsonApiClient& client, const std::string& placed_order_metric,
                                    Source& source, const model::Vocabulary& words,
                                    const std::string& timezone, core::TimePoint now)
{
    std::vector<ProbeResult> out;
    out.push_back(guarded_probe("Order ids of Placed Order events",
                                [&] { return check_mapping(client, source, placed_order_metric, words); }));
    out.push_back(guarded_probe("Daily counts in the store's time zone", [&] {
        return check_aggregates(client, placed_order_metric, timezone, now);
    }));
    return out;
}

}  // namespace frr::connectors::klaviyo
