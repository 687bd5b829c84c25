#pragma once
// `frr fetch`: pulls the check window from Shopify and Klaviyo at the same
// time and writes one snapshot (manifest.json + data files) into a new run
// directory. Per-platform failures are values in the manifest (status,
// errors in plain words); the exit code says how complete the run was:
//   ok           both platforms complete;
//   partial (3)  a platform unavailable or incomplete, the other's data written;
//   paused (4)   a platform's circuit breaker is open and it was skipped;
//   credentials (77) credentials rejected or a scope missing (named in errors).
// Run-level failures (config, state directory) throw core::Error.
#include "core/error.hpp"
#include "core/state_dir.hpp"
#include "model/snapshot.hpp"
#include "pipeline/context.hpp"

#include <chrono>

namespace frr::pipeline {

enum class FullFetch { no, yes };  // yes: ignore the previous snapshot
// no: a dry run. Nothing it does becomes history: its run directory lives under
// dry-runs/, and the circuit breakers and watermarks are left as they were.
enum class Record { yes, no };

struct FetchOptions {
    // An explicit window length (--since), ending at --as-of; 0: the window
    // from the watermarks (checks.window, reaching back over what earlier runs
    // could not judge, at most checks.max_catch_up).
    std::chrono::seconds since{0};
    FullFetch full = FullFetch::no;
    Record record = Record::yes;
};

struct FetchResult {
    core::RunInfo run;
    model::Manifest manifest;
    core::ExitCode exit = core::ExitCode::ok;
};

FetchResult run_fetch(const RunContext& ctx, const FetchOptions& options);

}  // namespace frr::pipeline
