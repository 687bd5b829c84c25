#!/usr/bin/env bash
# real-world-records (issue 12): edited orders, custom order names, one-sided Unicode-case and
# IDN spellings of addresses (no finding), +tag, undotted and other-domain addresses (findings),
# and an app's decoy Placed Orders carrying real order ids (never counted): frr check's findings
# equal the answer key, and the answer key is what the scenario file says it is.
. "$(dirname "$0")/lib.sh"
sim_env
SCENARIO=$FRR_SRC/examples/scenarios/real-world-records.yaml
start_sim "$SCENARIO"
NOW=$(scenario_now "$SCENARIO")
check_against_key "$NOW" "1 2"
/usr/bin/python3 - "$WORK/key.json" "$WORK/findings.json" <<'PY' || fail "answer key or findings not as the scenario says"
import collections, json, sys
key = json.load(open(sys.argv[1]))
kinds = collections.Counter(d["kind"] for d in key["defects"])
assert kinds == {"order_missing_event": 2, "customer_missing_profile": 5}, kinds
assert all(d["key"].startswith("FRR-") and d["key"].endswith("-UK") for d in key["defects"]
           if d["kind"].startswith("order_")), key["defects"]
findings = json.load(open(sys.argv[2]))
reasons = {e["reason"]: e["count"] for e in findings.get("exclusions", [])}
edited = [n for r, n in reasons.items() if r.startswith("order edited after purchase")]
assert edited and edited[0] >= 1, reasons
PY
# The manifest records how the Placed Order events were mapped: all by $extra.id here.
RUN=$(latest_run "$WORK/state")
[ "$(manifest_field "$RUN" 'm["platforms"]["klaviyo"]["order_mapping"].get("unmapped", 0)')" = 0 ] ||
  fail "Placed Order events without an order id in $RUN"
[ "$(manifest_field "$RUN" 'm["platforms"]["klaviyo"]["order_mapping"]["extra_id"] == m["platforms"]["klaviyo"]["order_mapping"]["events"]')" = True ] ||
  fail "not every Placed Order event mapped by \$extra.id in $RUN"
echo "scenario_real_world_records: ok"
