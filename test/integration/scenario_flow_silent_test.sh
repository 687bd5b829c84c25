#!/usr/bin/env bash
# flow-silent: the Abandoned Checkout flow is live but stopped sending three days ago while
# Checkout Started keeps arriving. frr finds flow_silent for it (and nothing else), and the
# report's headline and "Your automated emails" say so in plain words.
. "$(dirname "$0")/lib.sh"
sim_env
SCENARIO=$FRR_SRC/examples/scenarios/flow-silent.yaml
start_sim "$SCENARIO"
AS_OF=$(scenario_now "$SCENARIO")
check_against_key "$AS_OF" "1 2"
python3 - "$WORK/key.json" <<'PY' || fail "flow-silent: the answer key is not one flow_silent"
import json, sys
key = json.load(open(sys.argv[1]))
d = key["defects"]
print("answer key:", d)
assert len(d) == 1 and d[0]["kind"] == "flow_silent" and d[0]["detail"]["name"] == "Abandoned Checkout", d
PY
expect_exit 0 "$FRR_BIN" -c "$FRR_SRC/examples/demo.yaml" --state-dir "$WORK/state" --as-of "$AS_OF" report
REPORT=$(latest_run "$WORK/state")/report.md
expect_in "Your automated emails" "$REPORT"
expect_in "Abandoned Checkout" "$REPORT"
expect_in "Not sending" "$REPORT"
python3 - "$REPORT" <<'PY' || fail "the silent flow is not the report's headline"
import sys
text = open(sys.argv[1]).read()
headline = text.split("## What needs attention", 1)[1].split("###", 1)[1].split("\n", 1)[0]
print("first issue:", headline)
sys.exit(0 if "flow" in headline.lower() else 1)
PY
echo "scenario_flow_silent: ok"
