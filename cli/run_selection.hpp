#pragma once
// Which run directory a subcommand works on: --run ID, or the newest run that
// has the file the subcommand needs.
#include "app.hpp"

namespace frr::cli {

// Throws Error(bad_input) saying what to run first when there is none.
core::RunInfo select_run(Environment& env, const std::string& run_id, const std::string& marker,
                         const std::string& produced_by);

}  // namespace frr::cli
