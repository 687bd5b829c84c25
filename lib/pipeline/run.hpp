#pragma once
// `frr run`: the one cron line. Takes the state lock, then fetch -> check ->
// score -> report -> send -> prune, with heartbeat pings around it. A platform
// that is down still yields a report (with reduced coverage); while a
// platform's circuit breaker stays open, only the run on which it opened
// sends a "monitoring paused" report, and the run on which it closes sends the
// "recovered" one — not one notice per cron run.
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
    std::chrono::seconds since{0};  // 0 = config checks.window
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

// Pure: whether this run's report goes out, given whether some platform was
// paused in this run and in the previous one.
DeliveryDecision decide_delivery(bool paused_now, bool paused_before, delivery::DryRun dry_run);

// Pure: the exit code of `run` (CONTRACTS.md section 1: health only with --fail-on).
core::ExitCode run_exit_code(core::ExitCode fetch_exit, core::ExitCode health_exit, core::ExitCode send_exit,
                             FailOn fail_on);

}  // namespace frr::pipeline
