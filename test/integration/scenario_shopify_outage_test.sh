#!/usr/bin/env bash
# shopify-outage: shopify is down (503) from start-10m to start+2h. At the start frr has only the other
# platform: the run is partial (exit 3), the indicators that need shopify are unknown, and only
# the kinds the available platform lets frr judge (audience_drop and the flows' own kinds) are compared; frr must flag
# nothing else (an outage is not a sync defect). After the outage a second run has full
# coverage and equals the answer key.
. "$(dirname "$0")/lib.sh"
sim_env
SCENARIO=$FRR_SRC/examples/scenarios/shopify-outage.yaml
# Few, quick retries: the outage outlasts any backoff, so waiting longer proves nothing.
cp "$FRR_SRC/examples/demo.yaml" "$WORK/frr.yaml"
printf 'fetch:\n  max_attempts: 2\n  retry_base_delay_ms: 10\n  retry_max_delay_ms: 50\n' >>"$WORK/frr.yaml"
# (a build without the `fetch:` settings uses its default retries: slower, same verdict)
"$FRR_BIN" validate -c "$WORK/frr.yaml" >/dev/null 2>&1 || cp "$FRR_SRC/examples/demo.yaml" "$WORK/frr.yaml"
export FRR_TEST_CONFIG=$WORK/frr.yaml
start_sim "$SCENARIO"
check_against_key "$(scenario_now "$SCENARIO")" 3 --kinds "audience_drop,flow_not_live,flow_silent"
python3 - "$WORK/findings.json" connection audiences flow_status flow_sends <<'PY' || fail "indicators judged without the data they need"
import json, sys
f = json.load(open(sys.argv[1]))
judgeable = set(sys.argv[2:])
bad = [i["id"] for i in f["indicators"] if i["id"] not in judgeable and i["status"] != "unknown"]
print("coverage", f["coverage"], "judged without data:", bad)
sys.exit(1 if bad or f["coverage"]["shopify"] != "unavailable" else 0)
PY
AFTER=$(sim_advance 7800)
check_against_key "$AFTER" "0 1"
echo "scenario_shopify_outage: ok"
