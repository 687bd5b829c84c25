#pragma once
// `frr check`: judges one run's snapshot against the health model and writes
// checks.json into the run directory (CONTRACTS.md section 5, extended; see
// checks/findings_json.hpp). The previous run that has checks.json supplies
// the diff (new / persisting / resolved keys), the late-event bounds and the
// audience history.
//
// Exit code (CONTRACTS.md section 1, highest precedence wins): 4 when a
// platform was paused, 3 when one was partial or unavailable, else 2/1/0 for
// critical/warn/ok health. Throws core::Error: bad_input (65) for an
// unreadable snapshot, cannot_write (73) when checks.json cannot be written.
#include "checks/findings.hpp"
#include "checks/health_score.hpp"
#include "core/error.hpp"
#include "core/state_dir.hpp"
#include "pipeline/context.hpp"
#include "pipeline/fetch.hpp"

#include <chrono>

namespace frr::pipeline {

struct CheckOptions {
    // An explicit window length (--since); 0: the snapshot's window (as fetched).
    std::chrono::seconds since{0};
    // no: a dry run; the watermarks are left as they were.
    Record record = Record::yes;
};

struct CheckResult {
    checks::Findings findings;
    checks::HealthScore score;
    core::ExitCode exit = core::ExitCode::ok;
};

CheckResult run_check(const RunContext& ctx, const core::RunInfo& run, const CheckOptions& options = {});

}  // namespace frr::pipeline
