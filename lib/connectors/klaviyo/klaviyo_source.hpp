#pragma once
// Fetches what the checks need from Klaviyo (docs/sync-semantics.md):
//   the Shopify integration's metrics (found by integration, never by name);
//   their events with datetime in [events_from, until);
//   the newest Shopify Placed Order overall (the stall check), even when older;
//   profiles, with subscriptions, for the window's customers' emails;
//   lists and segments with profile_count;
//   daily Placed Order counts (metric aggregates, store time zone);
//   the flows, their triggers, daily trigger counts, the subscriber list and the flow report
//     (flow_fetch.hpp).
// Independent endpoints run side by side, each paced by its own limiter.
#include "connectors/klaviyo/jsonapi_client.hpp"
#include "core/error.hpp"
#include "model/email.hpp"
#include "model/handover.hpp"
#include "model/snapshot.hpp"

#include <functional>
#include <string>
#include <vector>

namespace frr::connectors::klaviyo {

struct DestinationWindow {
    core::TimePoint events_from{};  // since - grace (or the incremental look-back)
    core::TimePoint until{};
    core::TimePoint daily_from{};   // local midnight starting the volume look-back
    core::TimePoint daily_until{};  // local midnight ending it
    std::vector<std::string> daily_dates;
    std::string timezone;
    std::vector<std::string> audiences;  // list/segment ids to watch; empty = all
    // Placed Order events from min(events_from, this): the late-arrival look-back
    // (the oldest order the previous run left without one); max() = none.
    core::TimePoint placed_order_from = core::TimePoint::max();
    // Incremental: also every profile updated at or after this (max() = none),
    // for the customers a previous snapshot already looked up.
    core::TimePoint profiles_updated_from = core::TimePoint::max();
    // Flows: the baseline and window days (flow_fetch.hpp) and the configured subscriber list.
    core::TimePoint flow_days_from{};
    std::vector<std::string> flow_dates;
    std::string subscriber_list;
    // (email hash, profile id) of new subscribers whose emails are not handed over (reused).
    std::vector<std::pair<std::string, std::string>> subscriber_profiles;
};

struct DestinationFetch {
    model::DestinationData data;
    std::vector<model::Profile> updated_profiles;  // profiles_updated_from's, not in data until merged
    model::PlatformManifest manifest;
    core::ExitCode exit = core::ExitCode::ok;
};

// Blocks until the Shopify side has handed over the customers' normalised emails.
using EmailSource = std::function<model::WindowEmails()>;
using DestinationProgress = std::function<void(const std::string&, int, std::int64_t)>;

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
    KlaviyoSource(JsonApiClient& client, const model::EmailHasher& hasher, DestinationProgress progress = {});
    DestinationFetch fetch(const DestinationWindow& window, const EmailSource& emails);

private:
    JsonApiClient& m_client;
    const model::EmailHasher& m_hasher;
    DestinationProgress m_progress;
};

}  // namespace frr::connectors::klaviyo
