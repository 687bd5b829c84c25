#pragma once
// No unchecked gap: <state>/watermarks.json keeps, per dataset (model/datasets.hpp),
// the end of the last period whose records were fully judged:
//   {"orders": "2026-11-27T05:00:00Z", "profiles": "2026-11-27T05:00:00Z", ...}
//
// A run's record-level window starts at the oldest watermark of the datasets
// the indicators judge record by record, or at as_of - checks.window when that
// is earlier (so hourly runs keep judging the last day), but never before
// as_of - checks.max_catch_up: missed cron runs, a machine that was off and a
// platform outage are checked as soon as the data can be read, and a period
// older than the cap is named in the report as skipped. An explicit --since
// forces its window. After the check, a dataset's watermark moves to the run's
// judge_before (as_of - grace) when the dataset was complete, every indicator
// that reads it was judged, and the window reached back to its watermark (or
// skipped, and said so); it never moves back. Dry runs leave it alone.
#include "checks/findings.hpp"
#include "core/config.hpp"
#include "core/state_dir.hpp"
#include "model/snapshot.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace frr::pipeline {

class Watermarks {
public:
    // Reads the file if present; throws core::Error(bad_input) naming it when corrupt.
    explicit Watermarks(const core::StateDir& state);
    std::optional<core::TimePoint> of(std::string_view dataset) const;
    // Moves forward only.
    void advance(std::string_view dataset, core::TimePoint to);
    const std::map<std::string, core::TimePoint>& all() const { return m_marks; }
    // Atomic write.
    void save() const;

private:
    std::filesystem::path m_path;
    std::map<std::string, core::TimePoint> m_marks;
};

// The datasets whose records some indicator judges inside the window: the
// ones whose watermarks set a run's window.
std::vector<std::string> watermarked_datasets();

// Where a run's record-level window starts, and why.
struct WindowPlan {
    core::TimePoint since{};          // the window is [since, as_of)
    core::TimePoint nominal_since{};  // as_of - checks.window (or - --since)
    bool explicit_window = false;     // --since
    // The oldest watermark of watermarked_datasets(), when there is one.
    std::optional<core::TimePoint> watermark;
    // Capped by checks.max_catch_up: [watermark, since) is not judged by this run.
    std::optional<core::TimePoint> skipped_since;
};

// `explicit_since`: the --since length, or 0.
WindowPlan plan_window(core::TimePoint as_of, const core::ChecksConfig& checks, const Watermarks& marks,
                       std::chrono::seconds explicit_since);

// Earlier runs in history after `from` and before `as_of` whose data was not
// whole (a platform unavailable, paused or partial), for the report's
// "because the runs on 28 and 29 Nov could not reach Klaviyo".
std::vector<model::CatchUpRun> runs_that_could_not_judge(const core::StateDir& state, core::TimePoint from,
                                                         core::TimePoint as_of);

// Advances the watermarks after a check (rule above).
void advance_watermarks(Watermarks& marks, const model::Manifest& manifest, const checks::Findings& findings,
                        const core::ChecksConfig& checks);

}  // namespace frr::pipeline
