#include "pipeline/check.hpp"

#include "checks/check_input.hpp"
#include "checks/evaluate.hpp"
#include "checks/findings_json.hpp"
#include "connectors/registry.hpp"
#include "model/snapshot.hpp"
#include "pipeline/watermarks.hpp"

#include <algorithm>

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

// Whether every platform of a run's snapshot was read completely.
bool whole(const core::RunInfo& run)
{
    try {
        const auto m = model::read_manifest(run.dir);
        return std::all_of(m.platforms.begin(), m.platforms.end(),
                           [](const auto& p) { return p.second.status == model::Coverage::complete; });
    } catch (const core::Error&) {
        return false;
    }
}

// The run to compare with: the newest earlier run that checked everything,
// so orders it found missing are still followed (late arrivals) across runs
// that could not read a platform; else the newest earlier checked run.
std::optional<core::RunInfo> baseline_run(const core::StateDir& state, core::TimePoint as_of)
{
    std::optional<core::RunInfo> newest;
    const auto all = state.runs();
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        if (it->as_of >= as_of || !std::filesystem::exists(it->dir / "checks.json"))
            continue;
        if (!newest)
            newest = *it;
        if (whole(*it))
            return *it;
    }
    return newest;
}

Previous load_previous(const RunContext& ctx, const core::RunInfo& run)
{
    Previous out;
    const auto prev = baseline_run(ctx.state, run.as_of);
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
    std::optional<core::TimePoint> since;
    if (options.since.count() > 0) {
        config.window = options.since;
        // Never before what the snapshot holds: records before it were not fetched.
        since = std::max(run.as_of - options.since, snapshot.manifest.since);
    }
    const auto timezone =
        snapshot.manifest.timezone.empty() ? ctx.config.store.timezone : snapshot.manifest.timezone;
    const auto words = connectors::vocabulary(ctx.config.source, ctx.config.destination);
    checks::CheckInput input(snapshot, previous.snapshot.get(), previous.findings.get(), config, words,
                             timezone, since);
    CheckResult result;
    result.findings = checks::evaluate(input, ctx.config.store.name);
    if (result.findings.run_id.empty())
        result.findings.run_id = run.id;
    if (!previous.problem.empty())
        result.findings.coverage_notes.push_back(previous.problem);
    result.score = checks::compute_score(result.findings, config);
    result.exit = checks::exit_code_for(result.findings, result.score);
    core::atomic_write(run.dir / "checks.json", checks::to_json(result.findings));
    if (options.record == Record::yes) {
        Watermarks marks(ctx.state);
        advance_watermarks(marks, snapshot.manifest, result.findings, config);
        marks.save();
    }
    return result;
}

}  // namespace frr::pipeline
