#pragma once
// The run directory's JSON files the report is built from, read into plain
// structs: checks.json (CONTRACTS.md section 5), score.json and manifest.json
// (section 6). The report depends on these files only, never on the checks
// code, so a report can be re-rendered from any past run directory.
//
// Reading is lenient about optional fields (absent -> empty) and strict about
// shape: a file that is not JSON, or a field of the wrong type where the
// report needs it, throws core::Error(bad_input) naming the file and field.
#include "checks/findings.hpp"
#include "core/clock.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace frr::report {

using Counts = std::vector<std::pair<std::string, std::int64_t>>;  // in file order

struct AffectedItem {
    std::string kind;  // CONTRACTS.md section 4 vocabulary ("order_missing_event")
    std::string key;   // an order name, a customer id, a date, a list id
};

struct IndicatorChanges {
    std::vector<AffectedItem> added;  // "new" in the file
    std::vector<AffectedItem> persisting;
    std::vector<AffectedItem> resolved;
};

struct IndicatorFinding {
    std::string id;
    std::string title;
    std::string status = "unknown";  // ok | warn | critical | unknown
    std::optional<double> score;     // 0-100; absent when unknown
    std::string value;               // shown as given ("97.3%", "14")
    double weight = 0;
    std::vector<AffectedItem> affected;  // every affected key, not a sample
    std::vector<std::string> examples;
    std::string summary;
    std::string impact;
    std::string action;
    Counts counts;
    IndicatorChanges changes;
    std::vector<std::string> needs;  // dataset ids it reads; empty: judged from the fetch record
    checks::AtStake at_stake;        // what it costs the client (money, customers)
};

// One dataset's coverage in the run (checks.json "datasets").
struct DatasetState {
    std::string id;        // "orders", "events.placed_order", "profiles"
    std::string platform;  // "shopify", "klaviyo"
    std::string status;    // complete | partial | unavailable | paused
    std::string missing;   // plain words, operator detail
};

struct Exclusion {
    std::string reason;
    std::int64_t count = 0;
};

struct Window {
    core::TimePoint since{};
    core::TimePoint until{};
};

// One flow of checks.json "flows" (the report's "Your automated emails").
struct FlowLine {
    std::string id;
    std::string name;
    std::string status;
    std::string trigger;  // in words
    std::optional<std::int64_t> source_triggers;
    std::optional<std::int64_t> reached;
    std::optional<std::int64_t> recipients;
    std::string verdict;  // working | switched_off | silent | starved | not_checked
    std::string verdict_text;
};

struct ChecksFile {
    std::string run_id;
    core::TimePoint as_of{};
    Window window;
    std::string store_name;
    std::string timezone;
    std::vector<std::pair<std::string, std::string>> coverage;  // platform -> complete|partial|...
    std::vector<std::string> coverage_notes;
    std::vector<DatasetState> datasets;  // empty in files written before datasets were tracked
    std::vector<Exclusion> exclusions;
    std::vector<IndicatorFinding> indicators;
    checks::MoneyBasis money;  // currency, average order, a typical day's revenue
    std::vector<FlowLine> flows;
};

struct Deduction {
    std::string indicator;
    double points = 0;
    std::string reason;
    std::string cause;  // for "cap": the critical indicator behind it
};

struct IndicatorScore {
    std::string id;
    std::string title;
    std::optional<double> score;
    double weight = 0;
    std::string status;
};

struct ScoreFile {
    std::string run_id;
    core::TimePoint as_of{};
    int score = 0;
    bool scored = true;               // false: nothing that reads data was judged (score null)
    bool complete = true;             // every dataset read in full, nothing unknown
    int checked_percent = 100;        // share of the checks' weight that was judged
    std::string status = "unknown";   // ok | warn | critical | incomplete (older files: unknown)
    std::string confidence;           // shown as given ("high", "0.8")
    std::string coverage;             // shown as given
    std::vector<std::string> paused;  // platforms whose coverage was "paused"
    std::vector<Deduction> deductions;
    std::vector<IndicatorScore> indicators;
};

struct PlatformManifest {
    std::string name;  // "shopify", "klaviyo"
    std::string status;
    Counts counts;
    std::int64_t requests = 0;
    std::int64_t retries = 0;
    std::int64_t throttled = 0;
    double wait_seconds = 0;
    std::vector<std::string> errors;
    std::vector<std::string> notes;
    std::vector<std::string> missing_scopes;
    std::string breaker;  // "closed", "open since ...", "" when absent
    std::optional<core::TimePoint> breaker_opened_at;
    std::optional<core::TimePoint> outage_since;    // first of the consecutive failed runs
    int failed_runs = 0;                            // how many in a row
    std::optional<core::TimePoint> next_attempt;    // while paused
    std::optional<core::TimePoint> recovered_from;  // this run ended a paused episode begun then
};

// An earlier run that could not read everything.
struct CatchUpRun {
    core::TimePoint as_of{};
    std::vector<std::pair<std::string, std::string>> platforms;  // name -> unavailable | paused | partial
};

// How the run's window was chosen (manifest "catch_up").
struct CatchUpInfo {
    std::optional<core::TimePoint> watermark;      // set when the window reaches back over unjudged periods
    std::optional<core::TimePoint> skipped_since;  // [skipped_since, window.since) not judged
    std::optional<core::TimePoint> previous_run;
    std::optional<core::TimePoint> next_run;  // when the next scheduled run is expected
    core::TimePoint nominal_since{};
    std::vector<CatchUpRun> runs;
};

struct ManifestFile {
    std::string run_id;
    core::TimePoint as_of{};
    Window window;
    std::string store;
    std::string timezone;
    std::vector<PlatformManifest> platforms;
    CatchUpInfo catch_up;
};

ChecksFile parse_checks(const std::string& json, const std::string& where);
ScoreFile parse_score(const std::string& json, const std::string& where);
ManifestFile parse_manifest(const std::string& json, const std::string& where);

ChecksFile load_checks(const std::filesystem::path& path);
ScoreFile load_score(const std::filesystem::path& path);
ManifestFile load_manifest(const std::filesystem::path& path);

}  // namespace frr::report
