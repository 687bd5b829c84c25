#pragma once
#include "app.hpp"

namespace frr::cli {

// frr doctor: the first-contact self-check of a new store (lib/pipeline/doctor.hpp); prints
// each check with its evidence and what to do, exits non-zero when any failed.
Command make_doctor_command(CLI::App& parent, GlobalOptions& globals);

}  // namespace frr::cli
