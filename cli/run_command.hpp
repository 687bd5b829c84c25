#pragma once
#include "app.hpp"

namespace frr::cli {

// frr run [--since 24h] [--dry-run] [--fail-on warn|critical]: the whole job, for cron.
Command make_run_command(CLI::App& parent, GlobalOptions& globals);

}  // namespace frr::cli
