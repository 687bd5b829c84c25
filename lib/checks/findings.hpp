#pragma once
// What `frr check` finds: one IndicatorResult per health indicator, plus the
// run's window, coverage and expected exclusions. Serialised as checks.json
// (CONTRACTS.md section 5, extended; see findings_json.hpp).
#include "core/clock.hpp"
#include "model/snapshot.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace frr::checks {

using core::TimePoint;

// Ordered by severity except `unknown`, which means "could not be judged"
// (a platform's data was unavailable) and is neither healthy nor unhealthy, and
// `not_applicable`: the pair has no such data at all (a connector that does not
// offer a dataset the indicator needs), so there is nothing to judge, ever.
enum class Status { ok, warn, critical, unknown, not_applicable };
const char* to_string(Status s);
Status status_from(std::string_view s);  // unknown for anything unrecognised
// The more severe of two judged statuses; `unknown` and `not_applicable` lose to any judged one.
Status worse(Status a, Status b);
// ok, warn or critical: the indicator judged its data (it has a score).
inline bool judged(Status s)
{
    return s == Status::ok || s == Status::warn || s == Status::critical;
}

// One affected record in the CONTRACTS.md section 4 vocabulary. `detail`
// carries the facts the defect depends on (delay bounds, a consent pair).
struct Affected {
    std::string kind;
    std::string key;
    std::vector<std::pair<std::string, std::string>> detail;
};

struct Count {
    std::string name;  // "judged", "missing", ...
    std::int64_t value = 0;
};

// Affected keys ("kind key") compared with the previous run's checks.json.
struct Changes {
    std::vector<std::string> added;       // "new" in JSON: affected now, not before
    std::vector<std::string> persisting;  // affected in both runs
    std::vector<std::string> resolved;    // affected before, not now
};

// What a finding costs the client (docs/health-model.md "Money at stake"), in
// the store's currency and integer minor units. Money is measured where the
// records carry it (a missing order's value, the difference on a wrong
// value) and estimated where they do not (a day's orders short times the
// average order value): `estimated` says which.
struct AtStake {
    std::int64_t minor = 0;      // >= 0, store currency
    std::string currency;        // ISO 4217; "" when the finding involves no money
    bool estimated = false;      // an estimate, not a sum of record values
    bool in_total = true;        // false when another finding already counts this money
    std::int64_t customers = 0;  // customers (or orders, one customer each) affected
    bool any() const { return minor > 0 || customers > 0; }
};

struct IndicatorResult {
    std::string id;     // "order_sync"
    std::string title;  // "Order sync"
    std::string value;  // headline figure, "14 of 212 orders missing"
    Status status = Status::ok;
    int score = 100;                    // 0..100
    double weight = 0;                  // filled in from config by evaluate()
    std::vector<Affected> affected;     // every affected key, never a sample
    std::vector<std::string> examples;  // for people: order names, masked emails
    std::string summary;                // one plain-language line
    std::string impact;                 // what it costs the business
    std::string action;                 // what to do
    std::vector<Count> counts;
    Changes changes;
    // The datasets (model/datasets.hpp ids) it reads; empty for indicators judged
    // from the fetch record alone (connection). Filled in by evaluate().
    std::vector<std::string> needs;
    AtStake at_stake;  // what it costs; empty while nothing is affected
};

// The money the whole run is measured against, from the judged orders: the
// store's currency, its average order value and a typical day's revenue
// (docs/health-model.md "Money at stake"). Zero when no order was seen.
struct MoneyBasis {
    std::string currency;
    std::int64_t average_order_minor = 0;
    std::int64_t daily_revenue_minor = 0;
};

// An expected exclusion: records that are never defects, counted per reason
// (the report's "ignored" column).
struct Exclusion {
    std::string reason;
    std::int64_t count = 0;
};

// One dataset's coverage in the run, and the platform that serves it.
struct DatasetState {
    std::string platform;  // the platform serving it (model::Vocabulary source_key or destination_key)
    model::DatasetCoverage coverage;
};

// One flow as the report's "Your automated emails" shows it: every live flow, and every flow
// switched off since the last run (flows never live are the client's choice, not a finding).
struct FlowSummary {
    std::string id;
    std::string name;
    std::string status;   // the destination's word: "live", "draft", "manual", "archived", "deleted"
    std::string trigger;  // in words: "when someone starts a checkout"
    // What the source says happened in the window (judged records) and how many of those
    // reached the destination; absent when frr cannot count the trigger.
    std::optional<std::int64_t> source_triggers;
    std::optional<std::int64_t> reached;
    std::optional<std::int64_t> recipients;  // sends on the window's days; absent when not read
    std::string verdict;                     // working | switched_off | silent | starved | not_checked
    std::string verdict_text;                // one plain sentence
};

struct Findings {
    std::string run_id;
    TimePoint as_of{};
    TimePoint since{};
    TimePoint until{};
    std::string store_name;
    std::string timezone;
    std::map<std::string, model::Coverage> coverage;  // by platform key
    std::map<std::string, DatasetState> datasets;     // dataset id -> coverage
    std::vector<IndicatorResult> indicators;
    std::vector<Exclusion> exclusions;
    std::vector<std::string> coverage_notes;
    MoneyBasis money;
    std::vector<FlowSummary> flows;  // "Your automated emails", in the account's order

    const IndicatorResult* find(std::string_view id) const;
};

}  // namespace frr::checks
