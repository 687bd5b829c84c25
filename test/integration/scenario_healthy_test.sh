#!/usr/bin/env bash
# healthy: no defect in the answer key, so frr finds nothing and scores 100 (a DST-switch
# day in the window, edge orders, test orders, phone-only customers, two currencies, decoy metric).
. "$(dirname "$0")/lib.sh"
sim_env
SCENARIO=$FRR_SRC/examples/scenarios/healthy.yaml
start_sim "$SCENARIO"
AS_OF=$(scenario_now "$SCENARIO")
check_against_key "$AS_OF" 0
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d[\"defects\"]==[] else 1)" "$WORK/key.json" \
  || fail "healthy answer key is not empty"
expect_exit 0 "$FRR_BIN" -c "$FRR_SRC/examples/demo.yaml" --state-dir "$WORK/state" --as-of "$AS_OF" score --format json
python3 - "$WORK/out" <<PY || fail "healthy store did not score 100 with full confidence"
import json, sys
s = json.load(open(sys.argv[1]))
print("score", s.get("score"), s.get("status"), s.get("confidence"), s.get("deductions"))
sys.exit(0 if s["score"] == 100 and s["status"] == "ok" and s["confidence"] == "full" and not s.get("deductions") else 1)
PY
echo "scenario_healthy: ok"
