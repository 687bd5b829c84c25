#!/usr/bin/env bash
# issue 4, "Done when": klaviyo-outage and shopify-outage. The healthy platform's data is complete,
# the manifest says which platform was unavailable, exit 3; three such runs in a row open the
# breaker (the next run exits 4, the manifest shows it open); after the cool-down, with the
# platform back, one half-open probe closes it. Time passes only on the simulator's clock.
source "$(dirname "$0")/lib.sh"
sim_env
cfg=$WORK/frr.yaml
fast_config "$cfg"          # breaker: 3 failures to open, 1h cool-down (demo.yaml)

for down in klaviyo shopify; do
  case $down in klaviyo) up=shopify ;; shopify) up=klaviyo ;; esac
  scenario=$FRR_SRC/examples/scenarios/$down-outage.yaml   # outage from now-10m until now+2h
  t0=$(scenario_now "$scenario")
  start_sim "$scenario"
  state=$WORK/state-$down
  for i in 0 1 2; do
    at=$(iso_plus "$t0" $((i * 600)))
    [ "$i" = 0 ] || advance_clock 600
    expect_exit 3 "$FRR_BIN" -c "$cfg" --state-dir "$state" --as-of "$at" fetch
    run=$(latest_run "$state")
    [ "$(manifest_field "$run" "m['platforms']['$down']['status']")" = unavailable ] || fail "$down: run $i not unavailable"
    [ "$(manifest_field "$run" "m['platforms']['$up']['status']")" = complete ] || fail "$up: run $i not complete"
    [ -n "$(manifest_field "$run" "m['platforms']['$down']['errors']")" ] || fail "$down: no error in the manifest"
    want_breaker=closed; [ "$i" = 2 ] && want_breaker=open
    [ "$(manifest_field "$run" "m['platforms']['$down']['breaker']")" = "$want_breaker" ] ||
      fail "$down: breaker after run $i is not $want_breaker"
    # The healthy platform's data is complete (first run: a full fetch, compared whole).
    [ "$i" = 0 ] && expect_truth "$run" --only "$up"
  done
  # Breaker open: the platform is skipped without being contacted, exit 4.
  advance_clock 600
  before=$(sim_stat "$down" requests)
  expect_exit 4 "$FRR_BIN" -c "$cfg" --state-dir "$state" --as-of "$(iso_plus "$t0" 1800)" fetch
  run=$(latest_run "$state")
  [ "$(manifest_field "$run" "m['platforms']['$down']['status']")" = paused ] || fail "$down: not paused"
  [ "$(manifest_field "$run" "m['platforms']['$down']['breaker']")" = open ] || fail "$down: breaker not shown open"
  [ "$(manifest_field "$run" "m['platforms']['$up']['status']")" = complete ] || fail "$up: not complete while $down paused"
  [ "$(sim_stat "$down" requests)" = "$before" ] || fail "$down: contacted while its breaker was open"
  # Cool-down (1h from the third run) over and the outage (until t0+2h) ended: the probe closes it.
  advance_clock $((7800 - 1800))
  expect_exit 0 "$FRR_BIN" -c "$cfg" --state-dir "$state" --as-of "$(iso_plus "$t0" 7800)" fetch
  run=$(latest_run "$state")
  [ "$(manifest_field "$run" "m['platforms']['$down']['status']")" = complete ] || fail "$down: probe not complete"
  [ "$(manifest_field "$run" "m['platforms']['$down']['breaker']")" = closed ] || fail "$down: probe did not close the breaker"
  expect_consistent_state "$state"
  stop_sim
  echo "ok: $down outage"
done
