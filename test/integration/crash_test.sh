#!/usr/bin/env bash
# Crash safety, state writes during fetch: the first atomic write of a run (breaker.json,
# before fsync / before rename), the snapshot before its manifest, and right after fetch.
# See crash_lib.sh for what is checked after each crash.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/crash_lib.sh"
crash_at atomic-write-before-fsync atomic-write-before-rename snapshot-before-manifest run.after_fetch
echo "crash_test: ok"
