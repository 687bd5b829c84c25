#include "pipeline/check.hpp"

#include "checks/check_input.hpp"
#include "checks/evaluate.hpp"
#include "checks/findings_json.hpp"
#include "model/snapshot.hpp"

#include <fmt/format.h>
#include <memory>

namespace frr::pipeline {

namespace {

// The previous run's findings and snapshot. Either may be missing (first run,
// pruned data); a corrupt previous file costs the diff, not the run, so it is
// reported as a coverage note instead of failing the check.
struct Previous {
    std::unique_ptr<checks::Findings> findings;
    std::unique_ptr<model::Snapshot> snapshot;
    std::string problem;
};

Previous load_previous(const RunContext& ctx, const core::RunInfo& run)
{
    Previous out;
    const auto prev = ctx.state.previous_run(run.as_of, "checks.json");
    if (!prev)
        return out;
    try {
        const auto path = prev->dir / "checks.json";
        out.findings = std::make_unique<checks::Findings>(
            checks::findings_from_json(core::read_file(path), path.string()));
        if (std::filesystem::exists(prev->dir / "manifest.json"))
            out.snapshot = std::make_unique<model::Snapshot>(model::read_snapshot(prev->dir));
    } catch (const core::Error& e) {
        out.findings.reset();
        out.snapshot.reset();
        out.problem =
            fmt::format("previous run {} could not be read ({}); no comparison with it", prev->id, e.what());
    }
    return out;
}

}  // namespace

CheckResult run_check(const RunContext& ctx, const core::RunInfo& run, const CheckOptions& options)
{
    const auto snapshot = model::read_snapshot(run.dir);
    auto previous = load_previous(ctx, run);
    if (!previous.problem.empty())
        ctx.services.logger.warn("check", previous.problem);
    core::ChecksConfig config = ctx.config.checks;
    if (options.since.count() > 0)
        config.window = options.since;
    const auto timezone =
        snapshot.manifest.timezone.empty() ? ctx.config.store.timezone : snapshot.manifest.timezone;
    checks::CheckInput input(snapshot, previous.snapshot.get(), previous.findings.get(), config, timezone);
    CheckResult result;
    result.findings = checks::evaluate(input, ctx.config.store.name);
    if (result.findings.run_id.empty())
        result.findings.run_id = run.id;
    if (!previous.problem.empty())
        result.findings.coverage_notes.push_back(previous.problem);
    result.score = checks::compute_score(result.findings, config);
    result.exit = checks::exit_code_for(result.findings, result.score);
    core::atomic_write(run.dir / "checks.json", checks::to_json(result.findings));
    return result;
}

}  // namespace frr::pipeline
