#!/usr/bin/env bash
# How long frr-sim takes to start listening on a scenario (issue #3: large-store within 10 s).
#
#   scripts/sim-startup.sh [FRR_SIM] [SCENARIO] [RUNS]
#       FRR_SIM   default build-sim/frr-sim (relative to the repository or absolute)
#       SCENARIO  default examples/scenarios/large-store.yaml
#       RUNS      default 3
#
# Per run, at the moment the first stdout line `listening on ...` appears: wall seconds since
# the process was started, CPU seconds it had used (user + system over all its threads, from
# /proc/PID/stat), peak RSS so far (VmHWM) and the load average. CPU is the figure the
# neighbours' load does not inflate; on a shared machine the wall time is at least
# CPU / cores-the-process-got. Then the process is stopped with SIGTERM.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIM=${1:-build-sim/frr-sim}
SCENARIO=${2:-examples/scenarios/large-store.yaml}
RUNS=${3:-3}
case "$SIM" in /*) ;; *) SIM=$ROOT/$SIM ;; esac
case "$SCENARIO" in /*) ;; *) SCENARIO=$ROOT/$SCENARIO ;; esac
[ -x "$SIM" ] || { echo "sim-startup: $SIM missing (cmake --build build-sim --target frr-sim)" >&2; exit 1; }

HZ=$(getconf CLK_TCK)
LOG=$(mktemp)
PID=
trap 'if [ -n "$PID" ]; then kill -TERM "$PID" 2>/dev/null || true; fi; rm -f "$LOG"' EXIT

echo "sim-startup: $(basename "$SCENARIO"), $(nproc) cores, $(free -h | awk '/^Mem:/{print $2}') RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
for run in $(seq 1 "$RUNS"); do
  : >"$LOG"
  t0=$(date +%s.%N)
  "$SIM" --scenario "$SCENARIO" --port 0 >"$LOG" 2>&1 &
  PID=$!
  while ! head -n1 "$LOG" | grep -q '^listening on '; do
    kill -0 "$PID" 2>/dev/null || { cat "$LOG" >&2; echo "sim-startup: frr-sim exited before listening" >&2; exit 1; }
    sleep 0.02
  done
  t1=$(date +%s.%N)
  # Read before stopping it: CPU (utime + stime, ticks) and peak RSS so far.
  cpu=$(awk -v hz="$HZ" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$PID/stat")
  user=$(awk -v hz="$HZ" '{printf "%.2f", $14 / hz}' "/proc/$PID/stat")
  rss=$(awk '/^VmHWM/{printf "%.0f", $2 / 1024}' "/proc/$PID/status")
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  kill -TERM "$PID"
  wait "$PID" || true
  PID=
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b - a}')
  echo "run $run: listening after ${wall} s wall, ${cpu} s CPU (${user} user), peak RSS ${rss} MB, load ${load}"
done
