#pragma once
// Fetches what the checks need from Klaviyo (docs/sync-semantics.md):
//   the source's integration's metrics (found by integration, never by name);
//   their events with datetime in [events_from, until);
//   the newest Placed Order of the integration overall (the stall check), even when older;
//   profiles, with subscriptions, for the window's customers' emails;
//   lists and segments with profile_count;
//   daily Placed Order counts (metric aggregates, store time zone);
//   the flows, their triggers, daily trigger counts, the subscriber list and the flow report
//     (flow_fetch.hpp).
// Independent endpoints run side by side, each paced by its own limiter.
#include "connectors/connector.hpp"
#include "connectors/klaviyo/integration.hpp"
#include "connectors/klaviyo/jsonapi_client.hpp"
#include "core/error.hpp"
#include "model/email.hpp"
#include "model/handover.hpp"
#include "model/snapshot.hpp"

#include <functional>
#include <string>
#include <vector>

namespace frr::connectors::klaviyo {

using connectors::DestinationFetch;
using connectors::DestinationWindow;
using connectors::EmailSource;
using DestinationProgress = connectors::Progress;

// A run warns (a manifest note) when more than this share of its Placed Order events could not
// be mapped to an order id.
inline constexpr double k_unmapped_warn_share = 0.02;

// Profiles are looked up 100 emails at a time (the filter's and the page's maximum).
inline constexpr std::size_t k_profile_batch = 100;

// The `filter` value for events of one metric in [from, to).
std::string events_filter(const std::string& metric_id, core::TimePoint from, core::TimePoint to);
// The `filter` value any(email,[...]) for one batch.
std::string email_filter(const std::vector<std::string>& emails);
// The `filter` value for profiles updated at or after `from`.
std::string updated_filter(core::TimePoint from);
// The metric-aggregates request body.
std::string daily_aggregate_body(const std::string& metric_id, core::TimePoint from, core::TimePoint to,
                                 const std::string& timezone);

class KlaviyoSource {
public:
    // The settings name the audiences to watch and the subscriber list; `integration` is Klaviyo's
    // integration with the configured source, whose metrics are read.
    KlaviyoSource(JsonApiClient& client, const model::EmailHasher& hasher, const Settings& settings,
                  Integration integration, DestinationProgress progress = {});
    DestinationFetch fetch(const DestinationWindow& window, const EmailSource& emails);

private:
    JsonApiClient& m_client;
    const model::EmailHasher& m_hasher;
    const Settings& m_settings;
    Integration m_integration;
    DestinationProgress m_progress;
};

// The Klaviyo destination of the connector registry: the token provider of the configured auth
// mode, the JSON:API client and the KlaviyoSource, owned together.
std::unique_ptr<connectors::Destination> make_destination(const core::ConnectorConfig& config,
                                                          const connectors::SourcePlatform& source,
                                                          const connectors::ConnectorServices& services);

}  // namespace frr::connectors::klaviyo
