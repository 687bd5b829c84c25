#!/usr/bin/env bash
# late-events: 8 orders' events arrive 10m..2h after the start. Run 1 at the start sees them
# missing; the sim clock then passes every arrival and run 2 reports them as order_event_late,
# with the true delay inside the bounds the two runs allow. Both runs equal the answer key.
. "$(dirname "$0")/lib.sh"
sim_env
SCENARIO=$FRR_SRC/examples/scenarios/late-events.yaml
start_sim "$SCENARIO"
check_against_key "$(scenario_now "$SCENARIO")" "1 2"
python3 - "$WORK/key.json" <<'PY' || fail "run 1: the late orders are not missing at the start"
import json, sys
k = json.load(open(sys.argv[1]))
n = sum(1 for d in k["defects"] if d["kind"] == "order_missing_event")
print("missing at the start:", n)
sys.exit(0 if n == 8 else 1)
PY
AFTER=$(sim_advance 7260)   # late_arrival ends at +2h
check_against_key "$AFTER" "1 2" --late-bounds
python3 - "$WORK/key.json" <<'PY' || fail "run 2: not every late order arrived"
import json, sys
k = json.load(open(sys.argv[1]))
kinds = [d["kind"] for d in k["defects"]]
print("late after the arrivals:", kinds.count("order_event_late"), "missing:", kinds.count("order_missing_event"))
sys.exit(0 if kinds.count("order_event_late") == 8 and kinds.count("order_missing_event") == 0 else 1)
PY
echo "scenario_late_events: ok"
