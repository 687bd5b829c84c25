#pragma once
// What this frr is: the project version (CMake's project(VERSION)) and the git revision it was
// built from. Both are defined in one generated file (build/generated/version.cpp, written by
// cmake/GitRevision.cmake at every build, rewritten only when they change), so a new commit
// recompiles that one file and relinks, instead of every object that would see a macro.
#include <string_view>

namespace frr::core {

// "0.1.0"
std::string_view version();
// `git describe --always --dirty` of the source tree, e.g. "3fb4842c1a2b" or "3fb4842c1a2b-dirty";
// the configured FRR_GIT_REVISION when the tree is not a git checkout (a source tarball, an
// image built without .git); "unknown" when neither says.
std::string_view git_revision();

}  // namespace frr::core
