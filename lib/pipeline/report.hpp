#pragma once
// `frr report`: renders a run's report (report.html, report.txt, report.md,
// report.json) into its run directory, atomically. Thin over report::write_report.
#include "pipeline/context.hpp"
#include "report/writer.hpp"

#include <filesystem>
#include <string>

namespace frr::pipeline {

struct ReportResult {
    std::filesystem::path html;
    std::filesystem::path text;
    std::filesystem::path markdown;
    std::filesystem::path json;
    std::string subject;  // "[frr] CRITICAL 54/100 — My store: 14 orders missing in Klaviyo"
    std::string status;   // ok | warn | critical | unknown
    int score = 0;
};

// `frr report`: the findings read back from the run's checks.json, score.json and manifest.json.
// Throws core::Error: bad_input (checks.json/score.json missing or unreadable), config
// (broken template), cannot_write.
ReportResult run_report(const RunContext& ctx, const core::RunInfo& run);
// Within `frr run`: the findings, score and manifest the earlier stages hold in memory.
ReportResult run_report(const RunContext& ctx, const core::RunInfo& run, report::RunFindings findings);

}  // namespace frr::pipeline
