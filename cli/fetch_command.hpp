#pragma once
#include "app.hpp"

namespace frr::cli {

// frr fetch [--since 24h] [--full]: pull the window from both platforms into a new snapshot.
Command make_fetch_command(CLI::App& parent, GlobalOptions& globals);

}  // namespace frr::cli
