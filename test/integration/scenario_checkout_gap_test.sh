#!/usr/bin/env bash
# checkout-gap: 5 abandoned checkouts with an email never arrive as Checkout Started and 2 new
# email subscribers are left off the Newsletter list. frr's findings equal the answer key, and
# the findings name the flows these triggers starve (Abandoned Checkout, Welcome Series).
. "$(dirname "$0")/lib.sh"
sim_env
SCENARIO=$FRR_SRC/examples/scenarios/checkout-gap.yaml
start_sim "$SCENARIO"
check_against_key "$(scenario_now "$SCENARIO")" "1 2"
python3 - "$WORK/key.json" "$WORK/findings.json" <<'PY' || fail "checkout-gap: wrong key or findings"
import json, sys
key = json.load(open(sys.argv[1]))
kinds = {}
for d in key["defects"]:
    kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
print("answer key:", kinds)
assert kinds == {"checkout_missing_event": 5, "subscriber_missing_from_list": 2}, kinds
f = {i["id"]: i for i in json.load(open(sys.argv[2]))["indicators"]}
assert "Abandoned Checkout" in f["checkouts"]["impact"], f["checkouts"]["impact"]
assert "Welcome Series" in f["subscribers"]["impact"], f["subscribers"]["impact"]
assert "Newsletter" in f["subscribers"]["summary"], f["subscribers"]["summary"]
PY
echo "scenario_checkout_gap: ok"
