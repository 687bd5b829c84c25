#!/usr/bin/env bash
# The README's test command (make test runs it too): installs what is missing, builds
# everything and runs every test with ctest.
# Environment: BUILD_DIR, JOBS, CMAKE_FLAGS (scripts/build.sh); CTEST_JOBS, tests run at once
# (default 8: the integration tests mostly wait on rate-limit pacing, 2-30 % of a core each);
# CTEST_ARGS, more ctest arguments (e.g. "-L unit", "-R integration").
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
"$ROOT/scripts/build.sh"
cd "$ROOT/${BUILD_DIR:-build}"
# shellcheck disable=SC2086 # CTEST_ARGS is a list of arguments
ctest --output-on-failure -j"${CTEST_JOBS:-8}" ${CTEST_ARGS:-}
