#!/usr/bin/env bash
# issue 11, "Done when" 2 and 3: a 3-day Klaviyo outage under a daily cron, with the defaults
# (breaker: 3 failed runs open it, a cool-down of 1 run; checks.max_catch_up 7 days). Runs every
# morning at 06:00 UTC, advanced with --as-of and the simulator clock:
#   day 0 (13 Dec)  healthy: exit 0;
#   days 1-3        Klaviyo answers 503: exit 3, an INCOMPLETE report (never CRITICAL, no score,
#                   says what was and was not checked and when it will be); day 3 opens the breaker;
#   day 4 (17 Dec)   Klaviyo is back but skipped: exit 4 and the one paused notice (since the first
#                   failed run, what is skipped, what still works, next attempt in UK time, no score);
#   day 5 (18 Dec)   the probe succeeds: exit 0 and the one recovered notice, whose findings equal the
#                   answer key for the whole period since day 0's last judged hour (121 h), with the
#                   11 orders the sync dropped during the outage.
# Every report reaches the outbox once; exactly one paused and one recovered notice; no
# "not delivered" remark anywhere.
source "$(dirname "$0")/degraded_lib.sh"
G=2026-12-18T06:00:00Z
DAYS=5
SCENARIO=$WORK/daily.yaml
daily_scenario "$SCENARIO" "$G" "$DAYS" 11
CFG=$WORK/frr.yaml
daily_config "$CFG"
STATE=$WORK/state
start_sim "$SCENARIO"

daily_run "$STATE" 0 0
[ "$(report_field 'r["status"]')" = ok ] || fail "day 0: $(report_field 'r["subject"]')"

add_fault "{\"platform\":\"klaviyo\",\"kind\":\"outage\",\"from\":\"$(iso_plus "$(day 1)" -600)\",\"until\":\"$(iso_plus "$(day 3)" 7200)\"}"
for d in 1 2 3; do
  daily_run "$STATE" $d 3
  [ "$(manifest_field "$RUN" "m['platforms']['klaviyo']['status']")" = unavailable ] || fail "day $d: klaviyo not unavailable"
  [ "$(report_field 'r["status"]')" = incomplete ] || fail "day $d: status $(report_field 'r["status"]'), not incomplete"
  [ "$(report_field 'r["score"]')" = None ] || fail "day $d: a score over nothing checked: $(report_field 'r["score"]')"
  subject=$(report_field 'r["subject"]')
  case $subject in *INCOMPLETE*"Klaviyo did not answer"*) ;; *) fail "day $d: subject '$subject'" ;; esac
  verdict=$(report_field 'r["verdict"]')
  for want in "Klaviyo did not answer" "none of the 17 checks could run" "This is not a sign that data is being lost" \
              "Shopify's orders, customers, abandoned checkouts, and fulfilments, cancellations and refunds were read as usual" \
              "over the whole period since 13 Dec 2026 05:00 GMT"; do
    case $verdict in *"$want"*) ;; *) fail "day $d: verdict lacks '$want': $verdict" ;; esac
  done
  grep -qi critical "$RUN/report.txt" && fail "day $d: the report says critical"
  # Unchecked indicators are gaps in the trend, not zeros.
  [ "$(report_field '[p["score"] for p in r["trend"]["points"]][-1]')" = None ] || fail "day $d: trend point not a gap"
  [ "$(report_field 'r["trend"]["points"][0]["score"]')" = 100 ] || fail "day $d: day 0 not in the trend"
  echo "ok: day $d: $subject"
done
grep -q '"state": *"open"' "$STATE/breaker.json" || fail "the breaker did not open after 3 failed runs"

