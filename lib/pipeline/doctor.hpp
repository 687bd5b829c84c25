#pragma once
// `frr doctor`: the first-contact self-check a person runs once on a new store
// (docs/operations.md, "First contact"). It reads a little of both platforms and says, check by
// check, whether frr's assumptions hold there. Each connector brings its own checks
// (Source::probe, Destination::probe: credentials and scopes, the configured API version, the
// store's time zone) and the destination those of the pair (Destination::probe_pair: which
// event property maps purchase events to the source's orders and whether those orders exist,
// whether its daily counts follow the store's days). Nothing is written to the state directory.
#include "connectors/probe.hpp"
#include "pipeline/context.hpp"

#include <string>
#include <vector>

namespace frr::pipeline {

struct DoctorReport {
    std::vector<connectors::ProbeResult> checks;
    core::ExitCode exit = core::ExitCode::ok;  // the worst failure's code; ok when all passed
};

DoctorReport run_doctor(const RunContext& ctx);

// The checks as people read them: "✔ title" / "✘ title", the evidence indented, then "→ action".
std::string render_doctor(const DoctorReport& report);

}  // namespace frr::pipeline
