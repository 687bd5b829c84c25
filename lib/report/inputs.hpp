#pragma once
// The run directory's JSON files the report is built from, read into plain
// structs: checks.json (CONTRACTS.md section 5), score.json and manifest.json
// (section 6). The report depends on these files only, never on the checks
// code, so a report can be re-rendered from any past run directory.
//
// Reading is lenient about optional fields (absent -> empty) and strict about
// shape: a file that is not JSON, or a field of the wrong type where the
// report needs it, throws core::Error(bad_input) naming the file and field.
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
};

struct Exclusion {
    std::string reason;
    std::int64_t count = 0;
};

struct Window {
    core::TimePoint since{};
    core::TimePoint until{};
};

struct ChecksFile {
    std::string run_id;
    core::TimePoint as_of{};
    Window window;
    std::string store_name;
    std::string timezone;
    std::vector<std::pair<std::string, std::string>> coverage;  // platform -> complete|partial|...
    std::vector<std::string> coverage_notes;
    std::vector<Exclusion> exclusions;
    std::vector<IndicatorFinding> indicators;
};

struct Deduction {
    std::string indicator;
    double points = 0;
    std::string reason;
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
    std::string status = "unknown";
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
};

struct ManifestFile {
    std::string run_id;
    core::TimePoint as_of{};
    Window window;
    std::string store;
    std::string timezone;
    std::vector<PlatformManifest> platforms;
};

ChecksFile parse_checks(const std::string& json, const std::string& where);
ScoreFile parse_score(const std::string& json, const std::string& where);
ManifestFile parse_manifest(const std::string& json, const std::string& where);

ChecksFile load_checks(const std::filesystem::path& path);
ScoreFile load_score(const std::filesystem::path& path);
ManifestFile load_manifest(const std::filesystem::path& path);

}  // namespace frr::report
