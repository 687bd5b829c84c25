#!/usr/bin/env bash
# frr doctor (issue 12) against frr-sim: every check passes with evidence on a store as the
# documentation describes it; a store whose Placed Order events carry the order id elsewhere, or
# whose metric-aggregates counts UTC days instead of the store's, fails the matching check and
# the command exits non-zero; events that carry the id only in $event_id still map.
# ctest-parts: healthy unmapped event_id utc_days
. "$(dirname "$0")/lib.sh"
sim_env
PART=${1:-healthy}
BASE=$FRR_SRC/examples/scenarios/healthy.yaml
NOW=$(scenario_now "$BASE")
SCENARIO=$WORK/scenario.yaml
cp "$BASE" "$SCENARIO"
case $PART in
  unmapped) printf 'records:\n  order_id_field: unmapped\n' >>"$SCENARIO" ;;
  event_id) printf 'records:\n  order_id_field: event_id\n' >>"$SCENARIO" ;;
  utc_days) printf 'records:\n  aggregate_days: utc\n' >>"$SCENARIO" ;;
esac
start_sim "$SCENARIO"
doctor() { "$FRR_BIN" -c "$FRR_SRC/examples/demo.yaml" --state-dir "$WORK/state" --as-of "$NOW" doctor; }

case $PART in
  healthy)
    expect_exit 0 doctor
    for title in "✔ Shopify: credentials and scopes" "✔ Shopify: API version 2026-10" "✔ Store time zone" \
                 "✔ Klaviyo: credentials and scopes" "✔ Klaviyo: API revision 2026-07-15" \
                 "✔ Order ids of Placed Order events" "✔ Daily counts in the store's time zone"; do
      expect_in "$title" "$WORK/out"
    done
    expect_in "50 of 50 recent events map by \$extra.id" "$WORK/out"
    expect_in "50 of 50 mapped orders exist in Shopify" "$WORK/out"
    expect_in "2026-10-25: metric-aggregates counts" "$WORK/out"
    expect_in "7 of 7 checks passed" "$WORK/out"
    expect_not_in "✘" "$WORK/out"
    # Nothing written: doctor makes no run.
    [ ! -d "$WORK/state/runs" ] || [ -z "$(ls "$WORK/state/runs")" ] || fail "doctor wrote a run"
    ;;
  unmapped)
    expect_exit 1 doctor
    expect_in "✘ Order ids of Placed Order events" "$WORK/out"
    expect_in "50 of 50 carry no order id frr reads" "$WORK/out"
    expect_in "\$extra.order_name holds a Shopify order id or name in 50 of 50 events" "$WORK/out"
    expect_in "→ This store's events name their orders in a property frr does not read" "$WORK/out"
    expect_in "✔ Daily counts in the store's time zone" "$WORK/out"
    ;;
  event_id)
    expect_exit 0 doctor
    expect_in "✔ Order ids of Placed Order events" "$WORK/out"
    expect_in "50 of 50 recent events map by the digits of \$event_id" "$WORK/out"
    ;;
  utc_days)
    expect_exit 1 doctor
    expect_in "✘ Daily counts in the store's time zone (Europe/London)" "$WORK/out"
    expect_in "the aggregates count UTC days, not Europe/London's" "$WORK/out"
    expect_in "✔ Order ids of Placed Order events" "$WORK/out"
    ;;
  *) fail "unknown part $PART" ;;
esac
echo "doctor_test $PART: ok"
