#!/usr/bin/env bash
# Concurrency (issue 7 item 3): while one `frr run` holds the state directory, a second
# `frr run` (and every other subcommand that writes state) exits 75 at once, naming the
# holder's pid and start time, and writes nothing; the first run completes untouched.
# The first run is made slow deterministically by a `slow` fault on the simulator: its
# Shopify requests each take 4 s, and the others start only once it holds the lock.
. "$(dirname "$0")/lib.sh"

write_tiny_scenario "$WORK/tiny.yaml"
start_sim "$WORK/tiny.yaml"
sim_env
STATE=$WORK/state
AS_OF=2026-11-27T06:00:00Z
frr() { "$FRR_BIN" -c "$FRR_SRC/examples/demo.yaml" --state-dir "$STATE" --as-of "$AS_OF" "$@"; }

# The lock message's start time is the holder's real (wall-clock) start, not its --as-of:
# whoever reads the lock wants to know how long the holder has been running.
expect_wall_clock_start() {
  local started
  started=$(sed -n 's/.*pid [0-9]*, started \([0-9TZ:-]*\).*/\1/p' "$WORK/err" | head -n1)
  [ -n "$started" ] || fail "no start time in the lock message: $(cat "$WORK/err")"
  [ "$started" != "$AS_OF" ] || fail "the lock names the --as-of ($AS_OF) as its start time"
  python3 - "$started" <<'PY' || fail "the lock's start time $started is not the wall-clock start"
import datetime, sys
started = datetime.datetime.strptime(sys.argv[1], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
age = (datetime.datetime.now(datetime.timezone.utc) - started).total_seconds()
sys.exit(0 if -5 <= age <= 120 else 1)
PY
}

curl -sf -X POST "$SIM_URL/_sim/faults" \
  -d '{"platform":"shopify","kind":"slow","endpoint":"graphql.json","count":2,"delay_ms":4000}' >/dev/null

# The binary itself, not the shell function, so that $! is its pid.
"$FRR_BIN" -c "$FRR_SRC/examples/demo.yaml" --state-dir "$STATE" --as-of "$AS_OF" run >"$WORK/a.out" 2>"$WORK/a.err" &
A_PID=$!
# Wait (bounded) until the first run has written itself into the lock file.
for _ in $(seq 1 400); do
  grep -q "^pid $A_PID," "$STATE/lock" 2>/dev/null && break
  kill -0 "$A_PID" 2>/dev/null || { cat "$WORK/a.err"; fail "the first run ended before taking the lock"; }
  sleep 0.02
done
grep -q "^pid $A_PID," "$STATE/lock" || fail "the first run never took the lock"
runs_before=$(ls "$STATE/runs" | wc -l)

expect_exit 75 frr run
expect_in "another frr run holds the lock" "$WORK/err"
expect_in "pid $A_PID" "$WORK/err"
expect_wall_clock_start
expect_in "try again later" "$WORK/err"
for cmd in fetch "check --no-fetch" score report send; do
  # shellcheck disable=SC2086
  expect_exit 75 frr $cmd
  expect_in "pid $A_PID" "$WORK/err"
done
kill -0 "$A_PID" 2>/dev/null || fail "the first run was not slow enough to overlap (test setup)"
[ "$(ls "$STATE/runs" | wc -l)" = "$runs_before" ] || fail "a locked-out command created a run directory"

set +e
wait "$A_PID"
a_rc=$?
set -e
[ "$a_rc" = 0 ] || { cat "$WORK/a.err"; fail "the first run exited $a_rc"; }

# Nothing corrupted: one run, complete; its report delivered once; the state reads.
[ "$(ls "$STATE/runs")" = "$(ls "$STATE/outbox")" ] || fail "runs and outbox differ"
[ "$(ls "$STATE/runs" | wc -l)" = 1 ] || fail "expected exactly one run"
run_id=$(ls "$STATE/runs")
for f in manifest.json checks.json score.json report.json; do
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$STATE/runs/$run_id/$f" || fail "$f unreadable"
done
expect_in '"state": "delivered"' "$STATE/delivery/$run_id/outbox.json"
expect_in '"attempts": 1' "$STATE/delivery/$run_id/outbox.json"
[ -n "$(find "$STATE" -name '.*.tmp.*')" ] && fail "temp files left behind"

# The lock is free again: the next run and the readers work.
AS_OF=$(sim_advance 3600)
expect_exit 0 frr run

# A subcommand holding the lock records its wall-clock start too (a slow `frr fetch`).
curl -sf -X POST "$SIM_URL/_sim/faults" \
  -d '{"platform":"shopify","kind":"slow","endpoint":"graphql.json","count":1,"delay_ms":4000}' >/dev/null
"$FRR_BIN" -c "$FRR_SRC/examples/demo.yaml" --state-dir "$STATE" --as-of "$AS_OF" fetch >"$WORK/f.out" 2>"$WORK/f.err" &
F_PID=$!
for _ in $(seq 1 400); do
  grep -q "^pid $F_PID," "$STATE/lock" 2>/dev/null && break
  kill -0 "$F_PID" 2>/dev/null || { cat "$WORK/f.err"; fail "the fetch ended before taking the lock"; }
  sleep 0.02
done
expect_exit 75 frr send
expect_in "pid $F_PID" "$WORK/err"
expect_wall_clock_start
set +e
wait "$F_PID"
f_rc=$?
set -e
[ "$f_rc" = 0 ] || { cat "$WORK/f.err"; fail "the slow fetch exited $f_rc"; }
expect_exit_in "0 1 2" frr check --no-fetch
echo "concurrency_test: ok"
