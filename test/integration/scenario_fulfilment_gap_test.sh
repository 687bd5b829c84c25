#!/usr/bin/env bash
# fulfilment-gap: 4 fulfilments, 2 cancellations and 2 full refunds of the last day never reach
# Klaviyo; partial fulfilments (a fifth of the fulfilled web orders of 2+ lines) still sync and
# are judged too. frr's findings equal the answer key.
. "$(dirname "$0")/lib.sh"
sim_env
SCENARIO=$FRR_SRC/examples/scenarios/fulfilment-gap.yaml
start_sim "$SCENARIO"
check_against_key "$(scenario_now "$SCENARIO")" "1 2"
python3 - "$WORK/key.json" "$WORK/findings.json" <<'PY' || fail "fulfilment-gap: wrong key or findings"
import json, sys
key = json.load(open(sys.argv[1]))
kinds = {}
for d in key["defects"]:
    kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
print("answer key:", kinds)
assert kinds == {"fulfillment_missing_event": 4, "cancellation_missing_event": 2, "refund_missing_event": 2}, kinds
f = {i["id"]: i for i in json.load(open(sys.argv[2]))["indicators"]}
counts = f["fulfillments"]["counts"]
print("fulfilments judged:", counts)
assert counts["judged: partially_fulfilled"] > 0, "no partial fulfilment was judged"
assert "Shipping Confirmation" in f["fulfillments"]["impact"], f["fulfillments"]["impact"]
PY
echo "scenario_fulfilment_gap: ok"
