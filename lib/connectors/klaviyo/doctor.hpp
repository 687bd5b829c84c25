#pragma once
// Klaviyo's part of `frr doctor` (docs/operations.md, "First contact"): credentials and each
// read scope the fetch needs, the configured revision's place in Klaviyo's lifecycle, a sample
// of recent Placed Order events with how each maps to an order, and the two day counts the
// time-zone check compares.
#include "connectors/connector.hpp"
#include "connectors/klaviyo/integration.hpp"
#include "connectors/klaviyo/jsonapi_client.hpp"
#include "connectors/klaviyo/records.hpp"
#include "connectors/probe.hpp"
#include "core/clock.hpp"

#include <optional>
#include <string>
#include <vector>

namespace frr::connectors::klaviyo {

// One endpoint per scope the fetch needs; finds the Placed Order metric of `source`'s integration.
ProbeResult probe_access(JsonApiClient& client, const Integration& source, std::string& placed_order_metric);

// Klaviyo's lifecycle: stable for a year, deprecated the second, retired after two
// (api/klaviyo.md section 1); a date in the future is refused.
ProbeResult probe_revision(const std::string& revision, core::TimePoint now);

struct SampleEvent {
    std::string id;
    core::TimePoint occurred_at{};
    OrderRef order;  // how frr maps it
    // Every scalar property, "$event_id" or "$extra.order_name", with its value as text.
    std::vector<std::pair<std::string, std::string>> properties;
};
// The newest `n` events of a metric (at most 200).
std::vector<SampleEvent> recent_events(JsonApiClient& client, const std::string& metric_id, int n,
                                       std::string& error);

// Events of a metric with datetime in [from, to), paged; nullopt (and `error`) when a page failed.
std::optional<std::int64_t> count_events(JsonApiClient& client, const std::string& metric_id,
                                         core::TimePoint from, core::TimePoint to, std::string& error);

// metric-aggregates' count for the store-local day `date` ([from, to) its bounds), asked as the
// fetch asks (interval day, the store's time zone).
std::optional<std::int64_t> aggregate_day(JsonApiClient& client, const std::string& metric_id,
                                          core::TimePoint from, core::TimePoint to, const std::string& date,
                                          const std::string& timezone, std::string& error);

// The checks of the pair (once both answered): which property of recent Placed Order events
// names the source's order and whether those orders exist in the source; and one complete
// store-local day, metric-aggregates' count against the day's events counted one by one.
std::vector<ProbeResult> probe_pair(JsonApiClient& client, const std::string& placed_order_metric,
                                    Source& source, const model::Vocabulary& words,
                                    const std::string& timezone, core::TimePoint now);

}  // namespace frr::connectors::klaviyo
