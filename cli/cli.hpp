#pragma once

namespace frr::cli {

// Parses, runs one subcommand inside one try/catch, and maps the outcome to
// the exit codes of CONTRACTS.md section 1.
int main(int argc, char** argv);

}  // namespace frr::cli
