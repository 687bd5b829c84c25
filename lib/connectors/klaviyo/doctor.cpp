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

}  // namespace

ProbeResult probe_access(JsonApiClient& client, std::string& placed_order_metric)
{
    ProbeResult r;
    r.title = "Klaviyo: credentials and scopes";
    r.failure = core::ExitCode::credentials;
    auto metrics = client.get_all("/api/metrics", route::metrics, [&](const rapidjson::Value& resource) {
        if (auto m = parse_metric(resource); m && m->kind == model::EventKind::placed_order)
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
        r.title = "Klaviyo: credentials, scopes and the Shopify integration";
        r.evidence.push_back("no Placed Order metric of the Shopify integration");
        r.action = "Connect Shopify in Klaviyo (Integrations > Shopify): without it nothing is synced.";
        r.failure = core::ExitCode::health_critical;
        return r;
    }
    r.evidence.push_back("Shopify's Placed Order metric: " + placed_order_metric);
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

}  // namespace frr::connectors::klaviyo
