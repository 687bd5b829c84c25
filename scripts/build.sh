#!/usr/bin/env bash
# Installs what is missing (scripts/install-deps.sh), configures the build directory once and
# builds. Used by scripts/demo.sh and scripts/test.sh (and so by make demo, make test).
#   scripts/build.sh [TARGET...]          (no TARGET: everything, tests included)
# Environment: BUILD_DIR (default build), JOBS (default 2), CMAKE_FLAGS (used when the build
# directory is first configured, e.g. -DFRR_WARNINGS_AS_ERRORS=ON).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BUILD_DIR=${BUILD_DIR:-build}
JOBS=${JOBS:-2}
"$ROOT/scripts/install-deps.sh" build test
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  echo "build: configuring $BUILD_DIR (cmake -S . -B $BUILD_DIR ${CMAKE_FLAGS:-})"
  # shellcheck disable=SC2086 # CMAKE_FLAGS is a list of flags
  cmake -S . -B "$BUILD_DIR" ${CMAKE_FLAGS:-}
fi
targets=()
for t in "$@"; do targets+=(--target "$t"); done
echo "build: compiling in $BUILD_DIR with $JOBS jobs${*:+ (${*})}"
cmake --build "$BUILD_DIR" -j"$JOBS" "${targets[@]}"
