#!/usr/bin/env bash
# make bench: measure frr against its performance targets and print every figure on one screen.
#
#   scripts/bench.sh BUILD_DIR        (a Release tree with frr, frr-sim, frr-bench-proxy, check_bench;
#                                      relative to the repository or absolute)
#
# (e) frr-sim large-store: seconds until `listening on` (target <= 10 s)
# (a) first fetch of the large store: wall time / least time the published rate limits allow
#     for the requests it made (target <= 1.10); bound formula in docs/performance.md
# (c) bytes fetched and written per record
# (d) API calls of a steady-state daily run as a share of the first run, and of a run an hour
#     after it (its window overlaps the daily one's, so it fetches only what changed)
# (b) check_bench: health model over 1,000,000 orders and customers (< 5 s, < 1.5 GB), and
#     snapshot_bench: writing and reading a snapshot of that size (what frr check reads first)
#
# The sim's clock is set back 25 h for the first run (the world is generated up to the
# scenario's now and only what was created by the sim clock is visible), then moved
# forward 24 h for the daily run, so the daily run sees a real day of new orders, then 1 h
# for the hourly run.
# Requests go through frr-bench-proxy, which logs each one (bucket, Shopify cost).
# Work files stay in BUILD_DIR/bench-run/. Needs curl, python3 and GNU time.
set -euo pipefail
BUILD_DIR=${1:-build-bench}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
case "$BUILD_DIR" in /*) BUILD=$BUILD_DIR ;; *) BUILD=$ROOT/$BUILD_DIR ;; esac
SCENARIO=${FRR_BENCH_SCENARIO:-$ROOT/examples/scenarios/large-store.yaml}
WORK=$BUILD/bench-run
FRR=$BUILD/cli/frr
SIM=$BUILD/frr-sim
PROXY=$BUILD/frr-bench-proxy
CHECK_BENCH=$BUILD/test/bench/check_bench
SNAPSHOT_BENCH=$BUILD/test/bench/snapshot_bench
# FRR_BENCH_FETCH_ONLY=1: only (e) once, (a), (c) and (d) (no check_bench, snapshot_bench or
# repeated start-ups), for measuring a fetch change without building the rest.
FETCH_ONLY=${FRR_BENCH_FETCH_ONLY:-}
BINS=("$FRR" "$SIM" "$PROXY")
[ -n "$FETCH_ONLY" ] || BINS+=("$CHECK_BENCH" "$SNAPSHOT_BENCH")
for bin in "${BINS[@]}"; do
  [ -x "$bin" ] || { echo "bench: $bin missing; build a Release tree first (make bench)" >&2; exit 1; }
done
command -v python3 >/dev/null || { echo "bench: python3 is needed for the arithmetic" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: GNU time (/usr/bin/time) is needed for peak memory" >&2; exit 1; }

rm -rf "$WORK"
mkdir -p "$WORK"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
now_s() { date +%s.%N; }

# Starts a server that prints `listening on URL` first; sets URL and the elapsed seconds.
start_server() { # name log command...
  local name=$1 log=$2; shift 2
  local t0; t0=$(now_s)
  "$@" >"$log" 2>&1 &
  PIDS+=("$!")
  URL=
  for _ in $(seq 1 1200); do
    case "$(head -n1 "$log" 2>/dev/null || true)" in "listening on "*) URL=$(head -n1 "$log"); URL=${URL#listening on }; break ;; esac
    kill -0 "${PIDS[-1]}" 2>/dev/null || { cat "$log" >&2; echo "bench: $name failed to start" >&2; exit 1; }
    sleep 0.05
  done
  [ -n "$URL" ] || { echo "bench: $name did not start within 60 s" >&2; exit 1; }
  STARTUP=$(python3 -c "print(f'{$(now_s) - $t0:.2f}')")
}

echo "bench: $(nproc) cores, $(free -h | awk '/^Mem:/{print $2}') RAM, load $(load) at start; results in $WORK" >&2

# (e) simulator start-up
start_server frr-sim "$WORK/sim.log" "$SIM" --scenario "$SCENARIO" --port 0
SIM_URL=$URL SIM_PID=${PIDS[-1]} SIM_STARTUP=$STARTUP SIM_STARTUP_LOAD=$(load)
SIM_RSS_MB=$(awk '/^VmHWM/{printf "%.0f", $2/1024}' "/proc/$SIM_PID/status")
# CPU seconds the simulator used to get there (utime + stime), which the neighbours' load does not inflate.
SIM_CPU=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$SIM_PID/stat")
start_server frr-bench-proxy "$WORK/proxy.log" "$PROXY" --upstream "$SIM_URL" --log "$WORK/requests.tsv"
PROXY_URL=$URL

T_NOW=$(curl -s "$SIM_URL/_sim/clock" | sed -n 's/.*"now":"\([^"]*\)".*/\1/p')
# First run a day and an hour before the scenario's now, the daily run an hour before it, and a
# run at now an hour after the daily one (its window overlaps the daily run's by 23 h).
T_DAY_BEFORE=$(date -u -d "@$(( $(date -u -d "$T_NOW" +%s) - 90000 ))" +%Y-%m-%dT%H:%M:%SZ)
T_DAILY=$(date -u -d "@$(( $(date -u -d "$T_NOW" +%s) - 3600 ))" +%Y-%m-%dT%H:%M:%SZ)
set_clock() { curl -s -X POST -H 'Content-Type: application/json' -d "{\"now\":\"$1\"}" "$SIM_URL/_sim/clock" >/dev/null; }

