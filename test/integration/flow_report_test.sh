#!/usr/bin/env bash
# The Reporting API (POST /api/flow-series-reports allows 1/s, 2/m and 225 a day per account) is
# asked once per run, for every flow, and never retried: frr-sim counts the requests per
# operation. A 429 from it leaves the flow report incomplete: only the flow indicators that need
# it are unknown, every other indicator (the connection's included) is judged as in a run
# without it, the run stays complete (exit 0; a note says why) and the findings equal the key.
. "$(dirname "$0")/lib.sh"
sim_env
write_tiny_scenario "$WORK/tiny.yaml"
start_sim "$WORK/tiny.yaml"
AS_OF=$(scenario_now "$WORK/tiny.yaml")
reports() { curl -sf "$SIM_URL/_sim/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["klaviyo"]["operations"].get("query_flow_series", 0))'; }

check_against_key "$AS_OF" 0
[ "$(reports)" = 1 ] || fail "run 1 asked the Reporting API $(reports) times, not once"
cp "$WORK/findings.json" "$WORK/findings1.json"
python3 - "$WORK/findings1.json" <<'PY' || fail "run 1: the flow indicators were not judged"
import json, sys
f = {i["id"]: i for i in json.load(open(sys.argv[1]))["indicators"]}
print({k: f[k]["status"] for k in ("flow_status", "flow_sends")})
sys.exit(0 if f["flow_sends"]["status"] == "ok" and json.load(open(sys.argv[1]))["flows"] else 1)
PY

# Run 2, an hour later: the Reporting API answers 429 (its daily quota spent by another app).
AFTER=$(sim_advance 3600)
add_fault '{"platform":"klaviyo","kind":"rate_limit","endpoint":"/api/flow-series-reports","count":5,"retry_after_seconds":3600}'
check_against_key "$AFTER" 0
[ "$(reports)" = 2 ] || fail "run 2 asked the Reporting API $(( $(reports) - 1 )) times, not once (no retry)"
RUN=$(latest_run "$WORK/state")
python3 - "$WORK/findings1.json" "$WORK/findings.json" "$RUN/manifest.json" <<'PY' || fail "run 2: a Reporting API 429 degraded more than the flow indicators"
import json, sys
before = {i["id"]: i for i in json.load(open(sys.argv[1]))["indicators"]}
after = {i["id"]: i for i in json.load(open(sys.argv[2]))["indicators"]}
manifest = json.load(open(sys.argv[3]))
unknown = sorted(k for k, i in after.items() if i["status"] == "unknown")
print("unknown after the 429:", unknown, "flow report:", manifest["platforms"]["klaviyo"]["datasets"]["flow_report"])
assert unknown == ["flow_sends"], unknown
assert manifest["platforms"]["klaviyo"]["datasets"]["flow_report"]["status"] == "unavailable"
assert manifest["platforms"]["klaviyo"]["status"] == "complete", manifest["platforms"]["klaviyo"]["status"]
assert any("Reporting API" in n for n in manifest["platforms"]["klaviyo"]["notes"])
for k, i in after.items():
    if k == "flow_sends":
        continue
    assert i["status"] == before[k]["status"], (k, before[k]["status"], i["status"])
PY
echo "flow_report: ok"
