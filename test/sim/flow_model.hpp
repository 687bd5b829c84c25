#pragma once
// How the simulated flows send (flow_model.cpp): triggers and recipients per store-local day, and
// the flow_silent rule of docs/sync-semantics.md, shared by the flow report and the answer key.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rng.hpp"
#include "scenario.hpp"
#include "sim_context.hpp"
#include "store.hpp"

namespace frr::sim {

// Adds the account's flows (after metrics and lists exist) and the scheduled flow defects.
void make_flows(Store& store, const Scenario& scenario, Time now, Rng& rng);

// Day boundaries [d0, d1, ..., until]: local midnights of `timezone` from the day holding
// `from`, the last bucket ending at `until` (partial).
std::vector<Time> local_day_bounds(const std::string& timezone, Time from, Time until);

struct FlowDays {
    std::vector<std::int64_t> triggers;                 // per day: triggers that reached Klaviyo by now
    std::vector<std::vector<std::int64_t>> recipients;  // [message][day]: sends by send time, up to now
};

// A flow's triggers (by the time they happened) and its messages' recipients (by send time)
// per bucket of `bounds`, as visible at `now`.
FlowDays flow_days(const Store& store, Index flow, const std::vector<Time>& bounds, Time now);

// Whether frr can count a flow's triggers: a Shopify metric, or a list.
bool judged_trigger(const Store& store, const Flow& flow);

struct FlowVerdict {
    std::int64_t window_triggers = 0;    // triggers on the window's local days
    std::int64_t window_recipients = 0;  // recipients of every message on those days
    double send_rate = 0;                // busiest message's recipients per trigger, baseline days
    double expected = 0;                 // send_rate * window_triggers
    double probability = 1;              // P(no recipient | Poisson(expected)) = exp(-expected)
    bool silent = false;
};

// The flow_silent rule at `now`, or nullopt when the flow is not judged (not live, trigger not
// countable, no triggers in the baseline days).
std::optional<FlowVerdict> silent_verdict(const Store& store, Index flow, Time now, const AnswerKeyConfig& c);

}  // namespace frr::sim
