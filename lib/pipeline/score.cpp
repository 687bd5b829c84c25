#include "pipeline/score.hpp"

#include "checks/findings_json.hpp"

#include <filesystem>

namespace frr::pipeline {

ScoreResult run_score(const RunContext& ctx, const core::RunInfo& run)
{
    const auto path = run.dir / "checks.json";
    if (!std::filesystem::exists(path))
        throw core::Error(core::ExitCode::bad_input, "no checks.json in the run", path.string(),
                          "run `frr check` first");
    return score_findings(ctx, run, checks::findings_from_json(core::read_file(path), path.string()));
}

ScoreResult score_findings(const RunContext& ctx, const core::RunInfo& run, checks::Findings findings)
{
    ScoreResult result;
    result.findings = std::move(findings);
    result.score = checks::compute_score(result.findings, ctx.config.checks);
    result.exit = checks::exit_code_for(result.findings, result.score);
    core::atomic_write(run.dir / "score.json", checks::score_json(result.findings, result.score));
    return result;
}

}  // namespace frr::pipeline
