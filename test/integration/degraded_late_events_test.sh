#!/usr/bin/env bash
# issue 11: late-event detection keeps working across an outage and its catch-up window. A daily
# cron on a small store where 6 orders' Placed Order events arrive 10 minutes to 2 hours after the
# first run:
#   day 0   (the simulator's start) the 6 orders are order_missing_event (= answer key);
#   day 1   Klaviyo does not answer: nothing judged, exit 3, the watermarks stay at day 0;
#   day 2   Klaviyo is back: the window reaches back to day 0's last judged hour (49 h), the 6
#           orders, which left that window, are compared with day 0 (the last run that read
#           both platforms, not the outage run) and reported order_event_late once, with the
#           true delay inside [day 0 - created, day 2 - created]: findings = answer key over 49 h.
source "$(dirname "$0")/degraded_lib.sh"
G=2026-11-27T12:00:00Z
SCENARIO=$WORK/late.yaml
cat >"$SCENARIO" <<YAML
name: late-across-outage
seed: 5
now: $G
rate_limit_scale: 0.01
shopify:
  bucket_size: 20000
  restore_rate: 1000
store:
  history_days: 5
  orders_per_day: 40
  customers: 200
  products: 5
  checkouts_per_day: 5
defects:
  scope: 20h
  late_events: {count: 6}
  late_arrival: [10m, 2h]
YAML
CFG=$WORK/frr.yaml
daily_config "$CFG"
STATE=$WORK/state
start_sim "$SCENARIO"
DAYS=0   # day N = G + N days

daily_run "$STATE" 0 0
expect_key_equal "$RUN" "$(day 0)"
[ "$(/usr/bin/python3 -c 'import json,sys; print(sum(d["kind"]=="order_missing_event" for d in json.load(open(sys.argv[1]))["defects"]))' "$WORK/key.json")" = 6 ] ||
  fail "day 0: the 6 late orders are not missing at the start"

add_fault "{\"platform\":\"klaviyo\",\"kind\":\"outage\",\"from\":\"$(iso_plus "$(day 1)" -600)\",\"until\":\"$(iso_plus "$(day 1)" 600)\"}"
daily_run "$STATE" 1 3
[ "$(report_field 'r["status"]')" = incomplete ] || fail "day 1: not incomplete"

daily_run "$STATE" 2 0
[ "$(manifest_field "$RUN" "m['window']['since']")" = "$(iso_plus "$(day 0)" -3600)" ] ||
  fail "day 2: window starts $(manifest_field "$RUN" "m['window']['since']"), not at day 0's watermark"
secs=$(( 2 * 86400 + 3600 ))
curl -sf "$SIM_URL/_sim/answer-key?as_of=$(day 2)&window=${secs}s" >"$WORK/key.json" || fail "no answer key"
/usr/bin/python3 "$FRR_SRC/test/integration/compare_keys.py" "$RUN/checks.json" "$WORK/key.json" --late-bounds ||
  fail "day 2: findings differ from the answer key over 49 h"
[ "$(/usr/bin/python3 -c 'import json,sys; print(sum(d["kind"]=="order_event_late" for d in json.load(open(sys.argv[1]))["defects"]))' "$WORK/key.json")" = 6 ] ||
  fail "day 2: the answer key does not hold the 6 late orders"
echo "degraded_late_events: ok"
