#include "pipeline/run.hpp"

#include "core/clock.hpp"
#include "core/fault.hpp"
#include "model/snapshot.hpp"
#include "pipeline/check.hpp"
#include "pipeline/fetch.hpp"
#include "pipeline/score.hpp"

#include <fmt/format.h>

namespace frr::pipeline {

namespace {

bool any_paused(const model::Manifest& m)
{
    for (const auto& [name, p] : m.platforms)
        if (p.status == model::Coverage::paused)
            return true;
    return false;
}

bool previous_paused(const RunContext& ctx, const core::RunInfo& current)
{
    auto prev = ctx.state.previous_run(current.as_of, "manifest.json");
    if (!prev || prev->id == current.id)
        return false;
    try {
        return any_paused(model::read_manifest(prev->dir));
    } catch (const core::Error&) {
        return false;  // an unreadable old manifest must not stop today's report
    }
}

}  // namespace

DeliveryDecision decide_delivery(bool paused_now, bool paused_before, delivery::DryRun dry_run)
{
    if (dry_run == delivery::DryRun::yes)
        return DeliveryDecision::dry_run;
    if (paused_now && paused_before)
        return DeliveryDecision::held_while_paused;
    return DeliveryDecision::send;
}

core::ExitCode run_exit_code(core::ExitCode fetch_exit, core::ExitCode health_exit, core::ExitCode send_exit,
                             FailOn fail_on)
{
    auto exit = core::worst_of(fetch_exit, send_exit);
    bool health_counts =
        (fail_on == FailOn::warn &&
         (health_exit == core::ExitCode::health_warn || health_exit == core::ExitCode::health_critical)) ||
        (fail_on == FailOn::critical && health_exit == core::ExitCode::health_critical);
    if (health_counts)
        exit = core::worst_of(exit, health_exit);
    return exit;
}

RunResult run_pipeline(const RunContext& ctx, const RunOptions& options)
{
    // The lock records when this process really started (wall clock), not the
    // run's --as-of: a would-be holder reads it to judge how long we have been
    // running. Like the pid, it is a fact about the process, so it is read here
    // rather than from the run's (possibly fixed) clock.
    auto lock = ctx.state.lock(core::SystemClock().now());
    auto& log = ctx.services.logger;
    ping_heartbeat(ctx, HeartbeatEvent::start, "frr run started");
    RunResult result;
    try {
        auto since = options.since.count() > 0 ? options.since : ctx.config.checks.window;
        auto fetched = run_fetch(ctx, FetchOptions{since, FullFetch::no});
        result.run = fetched.run;
        result.fetch_exit = fetched.exit;
        core::fault_point("run.after_fetch");

        auto checked = run_check(ctx, fetched.run, CheckOptions{since});
        core::fault_point("run.after_check");
        auto scored = run_score(ctx, fetched.run);
        core::fault_point("run.after_score");
        result.health_exit = scored.exit;
        // check/score fold coverage into their code; keep only the health part.
        if (result.health_exit == core::ExitCode::partial || result.health_exit == core::ExitCode::paused) {
            auto s = scored.score.status;
            result.health_exit = s == checks::Status::critical ? core::ExitCode::health_critical
                : s == checks::Status::warn                    ? core::ExitCode::health_warn
                                                               : core::ExitCode::ok;
        }
        (void)checked;

        result.report = run_report(ctx, fetched.run);
        core::fault_point("run.after_report");

        result.delivery =
            decide_delivery(any_paused(fetched.manifest), previous_paused(ctx, fetched.run), options.dry_run);
        if (result.delivery == DeliveryDecision::held_while_paused) {
            log.info("send",
                     "a platform is still paused: the paused notice already went out, "
                     "this report is kept and not sent");
        } else {
            result.send = run_send(ctx, SendOptions{options.dry_run, delivery::Resend::no});
        }

        core::fault_point("run.before_prune");
        result.pruned = ctx.state.prune(ctx.as_of, ctx.config.state.retention, ctx.config.state.keep_min);
        core::fault_point("run.after_prune");
        result.exit =
            run_exit_code(result.fetch_exit, result.health_exit, result.send.exit_code, options.fail_on);
    } catch (const core::Error& e) {
        ping_heartbeat(ctx, HeartbeatEvent::failure, e.what());
        throw;
    }
    bool degraded = result.exit != core::ExitCode::ok && result.exit != core::ExitCode::health_warn &&
        result.exit != core::ExitCode::health_critical;
    ping_heartbeat(ctx, degraded ? HeartbeatEvent::failure : HeartbeatEvent::success,
                   fmt::format("{} (exit {})", result.report.subject, static_cast<int>(result.exit)));
    return result;
}

}  // namespace frr::pipeline