daily_run "$STATE" 4 4
[ "$(report_field 'r["status"]')" = paused ] || fail "day 4: not the paused notice: $(report_field 'r["subject"]')"
[ "$(report_field 'r["score"]')" = None ] || fail "day 4: the paused notice carries a score"
verdict=$(report_field 'r["verdict"]')
for want in "Monitoring of Klaviyo is paused" "not answered since 14 Dec 2026 06:00 GMT (3 runs in a row)" \
            "Not checked while it is paused: order sync" "Still working: Shopify answers normally" \
            "Next attempt: the run due around 18 Dec 2026 06:00 GMT" "checks everything since 13 Dec 2026 05:00 GMT" \
            "not a health score"; do
  case $verdict in *"$want"*) ;; *) fail "day 4: paused notice lacks '$want': $verdict" ;; esac
done
case $verdict in *T0*|*Z\ *|*"We keep trying"*) fail "day 4: ISO time or untrue promise: $verdict" ;; esac
echo "ok: day 4: $(report_field 'r["subject"]')"

daily_run "$STATE" 5 0
[ "$(manifest_field "$RUN" "m['platforms']['klaviyo']['status']")" = complete ] || fail "day 5: the probe did not read Klaviyo"
[ "$(manifest_field "$RUN" "m['platforms']['klaviyo']['breaker']")" = closed ] || fail "day 5: the breaker did not close"
expect_key_equal "$RUN" "$(day 5)"
[ "$KEY_COUNT" -ge 11 ] || fail "day 5: the answer key has $KEY_COUNT defects, expected the 11 dropped orders"
n=$(/usr/bin/python3 -c 'import json,sys; c=json.load(open(sys.argv[1])); print(sum(len(i["affected"]) for i in c["indicators"] if i["id"]=="order_sync"))' "$RUN/checks.json")
[ "$n" = 11 ] || fail "day 5: $n orders missing, expected the 11 dropped during the outage"
verdict=$(report_field 'r["verdict"]')
for want in "Monitoring resumed: Klaviyo answers again (no answer since 14 Dec 2026 06:00 GMT)" \
            "from 13 Dec 2026 05:00 GMT to 18 Dec 2026 06:00 GMT"; do
  case $verdict in *"$want"*) ;; *) fail "day 5: recovered notice lacks '$want': $verdict" ;; esac
done
note=$(report_field 'r["missed_run_note"]')
for want in "the runs on 14, 15 and 16 Dec could not reach Klaviyo" "the run on 17 Dec skipped Klaviyo while monitoring was paused"; do
  case $note in *"$want"*) ;; *) fail "day 5: catch-up note lacks '$want': $note" ;; esac
done
echo "ok: day 5: $(report_field 'r["subject"]')"

# The outbox: each day's report delivered once; exactly one paused and one recovered notice.
/usr/bin/python3 - "$STATE" <<'PY' || fail "outbox (above)"
import json, os, sys
state = sys.argv[1]
runs = sorted(os.listdir(f"{state}/runs"))
out = sorted(os.listdir(f"{state}/outbox"))
if out != runs or len(runs) != 6: sys.exit(f"outbox {out}, runs {runs}")
paused = [r for r in out if json.load(open(f"{state}/outbox/{r}/report.json"))["status"] == "paused"]
resumed = [r for r in out if "Monitoring resumed" in json.load(open(f"{state}/outbox/{r}/report.json"))["verdict"]]
if len(paused) != 1 or paused[0] != runs[4]: sys.exit(f"paused notices {paused}")
if len(resumed) != 1 or resumed[0] != runs[5]: sys.exit(f"recovered notices {resumed}")
for r in out:
    text = open(f"{state}/outbox/{r}/report.txt").read()
    if "not delivered" in text or "CRITICAL" in text: sys.exit(f"{r}: {text[:400]}")
    e = json.load(open(f"{state}/delivery/{r}/outbox.json"))
    if e["state"] != "delivered" or e["attempts"] != 1: sys.exit(f"{r}: {e}")
print("outbox:", len(out), "reports, one paused notice, one recovered notice")
PY
expect_consistent_state "$STATE"
[ -z "${FRR_TEST_KEEP:-}" ] || cp -r "$STATE" "$FRR_TEST_KEEP"   # to read the reports by eye
echo "degraded_outage: ok"
