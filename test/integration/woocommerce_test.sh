#!/usr/bin/env bash
# The second integration pair, WooCommerce -> Klaviyo (issue #14), end to end through the
# connector seams: frr-sim serves the generated store through the WooCommerce REST API v3 and
# Klaviyo's side as Klaviyo's WooCommerce integration; frr reads it with
# examples/woocommerce-demo.yaml.
#   healthy:      findings equal the (empty) answer key, score 100 with full confidence; what
#                 WooCommerce cannot have (abandoned checkouts, consent) is not applicable, not
#                 failed; doctor passes; the report names the pair and lists what does not apply.
#   silent-gaps:  findings equal the answer key (every defect, nothing more).
# ctest-parts: healthy silent-gaps
. "$(dirname "$0")/lib.sh"
sim_env
PART=${1:?part}
CONFIG=$FRR_SRC/examples/woocommerce-demo.yaml
export FRR_TEST_CONFIG=$CONFIG
SCENARIO=$FRR_SRC/examples/scenarios/woocommerce-$PART.yaml
start_sim "$SCENARIO"
AS_OF=$(scenario_now "$SCENARIO")

case $PART in
healthy)
  check_against_key "$AS_OF" 0
  python3 - "$WORK/findings.json" "$WORK/key.json" <<'PY' || fail "healthy WooCommerce findings are wrong (above)"
import json, sys
f = json.load(open(sys.argv[1])); key = json.load(open(sys.argv[2]))
assert key["defects"] == [], key["defects"]
by_id = {i["id"]: i for i in f["indicators"]}
print({k: v["status"] for k, v in by_id.items()})
# WooCommerce's REST API has no abandoned checkouts and keeps no marketing consent.
for na in ("checkouts", "consent", "subscribers"):
    assert by_id[na]["status"] == "not_applicable", (na, by_id[na])
    assert by_id[na].get("score") is None and not by_id[na].get("affected"), by_id[na]
# Orders, their items, values, customers, fulfilments, cancellations, refunds and volume are judged.
for judged in ("order_sync", "line_items", "value_integrity", "customer_sync", "fulfillments",
               "cancellations", "refunds", "volume"):
    assert by_id[judged]["status"] == "ok", (judged, by_id[judged])
assert set(f["coverage"]) == {"woocommerce", "klaviyo"}, f["coverage"]
PY
  expect_exit 0 "$FRR_BIN" -c "$CONFIG" --state-dir "$WORK/state" --as-of "$AS_OF" score --format json
  python3 - "$WORK/out" <<'PY' || fail "healthy WooCommerce store did not score 100 with full confidence"
import json, sys
s = json.load(open(sys.argv[1]))
print("score", s.get("score"), s.get("status"), s.get("confidence"), s.get("deductions"))
sys.exit(0 if s["score"] == 100 and s["status"] == "ok" and s["confidence"] == "full" and not s.get("deductions") else 1)
PY
  expect_exit 0 "$FRR_BIN" -c "$CONFIG" --state-dir "$WORK/doctor-state" --as-of "$AS_OF" doctor
  expect_in "WooCommerce: consumer key and read access" "$WORK/out"
  expect_not_in "Shopify" "$WORK/out"
  expect_exit 0 "$FRR_BIN" -c "$CONFIG" --state-dir "$WORK/state" --as-of "$AS_OF" report
  text=$(sed -n 's/^  text: *//p' "$WORK/out")
  [ -f "$text" ] || fail "report printed no text file: $(cat "$WORK/out")"
  expect_in "WooCommerce" "$text"
  expect_in "Not applicable to this store" "$text"
  grep -n Shopify "$text" && fail "the report names Shopify"
  ;;
silent-gaps)
  check_against_key "$AS_OF" "1 2"
  python3 - "$WORK/findings.json" <<'PY' || fail "silent-gaps WooCommerce findings are wrong (above)"
import json, sys
f = json.load(open(sys.argv[1]))
kinds = sorted({a["kind"] for i in f["indicators"] for a in i.get("affected", [])})
print(kinds)
# Every kind the scenario injects is found (compare_keys.py checked each key).
for k in ("order_missing_event", "order_event_duplicate", "order_value_mismatch", "order_items_missing",
          "customer_missing_profile", "fulfillment_missing_event", "cancellation_missing_event",
          "refund_missing_event", "volume_gap"):
    assert k in kinds, k
text = " ".join(i.get("summary", "") + " " + i.get("action", "") for i in f["indicators"])
assert "Shopify" not in text, text
PY
  ;;
*) fail "unknown part $PART" ;;
esac
echo "woocommerce_test $PART: ok"
