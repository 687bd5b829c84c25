#!/usr/bin/env bash
# issue 11: a Klaviyo outage that outlasts the probes, under a daily cron with the default breaker
# and catch-up limit. Days 1-3 fail (exit 3) and open the breaker; day 4 skips Klaviyo and sends
# the one paused notice (exit 4); the probes on days 5 and 7 fail (exit 3) and the skipped days 6
# and 8 exit 4: all four reports are kept (`held` in the ledger), not sent. Day 9's probe succeeds:
# the one recovered notice, with no "not delivered" remark about the held reports. Its window is
# capped at checks.max_catch_up (7 days): the report names the period it could not reach back to,
# and its findings equal the answer key over those 7 days.
source "$(dirname "$0")/degraded_lib.sh"
G=2026-12-06T06:00:00Z
DAYS=9
SCENARIO=$WORK/daily.yaml
daily_scenario "$SCENARIO" "$G" "$DAYS" 12
CFG=$WORK/frr.yaml
daily_config "$CFG"
STATE=$WORK/state
start_sim "$SCENARIO"

daily_run "$STATE" 0 0
add_fault "{\"platform\":\"klaviyo\",\"kind\":\"outage\",\"from\":\"$(iso_plus "$(day 1)" -600)\",\"until\":\"$(iso_plus "$(day 8)" 7200)\"}"
for d in 1 2 3; do daily_run "$STATE" $d 3; done
daily_run "$STATE" 4 4
[ "$(report_field 'r["status"]')" = paused ] || fail "day 4: not the paused notice"
for d in 5 6 7 8; do
  want=4; [ $((d % 2)) = 1 ] && want=3   # odd days probe (and fail), even days skip
  daily_run "$STATE" $d $want
  expect_in "held" "$WORK/out"
  [ ! -e "$STATE/outbox/$(basename "$RUN")" ] || fail "day $d: a held report reached the outbox"
  grep -q '"state": *"held"' "$STATE/delivery/$(basename "$RUN")/outbox.json" || fail "day $d: not held in the ledger"
done
daily_run "$STATE" 9 0
[ "$(manifest_field "$RUN" "m['platforms']['klaviyo']['status']")" = complete ] || fail "day 9: probe did not read Klaviyo"
[ "$(manifest_field "$RUN" "m['window']['since']")" = "$(iso_plus "$(day 9)" $((-7 * 86400)))" ] ||
  fail "day 9: window not capped at 7 days: $(manifest_field "$RUN" "m['window']")"
expect_key_equal "$RUN" "$(day 9)"
case $(report_field 'r["verdict"]') in "Monitoring resumed: Klaviyo answers again (no answer since 28 Nov 2026 06:00 GMT)"*) ;;
  *) fail "day 9: $(report_field 'r["verdict"]')" ;; esac
note=$(report_field 'r["missed_run_note"]')
for want in "Anything from 27 Nov 2026 05:00 GMT to 29 Nov 2026 06:00 GMT was not checked" "checks.max_catch_up"; do
  case $note in *"$want"*) ;; *) fail "day 9: catch-up note lacks '$want': $note" ;; esac
done
/usr/bin/python3 - "$STATE" <<'PY' || fail "outbox (above)"
import json, os, sys
state = sys.argv[1]
runs = sorted(os.listdir(f"{state}/runs"))
out = sorted(os.listdir(f"{state}/outbox"))
want = runs[:5] + runs[9:]
if out != want: sys.exit(f"outbox {out}, expected {want}")
statuses = [json.load(open(f"{state}/outbox/{r}/report.json"))["status"] for r in out]
if statuses.count("paused") != 1: sys.exit(f"statuses {statuses}")
text = open(f"{state}/outbox/{runs[9]}/report.txt").read()
if "not delivered" in text or "earlier report" in text: sys.exit("the recovered notice lists held reports as missed")
PY
expect_consistent_state "$STATE"
echo "degraded_long_outage: ok"
