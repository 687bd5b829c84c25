#!/usr/bin/env bash
# The README's first command (make demo runs it too): installs what is missing from Debian
# packages, builds frr and frr-sim, starts frr-sim with a store that has a few real sync
# problems, runs the main job (`frr run`) against it, and leaves the report where it says.
#   scripts/demo.sh [BUILD_DIR]   (default $BUILD_DIR or build; JOBS, CMAKE_FLAGS: scripts/build.sh)
# Installed (cmake --install, the .deb) as <prefix>/share/frr/demo.sh, it runs <prefix>/bin/frr and
# frr-sim with the examples in <prefix>/share/doc/frr/examples, and writes to ./frr-demo (or
# $FRR_DEMO_OUT); it installs and builds nothing then.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
if [ -f "$HERE/../CMakeLists.txt" ]; then
  ROOT=$(cd "$HERE/.." && pwd)
  BUILD_DIR=${1:-${BUILD_DIR:-build}}
  BUILD_DIR=$BUILD_DIR "$ROOT/scripts/build.sh" frr frr-sim
  case "$BUILD_DIR" in /*) BUILD=$BUILD_DIR ;; *) BUILD=$ROOT/$BUILD_DIR ;; esac
  FRR=$BUILD/cli/frr
  SIM=$BUILD/frr-sim
  EXAMPLES=$ROOT/examples
  OUT=${FRR_DEMO_OUT:-$ROOT/demo-output}
else
  PREFIX=$(cd "$HERE/../.." && pwd)
  FRR=$PREFIX/bin/frr
  SIM=$PREFIX/bin/frr-sim
  EXAMPLES=$PREFIX/share/doc/frr/examples
  OUT=${FRR_DEMO_OUT:-$PWD/frr-demo}
  for f in "$FRR" "$SIM" "$EXAMPLES/demo.yaml"; do
    [ -e "$f" ] || { echo "demo: $f is missing: is frr (with frr-sim) installed under $PREFIX?" >&2; exit 1; }
  done
  command -v curl >/dev/null || { echo "demo: needs curl (apt-get install curl)" >&2; exit 1; }
fi
SCENARIO=${FRR_DEMO_SCENARIO:-$EXAMPLES/scenarios/silent-gaps.yaml}

rm -rf "$OUT"
mkdir -p "$OUT"
"$SIM" --scenario "$SCENARIO" --port 0 >"$OUT/sim.log" 2>&1 &
SIM_PID=$!
trap 'kill -TERM $SIM_PID 2>/dev/null; wait $SIM_PID 2>/dev/null || true' EXIT

URL=
for _ in $(seq 1 200); do
  line=$(head -n1 "$OUT/sim.log" 2>/dev/null || true)
  case "$line" in "listening on "*) URL=${line#listening on }; break ;; esac
  kill -0 "$SIM_PID" 2>/dev/null || { cat "$OUT/sim.log"; echo "demo: frr-sim failed to start" >&2; exit 1; }
  sleep 0.1
done
[ -n "$URL" ] || { echo "demo: frr-sim did not start" >&2; exit 1; }

# The simulator's clock is fixed at the scenario's "now"; frr runs as of the same moment.
AS_OF=$(curl -s "$URL/_sim/clock" | sed -n 's/.*"now":"\([^"]*\)".*/\1/p')
echo "demo: frr-sim serving $(basename "$SCENARIO") at $URL (store time $AS_OF)"

set -a; . "$EXAMPLES/sim.env"; set +a
export FRR_SHOPIFY_BASE_URL=$URL FRR_KLAVIYO_BASE_URL=$URL
set +e
# -q: nothing on success; an error would still show on stderr.
"$FRR" -q -c "$EXAMPLES/demo.yaml" --state-dir "$OUT/state" --as-of "$AS_OF" run
rc=$?
set -e
curl -s "$URL/_sim/answer-key" >"$OUT/answer-key.json"

RUN_DIR=$(ls -d "$OUT"/state/runs/*/ | tail -n1)
if [ ! -f "$RUN_DIR/report.html" ]; then
  echo "demo: frr run exited $rc and wrote no report" >&2
  exit 1
fi
for f in report.html report.txt report.md operator.html operator.txt; do
  cp "$RUN_DIR/$f" "$OUT/$f"
done

# The exit status in one line (CONTRACTS.md section 1).
case $rc in
  0) why="0: the run worked and the report went out; a warning or critical verdict does not fail 'frr run' (use --fail-on warn to make it fail a CI job)" ;;
  1) why="1: the verdict is a warning (--fail-on warn)" ;;
  2) why="2: the verdict is critical (--fail-on warn or critical)" ;;
  3) why="3: a platform could be read only in part; the report says what was not checked" ;;
  4) why="4: a platform is paused by its circuit breaker; it was skipped" ;;
  5) why="5: the report could not be delivered; it stays queued for the next run" ;;
  *) why="$rc: see 'frr --help' for the exit codes" ;;
esac

echo
echo "=== The report, as the shop owner reads it (the client's copy) ==="
# The summary: everything up to "What changed"; the rest stays in the file.
awk '/^WHAT CHANGED SINCE THE LAST REPORT/ { exit } { print }' "$OUT/report.txt"
echo "(The rest, what changed, the trend and what could not be checked, is in $OUT/report.txt.)"
echo
echo "demo: exit status $why."
echo "demo: the HTML report is $OUT/report.html (the client's copy; also .txt, .md); the operator's copy with the technical appendix is $OUT/operator.html"
echo "demo: what the simulator injected (the answer key): $OUT/answer-key.json"
echo
echo "=== What frr found against what the simulator injected ==="
# found_vs_injected.py sits beside this script (scripts/, or <prefix>/share/frr when installed).
if command -v python3 >/dev/null; then
  python3 "$HERE/found_vs_injected.py" "$RUN_DIR/checks.json" "$OUT/answer-key.json" || true
else
  echo "demo: the comparison needs python3 (apt-get install python3)"
fi
