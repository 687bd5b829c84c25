#pragma once
// Klaviyo's flows and what they need (docs/fetching.md "Flows"):
//   the flows (GET /api/flows) and the integration's metrics, lists and segments that trigger them
//     (the flow-triggers relationships);
//   each live flow's triggers per store-local day (metric aggregates for a metric, the joins
//     of a list or segment), over the baseline days and the window's days;
//   the list the integration adds email subscribers to (configured, or discovered among the
//     lists that trigger flows) and which of the window's new subscribers are on it;
//   every flow message's daily recipients from the Reporting API: one request per run
//     (POST /api/flow-series-reports allows 1/s, 2/m, 225/d), never retried.
// A part that fails is reported through `Failure` with its dataset name ("flows",
// "flow_triggers", "subscriber_list", "flow_report"); what it found so far is kept.
#include "connectors/klaviyo/jsonapi_client.hpp"
#include "model/email.hpp"
#include "model/handover.hpp"
#include "model/snapshot.hpp"

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace frr::connectors::klaviyo {

struct FlowWindow {
    core::TimePoint days_from{};     // local midnight starting the first baseline day
    core::TimePoint until{};         // the window's end (the last day is partial)
    std::vector<std::string> dates;  // every local date from days_from to until
    std::string timezone;
    std::string subscriber_list;  // configured list id; "" = discover
    // New subscribers known by profile only (email hash, profile id): asked about one by one.
    std::vector<std::pair<std::string, std::string>> subscriber_profiles;
};

// (dataset, status, message): recorded by the caller as an error and an incomplete dataset.
using FlowFailure = std::function<void(std::string_view, ReplyStatus, const std::string&)>;
// (dataset, message): an incomplete dataset that is no fault of the fetch (the Reporting API's
// quota spent): recorded as a note, the platform stays complete.
using FlowShortfall = std::function<void(std::string_view, const std::string&)>;

// The flow-series-report request body for every flow, daily, over [from, until) in the
// account's time zone (offsets are ignored by Klaviyo, so the wall-clock times are sent).
std::string flow_report_body(core::TimePoint from, core::TimePoint until, const std::string& timezone,
                             const std::string& conversion_metric_id);
// Its rows: recipients per flow message and local date (zero days left out). Sets `paged`
// when the answer names a further page (not fetched: one request per run).
std::vector<model::FlowMessageDay> parse_flow_report(const rapidjson::Document& doc,
                                                     const std::string& timezone, bool& paged);

class FlowFetcher {
public:
    FlowFetcher(JsonApiClient& client, const model::EmailHasher& hasher, FlowFailure failure,
                FlowShortfall shortfall);

    // The flows, and which of the integration's metrics trigger them (`metrics`: its metrics).
    void fetch_flows(const std::vector<model::Metric>& metrics, std::vector<model::Flow>& flows);
    // Everything that needs the flows, the metrics and the window's emails: list and segment
    // triggers, daily trigger counts, the subscriber list and the flow report.
    void fetch_rest(const FlowWindow& window, const model::WindowEmails& emails,
                    const std::vector<model::Metric>& metrics, model::DestinationData& data);

private:
    struct Audience {
        std::string id;
        std::string name;
        bool segment = false;
    };
    std::vector<Audience> audiences(bool segments);
    void map_audience_triggers(std::vector<model::Flow>& flows, std::vector<Audience>& lists);
    void count_triggers(const FlowWindow& window, const std::vector<model::Flow>& flows,
                        std::vector<model::TriggerDay>& out);
    void find_subscriber_list(const FlowWindow& window, const model::WindowEmails& emails,
                              const std::vector<model::Flow>& flows, const std::vector<Audience>& lists,
                              model::SubscriberList& out);
    std::vector<std::string> members_among(const std::string& list_id, const std::vector<std::string>& emails,
                                           bool& ok);
    void fetch_report(const FlowWindow& window, const std::string& placed_order_metric,
                      std::vector<model::FlowMessageDay>& out);

    // Hashed emails of the members who joined a list since the flow days began (list id ->
    // hashes), kept from counting a list's joins; nullptr when a page failed.
    const std::set<std::string>* recent_joiners(const FlowWindow& window, const std::string& list_id);
    // Adds the new subscribers known by profile only to `out` (checked, members).
    void check_by_profile(const FlowWindow& window, model::SubscriberList& out);

    JsonApiClient& m_client;
    const model::EmailHasher& m_hasher;
    FlowFailure m_failure;
    FlowShortfall m_shortfall;
    std::map<std::string, std::set<std::string>> m_joiners;
};

}  // namespace frr::connectors::klaviyo
