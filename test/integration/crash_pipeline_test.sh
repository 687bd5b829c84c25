#!/usr/bin/env bash
# Crash safety between check, score, report and send (see crash_lib.sh).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/crash_lib.sh"
crash_at run.after_check run.after_score run.after_report
echo "crash_pipeline_test: ok"
