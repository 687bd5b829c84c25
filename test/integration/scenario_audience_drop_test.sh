#!/usr/bin/env bash
# audience-drop: the Newsletter list keeps 10% and the Repeat Customers segment empties at +30m.
# Run 1 at the start counts the audiences (nothing dropped yet); the sim clock passes the drop
# and run 2 reports both as audience_drop. Both runs equal the answer key.
. "$(dirname "$0")/lib.sh"
sim_env
SCENARIO=$FRR_SRC/examples/scenarios/audience-drop.yaml
start_sim "$SCENARIO"
check_against_key "$(scenario_now "$SCENARIO")" "0 1 2"
AFTER=$(sim_advance 3600)   # the drops happen at +30m
check_against_key "$AFTER" "1 2"
python3 - "$WORK/key.json" <<'PY' || fail "run 2: the answer key lacks the two drops"
import json, sys
k = json.load(open(sys.argv[1]))
n = sum(1 for d in k["defects"] if d["kind"] == "audience_drop")
print("audience drops:", n)
sys.exit(0 if n == 2 else 1)
PY
echo "scenario_audience_drop: ok"
