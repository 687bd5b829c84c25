#pragma once
// `frr run`: the one cron line. Takes the state lock, then fetch -> check ->
// score -> report -> send -> prune, with heartbeat pings around it. A platform
// that is down still yields a report (incomplete, never critical); once a
// platform's circuit breaker has opened, the first run that skips it sends the
// one "monitoring paused" notice, later runs of the same episode (skipped runs,
// failed probes) keep their reports (`held`), and the run on which the breaker
// closes sends the "recovered" one: not one notice per cron run.
// A dry run writes under dry-runs/ and changes no breaker, watermark or ledger.
#include "core/error.hpp"
#include "pipeline/context.hpp"
#include "pipeline/report.hpp"
#include "pipeline/send.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace frr::pipeline {

enum class FailOn { never, warn, critical };

struct RunOptions {
    std::chrono::seconds since{0};  // explicit window length (--since); 0 = from the watermarks
    delivery::DryRun dry_run = delivery::DryRun::no;
    FailOn fail_on = FailOn::never;
};

enum class DeliveryDecision { send, held_while_paused, dry_run };

struct RunResult {
    core::RunInfo run;
    core::ExitCode exit = core::ExitCode::ok;
    core::ExitCode fetch_exit = core::ExitCode::ok;
    core::ExitCode health_exit = core::ExitCode::ok;
    ReportResult report;
    SendResult send;
    DeliveryDecision delivery = DeliveryDecision::send;
    std::vector<std::string> pruned;
};

// Throws core::Error for run-level failures (lock held: 75, config: 78,
// state unwritable: 73); platform failures are in the result.
RunResult run_pipeline(const RunContext& ctx, const RunOptions& options);

// Pure: whether this run's report goes out, given whether a circuit breaker is
// still in an episode whose paused notice already went out.
DeliveryDecision decide_delivery(bool notice_already_sent, delivery::DryRun dry_run);

// Pure: the exit code of `run` (CONTRACTS.md section 1: health only with --fail-on).
core::ExitCode run_exit_code(core::ExitCode fetch_exit, core::ExitCode health_exit, core::ExitCode send_exit,
                             FailOn fail_on);

}  // namespace frr::pipeline
