#pragma once
// The list of subcommands, in the order --help shows them.
#include "app.hpp"

#include <vector>

namespace frr::cli {

std::vector<CommandFactory> all_commands();

}  // namespace frr::cli
