#include "pipeline/doctor.hpp"

#include "connectors/klaviyo/auth.hpp"
#include "connectors/klaviyo/doctor.hpp"
#include "connectors/shopify/auth.hpp"
#include "connectors/shopify/doctor.hpp"
#include "core/time.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>

namespace frr::pipeline {

namespace {

namespace shopify = connectors::shopify;
namespace klaviyo = connectors::klaviyo;
using connectors::ProbeResult;

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

ProbeResult check_timezone(const core::Config& config, const shopify::ShopFacts& shop)
{
    ProbeResult r;
    r.title = "Store time zone";
    r.failure = core::ExitCode::config;
    r.evidence.push_back(fmt::format("configured store.timezone {}; the shop's time zone {}",
                                     config.store.timezone,
                                     shop.timezone.empty() ? "unknown" : shop.timezone));
    r.passed = shop.timezone.empty() || shop.timezone == config.store.timezone;
    if (!r.passed)
        r.action = fmt::format("Set store.timezone to {}: reports, daily counts and volume days follow it.",
                               shop.timezone);
    return r;
}

// Which property of recent Placed Order events names their Shopify order, and whether the
// orders exist. A property frr does not read is looked for among the orders of those hours.
ProbeResult check_mapping(klaviyo::JsonApiClient& kc, shopify::GraphqlClient& sc, const std::string& metric)
{
    ProbeResult r;
    r.title = "Order ids of Placed Order events";
    std::string error;
    auto samples = klaviyo::recent_events(kc, metric, k_sample, error);
    if (!error.empty() || samples.empty()) {
        r.evidence.push_back(error.empty() ? "no Placed Order events yet" : "events unreadable: " + error);
        r.action = "Run frr doctor again once the store has taken orders since Shopify was connected.";
        return r;
    }
    std::map<model::OrderIdSource, int> by;
    std::vector<std::string> ids;
    for (const auto& e : samples) {
        ++by[e.order.source];
        if (e.order.source != model::OrderIdSource::none)
            ids.push_back(e.order.id);
    }
    const auto found = shopify::order_names(sc, ids);
    const int n = static_cast<int>(samples.size());
    const int unmapped = by[model::OrderIdSource::none];
    const auto existing = static_cast<int>(
        std::count_if(ids.begin(), ids.end(), [&](const std::string& id) { return found.count(id) != 0; }));
    for (const auto& [source, count] : by)
        if (source != model::OrderIdSource::none)
            r.evidence.push_back(
                fmt::format("{} of {} recent events map by {}", count, n, path_name(source)));
    if (unmapped > 0)
        r.evidence.push_back(fmt::format("{} of {} carry no order id frr reads", unmapped, n));
    if (!ids.empty())
        r.evidence.push_back(fmt::format("{} of {} mapped orders exist in Shopify", existing, ids.size()));
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
    const auto orders = shopify::orders_created(sc, oldest->occurred_at - std::chrono::hours(1),
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
        r.evidence.push_back(
            fmt::format("{} holds a Shopify order id or name in {} of {} events", property, count, n));
    r.action = carriers.empty()
        ? "The events do not name their Shopify orders where frr looks ($extra.id, $extra.order_id, the "
          "digits of $event_id): order checks would report every order missing. Check which integration "
          "sends Placed Order and report this output to frr's maintainers."
        : "This store's events name their orders in a property frr does not read: order checks would "
          "report every order missing. Report this output to frr's maintainers before relying on them.";
    return r;
}

// One complete store-local day: metric-aggregates' count (asked as the fetch asks) against the
// events of that day counted one by one.
ProbeResult check_aggregates(klaviyo::JsonApiClient& kc, const std::string& metric,
                             const core::Config& config, core::TimePoint now)
{
    ProbeResult r;
    const std::string& tz = config.store.timezone;
    const std::string day = core::add_days(core::local_date(now, tz), -1);
    r.title = fmt::format("Daily counts in the store's time zone ({})", tz);
    const auto from = core::local_midnight(day, tz);
    const auto to = core::local_midnight(core::add_days(day, 1), tz);
    std::string error;
    const auto aggregate = klaviyo::aggregate_day(kc, metric, from, to, day, tz, error);
    const auto events = aggregate ? klaviyo::count_events(kc, metric, from, to, error) : std::nullopt;
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
    const auto utc_events =
        klaviyo::count_events(kc, metric, utc_from, utc_from + std::chrono::hours(24), error);
    if (utc_events && *utc_events == *aggregate && *utc_events != *events)
        r.evidence.push_back(fmt::format(
            "the UTC day {} has {} events: the aggregates count UTC days, not {}'s", day, *utc_events, tz));
    r.action = "metric-aggregates does not count the store's days as frr expects, so the volume check "
               "would compare shifted days. Do not act on volume_gap findings, and report this output to "
               "frr's maintainers.";
    return r;
}

}  // namespace

DoctorReport run_doctor(const RunContext& ctx)
{
    const core::Config& config = ctx.config;
    const auto& shopify_config = core::settings_as<shopify::Settings>(config.source);
    const auto& klaviyo_config = core::settings_as<klaviyo::Settings>(config.destination);
    Services& services = ctx.services;
    net::RequestStats shopify_stats, klaviyo_stats;
    net::RetryOptions retry;
    retry.max_attempts = config.fetch.max_attempts;
    retry.base_delay = config.fetch.retry_base_delay;
    retry.max_delay = std::max(config.fetch.retry_max_delay, config.fetch.retry_base_delay);
    const net::RetryPolicy policy(retry);
    net::RequestContext shopify_ctx{services.transport, policy, services.sleeper, services.random,
                                    shopify_stats};
    net::RequestContext klaviyo_ctx{services.transport, policy, services.sleeper, services.random,
                                    klaviyo_stats};
    shopify_ctx.timeout = klaviyo_ctx.timeout = config.fetch.timeout;

    DoctorReport report;
    auto add = [&](ProbeResult r) { report.checks.push_back(std::move(r)); };
    auto shopify_tokens_ = shopify::make_tokens(shopify_config, ctx.state, shopify_ctx);
    auto klaviyo_tokens_ = klaviyo::make_tokens(klaviyo_config, ctx.state, klaviyo_ctx);
    shopify::GraphqlClient sc({shopify_config.effective_base_url(), shopify_config.api_version},
                              *shopify_tokens_, shopify_ctx, services.clock);
    klaviyo::JsonApiClient kc(klaviyo_config.effective_base_url(), klaviyo_config.revision,
                              klaviyo_config.auth, *klaviyo_tokens_, klaviyo_ctx, services.clock);

    shopify::ShopFacts shop;
    auto guarded = [&](const char* title, auto&& probe) {
        try {
            add(probe());
        } catch (const core::Error& e) {
            ProbeResult r;
            r.title = title;
            r.failure = e.code();
            r.evidence.push_back(e.what());
            r.action = e.remedy().empty() ? "Check the configuration's credentials." : e.remedy();
            add(std::move(r));
        }
    };
    guarded("Shopify: credentials and scopes", [&] { return shopify::probe_access(sc, shop); });
    const bool shopify_ok = report.checks.back().passed;
    if (shopify_ok) {
        guarded("Shopify: API version",
                [&] { return shopify::probe_version(sc, shopify_config.api_version); });
        add(check_timezone(config, shop));
    }
    std::string metric;
    guarded("Klaviyo: credentials and scopes", [&] { return klaviyo::probe_access(kc, metric); });
    const bool klaviyo_ok = report.checks.back().passed;
    add(klaviyo::probe_revision(klaviyo_config.revision, ctx.as_of));
    if (shopify_ok && klaviyo_ok) {
        guarded("Order ids of Placed Order events", [&] { return check_mapping(kc, sc, metric); });
        guarded("Daily counts in the store's time zone",
                [&] { return check_aggregates(kc, metric, config, ctx.as_of); });
    }
    for (const auto& c : report.checks)
        if (!c.passed)
            report.exit = core::worst_of(report.exit, c.failure);
    return report;
}

std::string render_doctor(const DoctorReport& report)
{
    std::string out;
    int failed = 0;
    for (const auto& c : report.checks) {
        failed += c.passed ? 0 : 1;
        out += fmt::format("{} {}\n", c.passed ? "\u2714" : "\u2718", c.title);
        for (const auto& e : c.evidence)
            out += fmt::format("    {}\n", e);
        if (!c.action.empty())
            out += fmt::format("    \u2192 {}\n", c.action);
    }
    out += fmt::format("{} of {} checks passed{}\n", report.checks.size() - static_cast<std::size_t>(failed),
                       report.checks.size(), failed ? fmt::format(", {} failed", failed) : "");
    return out;
}

}  // namespace frr::pipeline
