#pragma once
// One first-contact check (`frr doctor`): passed or not, the evidence seen, and what to do.
// Connectors produce the platform's own checks; pipeline/doctor.cpp combines them.
#include "core/error.hpp"

#include <functional>
#include <string>
#include <vector>

namespace frr::connectors {

struct ProbeResult {
    std::string title;  // "Shopify: credentials and scopes"
    bool passed = false;
    std::vector<std::string> evidence;  // what was seen, one line each (no secrets)
    std::string action;                 // what to do; advice even when passed
    // The exit code a failure stands for: credentials (77), config (78) or a failed check (1).
    core::ExitCode failure = core::ExitCode::health_warn;
};

// Runs one probe; a core::Error it throws (a secret not set, a token refused) becomes a failed
// check titled `title`, with the error as evidence and its remedy as the action.
ProbeResult guarded_probe(const std::string& title, const std::function<ProbeResult()>& probe);

}  // namespace frr::connectors
