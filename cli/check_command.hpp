#pragma once
#include "app.hpp"

namespace frr::cli {

// frr check [--since 24h] [--no-fetch] [--format text|json] [--run ID]
Command make_check_command(CLI::App& parent, GlobalOptions& globals);

// --since as a duration, or 0 when empty (the window then comes from the watermarks).
std::chrono::seconds since_option(const std::string& text, const core::Config& config);

}  // namespace frr::cli
