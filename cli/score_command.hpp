#pragma once
#include "app.hpp"

namespace frr::cli {

// frr score [--run ID] [--format text|json]: score the latest checks and write score.json.
Command make_score_command(CLI::App& parent, GlobalOptions& globals);

}  // namespace frr::cli
