#pragma once
// `frr score`: reads a run's checks.json, computes the health score
// (checks/health_score.hpp) and writes score.json into the same run
// directory. Exit code as for check: 4/3 for paused/partial coverage, else
// 2/1/0 for critical/warn/ok. Throws core::Error: bad_input (65) when
// checks.json is missing or unreadable, cannot_write (73) for score.json.
#include "checks/findings.hpp"
#include "checks/health_score.hpp"
#include "core/error.hpp"
#include "core/state_dir.hpp"
#include "pipeline/context.hpp"

namespace frr::pipeline {

struct ScoreResult {
    checks::Findings findings;
    checks::HealthScore score;
    core::ExitCode exit = core::ExitCode::ok;
};

ScoreResult run_score(const RunContext& ctx, const core::RunInfo& run);

// Within `frr run`: scores the findings `frr check` holds in memory and writes
// score.json, without reading checks.json back. Throws cannot_write (73).
ScoreResult score_findings(const RunContext& ctx, const core::RunInfo& run, checks::Findings findings);

}  // namespace frr::pipeline
