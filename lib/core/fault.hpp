#pragma once
// Crash-test fault points. In test executables (frr-faults, the unit tests: those with the CMake
// target property FRR_FAULT_POINTS, lib/CMakeLists.txt), a process whose environment has
// FRR_FAULT_AT=<name> dies abruptly (as if killed, no destructors, no flush) when it reaches
// fault_point("<name>"). The crash-safety tests use this to stop frr at each place it writes
// state. Everything else, the installed frr included, links the version that does nothing.
#include <string_view>

namespace frr::core {

void fault_point(std::string_view name);

}  // namespace frr::core
