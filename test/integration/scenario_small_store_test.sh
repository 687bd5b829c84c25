#!/usr/bin/env bash
# small-store (issue 12): a day with a handful of orders and no Placed Order outside the check
# window is a volume_gap, found by frr check as the answer key says.
. "$(dirname "$0")/lib.sh"
sim_env
SCENARIO=$FRR_SRC/examples/scenarios/small-store.yaml
start_sim "$SCENARIO"
check_against_key "$(scenario_now "$SCENARIO")" "1 2"
/usr/bin/python3 - "$WORK/key.json" <<'PY' || fail "the answer key is not one volume_gap"
import json, sys
defects = json.load(open(sys.argv[1]))["defects"]
assert [d["kind"] for d in defects] == ["volume_gap"], defects
assert 5 <= defects[0]["detail"]["eligible_orders"] < 10 and defects[0]["detail"]["placed_order_events"] == 0, defects
PY
echo "scenario_small_store: ok"
