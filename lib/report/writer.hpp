#pragma once
// Writing a run's report: from the run's findings, score and manifest (in
// memory within `frr run`; `frr report` reads them back through the checks and
// model layers' readers), the past runs' scores from the state directory, render
// every format and write the client's copy (report.html, report.txt,
// report.md), the operator's copy (operator.html, operator.txt, operator.md)
// and report.json into the run directory, each atomically. report.json is written last: its
// presence marks a complete report, which is what `send` looks for.
#include "report/render.hpp"

#include "core/state_dir.hpp"

#include <chrono>
#include <filesystem>
#include <string>

namespace frr::core {
class Redactor;
}

namespace frr::report {

struct WriteOptions {
    std::filesystem::path templates_dir;                // "" -> bundled reports/
    std::chrono::seconds schedule_interval{24 * 3600};  // for the missed-run note
    std::string store_name;                             // fallbacks when the files have none
    std::string timezone;
    const core::Redactor* redactor = nullptr;
    std::size_t trend_points = 12;
    bool show_masked_emails = false;  // delivery.show_masked_emails
    model::Vocabulary words;          // the integration pair's names for people
};

struct ReportFiles {
    std::filesystem::path html;
    std::filesystem::path text;
    std::filesystem::path markdown;
    std::filesystem::path json;
    std::filesystem::path operator_html;
    std::filesystem::path operator_text;
    std::filesystem::path operator_markdown;
    std::string subject;  // "[frr] CRITICAL 54/100 — My store: 14 orders missing in Klaviyo"
    std::string status;   // ok | warn | critical | unknown
    int score = 0;
};

// What one run's report is about, as the checks layer judged it.
struct RunFindings {
    checks::Findings findings;
    checks::HealthScore score;
    model::Manifest manifest;  // empty when the run has no manifest.json: the appendix is then shorter
};

// Reads a run directory's checks.json, score.json (through the checks layer's
// readers) and manifest.json (the model's). Throws Error(bad_input) when checks.json
// or score.json is missing or unreadable; manifest.json is optional.
RunFindings read_run_findings(const core::RunInfo& run);

// Builds the inputs for one run (exposed for tests).
ReportInput make_inputs(const core::StateDir& state, const core::RunInfo& run, RunFindings data,
                        const WriteOptions& options);
// The same from the run directory's files (read_run_findings).
ReportInput read_inputs(const core::StateDir& state, const core::RunInfo& run, const WriteOptions& options);

// Throws Error(config) for a broken template, Error(cannot_write) when a file
// cannot be written.
ReportFiles write_report(const core::StateDir& state, const core::RunInfo& run, RunFindings data,
                         const WriteOptions& options);
// The same from the run directory's files; also throws read_run_findings' errors.
ReportFiles write_report(const core::StateDir& state, const core::RunInfo& run, const WriteOptions& options);

}  // namespace frr::report
