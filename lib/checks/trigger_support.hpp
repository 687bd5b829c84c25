#pragma once
// What the flow-trigger and flow indicators share: which live flows a trigger starts (so a
// finding names the flows it starves), whether a dataset they need was read whole, the flow
// days of a run, and the words for each trigger. Words that name a platform's own metric come
// from the snapshot's metric names, so another integration pair brings its own.
#include "checks/check_input.hpp"
#include "checks/findings.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace frr::checks {

// The destination metric of `kind` from the source integration, when the snapshot has it.
const model::Metric* metric_of(const CheckInput& input, model::EventKind kind);
// Its name ("Checkout Started"), or `fallback` when the destination has none.
std::string metric_name(const CheckInput& input, model::EventKind kind, std::string_view fallback);

// Live flows whose trigger is `trigger_id` (a metric, list or segment id).
std::vector<const model::Flow*> live_flows_triggered_by(const CheckInput& input, std::string_view trigger_id);
// Live flows triggered by the source integration's metric of `kind`.
std::vector<const model::Flow*> live_flows_triggered_by(const CheckInput& input, model::EventKind kind);
// "“Abandoned Checkout”" / "“A” and “B”" / "“A”, “B” and 2 more".
std::string flow_names(const std::vector<const model::Flow*>& flows);
// The sentence a trigger finding adds about the flows it starves: "Your live flow “X” could not
// email them." or "" when no live flow starts with this trigger.
std::string starved_flows_sentence(const std::vector<const model::Flow*>& flows, std::string_view object);

// Whether a dataset (model/datasets.hpp id) was read whole in this run.
bool complete(const CheckInput& input, std::string_view dataset);
// An `unknown` result saying what could not be judged and why (beyond what evaluate() does for
// a dataset that was not read: a subscriber list that was never found, say).
IndicatorResult not_checked(const char* id, const char* title, const std::string& what,
                            const std::string& why);

// Keys (order or checkout ids) of the source integration's events of `kind`.
std::unordered_set<std::string_view> event_subjects(const CheckInput& input, model::EventKind kind);

// Store-local dates of a run's flow days: `checks.flow_baseline_days` whole days before the day
// of the nominal `since`, then the window's days up to `until` (as fetched).
struct FlowDays {
    std::vector<std::string> baseline;
    std::vector<std::string> window;
};
FlowDays flow_days(const CheckInput& input);

// "when someone starts a checkout", from the flow's trigger.
std::string trigger_words(const CheckInput& input, const model::Flow& flow);

}  // namespace frr::checks

namespace frr::checks {

// One order-change indicator (fulfilments, cancellations, refunds): each change of one of
// `kinds` in the window, of an eligible order, needs the destination event of the paired kind
// for its order. One affected key (the order name) per order, whatever the number of changes.
struct OrderChangeRule {
    const char* defect;  // CONTRACTS.md section 4 kind
    std::vector<std::pair<model::OrderChangeKind, model::EventKind>> kinds;
    const char* one;           // "fulfilment"
    const char* many;          // "fulfilments"
    const char* event_phrase;  // fallback name of the destination event: "fulfilment event"
    // These two may name {source}, {destination}, {integration} and {settings} (model::Vocabulary).
    const char* customer_gets;  // "no shipping confirmation"
    const char* action;
};
IndicatorResult evaluate_order_changes(const CheckInput& input, const char* id, const char* title,
                                       const OrderChangeRule& rule);

}  // namespace frr::checks

namespace frr::checks {

// The flow_silent test of one live flow over a run's flow days (flow_sends.cpp).
struct FlowSilence {
    bool judged = false;                 // its trigger was counted on the baseline days
    std::int64_t window_triggers = 0;    // triggers on the window's days
    std::int64_t window_recipients = 0;  // recipients of every message on those days
    double send_rate = 0;                // busiest message's recipients per trigger, baseline days
    double expected = 0;                 // send_rate * window_triggers
    double probability = 1;              // P(no recipient | Poisson(expected))
    bool silent = false;
};
FlowSilence flow_silence(const CheckInput& input, const model::Flow& flow, const FlowDays& days);

}  // namespace frr::checks
