#pragma once
#include "app.hpp"

namespace frr::cli {

// frr validate: loads and checks the config and prints what frr would do,
// with secrets shown only by where they come from.
Command make_validate_command(CLI::App& parent, GlobalOptions& globals);

}  // namespace frr::cli
