#!/usr/bin/env bash
# Crash safety during and after delivery, and around pruning (see crash_lib.sh).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/crash_lib.sh"
crash_at send.after_attempting send.after_deliver run.before_prune run.after_prune
echo "crash_send_test: ok"
