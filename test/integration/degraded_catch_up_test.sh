#!/usr/bin/env bash
# issue 11, "Done when" 4: missed cron runs and dry runs.
#   missed runs: a daily run on day 0, then none until day 3 (the machine was off). The day-3
#     run's window starts where day 0 stopped judging (day 0 - grace), so its findings equal the
#     answer key over those 73 hours exactly (the sync dropped orders on every one of those days),
#     and the report says which period it covers and why. The next run is back to one day.
#   dry run: `frr run --dry-run` leaves nothing later runs treat as history (no run in runs/, no
#     ledger entry, no diff base, no watermark or breaker change); the real run after it is the
#     first report, delivered alone, with no missed-report remark.
source "$(dirname "$0")/degraded_lib.sh"
G=2026-11-30T06:00:00Z
DAYS=3
SCENARIO=$WORK/daily.yaml
daily_scenario "$SCENARIO" "$G" "$DAYS" 9
CFG=$WORK/frr.yaml
daily_config "$CFG"
start_sim "$SCENARIO"

# --- missed cron runs
STATE=$WORK/missed
daily_run "$STATE" 0 0
expect_key_equal "$RUN" "$(day 0)"
daily_run "$STATE" 3 0
[ "$(manifest_field "$RUN" "m['window']['since']")" = "$(iso_plus "$(day 0)" -3600)" ] ||
  fail "day 3: window starts $(manifest_field "$RUN" "m['window']['since']"), not where day 0 stopped judging"
expect_key_equal "$RUN" "$(day 3)"
[ "$KEY_COUNT" -ge 9 ] || fail "day 3: only $KEY_COUNT defects in the answer key over the three days"
note=$(report_field 'r["missed_run_note"]')
for want in "This report covers 27 Nov 2026 05:00 GMT to 30 Nov 2026 06:00 GMT" "not only the usual day" \
            "no report ran between 27 Nov 2026 06:00 GMT and this one" "Everything in that period was checked"; do
  case $note in *"$want"*) ;; *) fail "day 3: catch-up note lacks '$want': $note" ;; esac
done
grep -q "Catch-up." "$RUN/report.txt" || fail "day 3: report.txt has no catch-up note"
echo "ok: missed runs: day 3 judged 73 h exactly ($KEY_COUNT defects)"
# Back to a normal day: the window is the configured day again (plus the hour day 3 could not judge yet).
set_clock "$(iso_plus "$(day 3)" 3600)"
expect_exit 0 "$FRR_BIN" -c "$CFG" --state-dir "$STATE" --as-of "$(iso_plus "$(day 3)" 3600)" run
RUN=$(latest_run "$STATE")
[ "$(manifest_field "$RUN" "m['window']['since']")" = "$(iso_plus "$(day 2)" 3600)" ] ||
  fail "an hour later: the window starts $(manifest_field "$RUN" "m['window']['since']"), not a day back"
expect_key_equal "$RUN" "$(iso_plus "$(day 3)" 3600)"
echo "ok: missed runs: the next run is back to the configured window"

# --- dry run, then a real run
STATE=$WORK/dry
set_clock "$(day 0)"
expect_exit 0 "$FRR_BIN" -c "$CFG" --state-dir "$STATE" --as-of "$(day 0)" run
FIRST=$(latest_run "$STATE")
snapshot() { (cd "$STATE" && find runs delivery outbox -type f -print0 2>/dev/null | sort -z | xargs -0 sha256sum;
              cat watermarks.json breaker.json 2>/dev/null); }
before=$(snapshot)
set_clock "$(day 1)"
expect_exit 0 "$FRR_BIN" -c "$CFG" --state-dir "$STATE" --as-of "$(day 1)" run --dry-run
expect_in "would send" "$WORK/out"
[ "$(snapshot)" = "$before" ] || fail "the dry run changed runs/, the ledger, the outbox, the watermarks or the breaker"
[ "$(ls "$STATE/dry-runs" | wc -l)" = 1 ] || fail "the dry run's output is not in dry-runs/"
[ -f "$STATE/dry-runs/$(ls "$STATE/dry-runs")/report.html" ] || fail "the dry run rendered no report"
# The real run at the same moment: compared with day 0, not with the dry run; delivered alone.
daily_run "$STATE" 1 0
[ "$(report_field 'r["changes"]["first_report"]')" = False ] || fail "day 1: no comparison with day 0"
case $(report_field 'r["changes"]["score_change"]') in *"27 Nov 2026"*) ;; *) fail "day 1: not compared with day 0: $(report_field 'r["changes"]["score_change"]')" ;; esac
[ "$(manifest_field "$RUN" "m['window']['since']")" = "$(iso_plus "$(day 0)" -3600)" ] || fail "day 1: window not from day 0's watermark"
expect_key_equal "$RUN" "$(day 1)"
/usr/bin/python3 - "$STATE" "$(basename "$FIRST")" "$(basename "$RUN")" <<'PY' || fail "delivery after the dry run (above)"
import json, os, sys
state, first, second = sys.argv[1:4]
if sorted(os.listdir(f"{state}/runs")) != [first, second]: sys.exit(f"runs {os.listdir(state + '/runs')}")
if sorted(os.listdir(f"{state}/outbox")) != [first, second]: sys.exit(f"outbox {os.listdir(state + '/outbox')}")
text = open(f"{state}/outbox/{second}/report.txt").read()
if "not delivered" in text or "earlier report" in text: sys.exit("day 1 mentions an undelivered report")
PY
expect_consistent_state "$STATE"
echo "degraded_catch_up: ok"