set -a; . "$ROOT/examples/sim.env"; set +a
export FRR_SHOPIFY_BASE_URL=$PROXY_URL FRR_KLAVIYO_BASE_URL=$PROXY_URL
STATE=$WORK/state

# One fetch as of $2; writes run $1's timing, memory, sim stats and request-log slice.
fetch_run() { # label as_of
  local label=$1 as_of=$2 first_line t0 t1 rc
  first_line=$(( $(wc -l <"$WORK/requests.tsv") + 1 ))
  curl -s "$SIM_URL/_sim/stats" >"$WORK/$label.stats-before.json"
  echo "$(load)" >"$WORK/$label.load"
  t0=$(now_s)
  set +e
  /usr/bin/time -v -o "$WORK/$label.time" "$FRR" -c "$ROOT/examples/demo.yaml" --state-dir "$STATE" \
    --as-of "$as_of" fetch >"$WORK/$label.out" 2>"$WORK/$label.err"
  rc=$?
  set -e
  t1=$(now_s)
  curl -s "$SIM_URL/_sim/stats" >"$WORK/$label.stats-after.json"
  tail -n "+$first_line" "$WORK/requests.tsv" >"$WORK/$label.requests.tsv"
  python3 -c "print(f'{$t1 - $t0:.2f}')" >"$WORK/$label.wall"
  echo "$rc" >"$WORK/$label.rc"
  ls -d "$STATE"/runs/*/ | tail -n1 >"$WORK/$label.rundir"
}

echo "bench: first fetch as of $T_DAY_BEFORE (sim clock set back 25 h) ..." >&2
set_clock "$T_DAY_BEFORE"
fetch_run first "$T_DAY_BEFORE"
echo "bench: daily fetch as of $T_DAILY (sim clock advanced 24 h) ..." >&2
set_clock "$T_DAILY"
fetch_run daily "$T_DAILY"

echo "bench: frr check --no-fetch on the daily snapshot ..." >&2
set +e
/usr/bin/time -v -o "$WORK/check.time" "$FRR" -c "$ROOT/examples/demo.yaml" --state-dir "$STATE" \
  --as-of "$T_DAILY" check --no-fetch --format json >"$WORK/check.out" 2>"$WORK/check.err"
echo "$?" >"$WORK/check.rc"
set -e
echo "bench: hourly fetch as of $T_NOW (sim clock advanced 1 h) ..." >&2
set_clock "$T_NOW"
fetch_run hourly "$T_NOW"
cleanup
PIDS=()

if [ -n "$FETCH_ONLY" ]; then
  python3 "$ROOT/test/bench/bench_report.py" "$WORK" "$SIM_STARTUP" "$SIM_STARTUP_LOAD" "$SIM_RSS_MB" "$(basename "$SCENARIO")" "$SIM_CPU"
  exit 0
fi

echo "bench: check_bench (1,000,000 orders and customers in memory) ..." >&2
echo "$(load)" >"$WORK/check_bench.load"
set +e
/usr/bin/time -v -o "$WORK/check_bench.time" "$CHECK_BENCH" >"$WORK/check_bench.out" 2>&1
echo "$?" >"$WORK/check_bench.rc"
set -e

echo "bench: snapshot_bench (write and read 1,000,000 orders and customers) ..." >&2
echo "$(load)" >"$WORK/snapshot.load"
set +e
/usr/bin/time -v -o "$WORK/snapshot_write.time" "$SNAPSHOT_BENCH" write "$WORK/snapshot" >"$WORK/snapshot_write.out" 2>&1
/usr/bin/time -v -o "$WORK/snapshot_read.time" "$SNAPSHOT_BENCH" read "$WORK/snapshot" >"$WORK/snapshot_read.out" 2>&1
set -e
rm -rf "$WORK/snapshot" # about 1.4 GB

python3 "$ROOT/test/bench/bench_report.py" "$WORK" "$SIM_STARTUP" "$SIM_STARTUP_LOAD" "$SIM_RSS_MB" "$(basename "$SCENARIO")" "$SIM_CPU"

# (e) once more: three start-ups alone (the one above ran first; these give the spread on a
# shared machine, with CPU seconds, which the neighbours' load does not inflate).
echo ""
"$ROOT/scripts/sim-startup.sh" "$SIM" "$SCENARIO" 3
