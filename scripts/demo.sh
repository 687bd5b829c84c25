#!/usr/bin/env bash
# make demo: start frr-sim with a store that has a few real sync problems, run
# the main job (`frr run`) against it, and leave the report where it says.
set -euo pipefail
BUILD_DIR=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCENARIO=${FRR_DEMO_SCENARIO:-$ROOT/examples/scenarios/silent-gaps.yaml}
OUT=$ROOT/demo-output
FRR=$ROOT/$BUILD_DIR/cli/frr
SIM=$ROOT/$BUILD_DIR/frr-sim

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

set -a; . "$ROOT/examples/sim.env"; set +a
export FRR_SHOPIFY_BASE_URL=$URL FRR_KLAVIYO_BASE_URL=$URL
set +e
"$FRR" -c "$ROOT/examples/demo.yaml" --state-dir "$OUT/state" --as-of "$AS_OF" run
rc=$?
set -e
curl -s "$URL/_sim/answer-key" >"$OUT/answer-key.json"

RUN_DIR=$(ls -d "$OUT"/state/runs/*/ | tail -n1)
if [ ! -f "$RUN_DIR/report.html" ]; then
  echo "demo: frr run exited $rc and wrote no report" >&2
  exit 1
fi
cp "$RUN_DIR/report.html" "$OUT/report.html"
cp "$RUN_DIR/report.txt" "$OUT/report.txt"
echo
echo "demo: frr run exited $rc (see 'frr --help' for what it means)."
echo "demo: the HTML report is $OUT/report.html"
echo "demo: plain text: $OUT/report.txt; delivered copy in $OUT/state/outbox/"
echo "demo: what the simulator injected (the answer key): $OUT/answer-key.json"
echo
sed -n '1,25p' "$OUT/report.txt"
