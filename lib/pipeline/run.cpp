#include "pipeline/run.hpp"

#include "core/clock.hpp"
#include "core/fault.hpp"
#include "model/snapshot.hpp"
#include "pipeline/check.hpp"
#include "pipeline/fetch.hpp"
#include "pipeline/fetch_breaker.hpp"
#include "pipeline/score.hpp"

#include <fmt/format.h>

namespace frr::pipeline {

namespace {

// Dry runs kept in dry-runs/ for a look (never read by later runs).
constexpr std::size_t k_dry_runs_kept = 3;

bool any_paused(const model::Manifest& m)
{
    for (const auto& [name, p] : m.platforms)
        if (p.status == model::Coverage::paused)
            return true;
    return false;
}

// Some platform's breaker is open or probing in an episode whose paused notice went out.
bool notice_already_sent(const RunContext& ctx)
{
    const BreakerFile breakers(ctx.state, ctx.config.breaker);
    for (const auto& [name, b] : breakers.all())
        if (b.state() != net::BreakerState::closed && b.notified())
            return true;
    return false;
}

// After the paused notice went out: the rest of the episode is held, not sent.
void mark_notified(const RunContext& ctx, const model::Manifest& m)
{
    BreakerFile breakers(ctx.state, ctx.config.breaker);
    for (const auto& [name, p] : m.platforms)
        if (p.status == model::Coverage::paused)
            breakers.of(name).mark_notified();
    breakers.save();
}

}  // namespace

DeliveryDecision decide_delivery(bool notice_already_sent, delivery::DryRun dry_run)
{
    if (dry_run == delivery::DryRun::yes)
        return DeliveryDecision::dry_run;
    if (notice_already_sent)
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
        const auto record = options.dry_run == delivery::DryRun::yes ? Record::no : Record::yes;
        auto fetched = run_fetch(ctx, FetchOptions{options.since, FullFetch::no, record});
        result.run = fetched.run;
        result.fetch_exit = fetched.exit;
        core::fault_point("run.after_fetch");

        // Findings and score pass in memory; checks.json and score.json are written
        // for the separate subcommands and for crash recovery, not read back here.
        auto checked = run_check(ctx, fetched.run, CheckOptions{options.since, record});
        core::fault_point("run.after_check");
        auto scored = score_findings(ctx, fetched.run, std::move(checked.findings));
        core::fault_point("run.after_score");
        result.health_exit = scored.exit;
        // check/score fold coverage into their code; keep only the health part.
        if (result.health_exit == core::ExitCode::partial || result.health_exit == core::ExitCode::paused) {
            auto s = scored.score.status;
            result.health_exit = s == checks::Status::critical ? core::ExitCode::health_critical
                : s == checks::Status::warn                    ? core::ExitCode::health_warn
                                                               : core::ExitCode::ok;
        }

        result.report = run_report(
            ctx, fetched.run,
            report::RunFindings{std::move(scored.findings), std::move(scored.score), fetched.manifest});
        core::fault_point("run.after_report");

        result.delivery = decide_delivery(record == Record::yes && notice_already_sent(ctx), options.dry_run);
        if (result.delivery == DeliveryDecision::held_while_paused) {
            hold_report(ctx, fetched.run);
            log.info("send",
                     "monitoring is still paused: the paused notice already went out, "
                     "this report is kept and not sent");
        } else {
            SendOptions send{options.dry_run, delivery::Resend::no};
            if (record == Record::no)
                send.preview = fetched.run;
            result.send = run_send(ctx, send);
            if (record == Record::yes && any_paused(fetched.manifest) &&
                result.send.exit_code != core::ExitCode::delivery_failed)
                mark_notified(ctx, fetched.manifest);
        }

        core::fault_point("run.before_prune");
        if (record == Record::yes)
            result.pruned = ctx.state.prune(ctx.as_of, ctx.config.state.retention, ctx.config.state.keep_min);
        else
            ctx.state.prune_dry_runs(k_dry_runs_kept);
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
