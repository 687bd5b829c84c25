#!/usr/bin/env bash
# flow-switched-off: at +30m the Abandoned Checkout flow goes to draft and Shipping Confirmation to
# manual. Run 1 at the start sees them live (no finding); after the sim clock passes the switch,
# run 2 reports both as flow_not_live, equal to the answer key, and the report names them.
. "$(dirname "$0")/lib.sh"
sim_env
SCENARIO=$FRR_SRC/examples/scenarios/flow-switched-off.yaml
start_sim "$SCENARIO"
check_against_key "$(scenario_now "$SCENARIO")" 0
AFTER=$(sim_advance 3600)
check_against_key "$AFTER" "1 2"
python3 - "$WORK/key.json" <<'PY' || fail "run 2: the answer key lacks the two switched-off flows"
import json, sys
k = json.load(open(sys.argv[1]))
names = sorted(d["detail"]["name"] for d in k["defects"] if d["kind"] == "flow_not_live")
print("switched off:", names)
sys.exit(0 if names == ["Abandoned Checkout", "Shipping Confirmation"] and len(k["defects"]) == 2 else 1)
PY
expect_exit 0 "$FRR_BIN" -c "$FRR_SRC/examples/demo.yaml" --state-dir "$WORK/state" --as-of "$AFTER" report
REPORT=$(latest_run "$WORK/state")/report.txt
expect_in "YOUR AUTOMATED EMAILS" "$REPORT"
expect_in "Switched off" "$REPORT"
echo "scenario_flow_switched_off: ok"
