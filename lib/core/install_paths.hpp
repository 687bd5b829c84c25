#pragma once
// Where frr finds the read-only files it ships (the report templates): relative to its own
// executable, never through a path compiled in. An installed frr is <prefix>/bin/frr and reads
// <prefix>/share/frr/, wherever the prefix was moved; the build tree mirrors that layout
// (build/share/frr/reports links to the source's reports/), so build/cli/frr works in place.
#include <filesystem>

namespace frr::core {

// The running executable (/proc/self/exe).
std::filesystem::path executable_path();
// <directory of the executable>/../share/frr (the relative part is the install layout's,
// cmake's CMAKE_INSTALL_BINDIR to CMAKE_INSTALL_DATADIR/frr).
std::filesystem::path data_dir();

}  // namespace frr::core
