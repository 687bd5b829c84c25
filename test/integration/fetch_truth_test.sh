#!/usr/bin/env bash
# issue 4, "Done when": against every scenario of frr-sim (large-store aside: it has its own
# benchmark), the snapshot's counts equal the simulator's ground truth for the window exactly.
# Each scenario gets a fresh state directory, so every fetch is a first, full one.
source "$(dirname "$0")/lib.sh"
sim_env
cfg=$FRR_SRC/examples/demo.yaml
for name in healthy silent-gaps late-events consent-drift stalled-sync audience-drop \
            klaviyo-outage shopify-outage token-expiry; do
  scenario=$FRR_SRC/examples/scenarios/$name.yaml
  now=$(scenario_now "$scenario")
  start_sim "$scenario"
  state=$WORK/state-$name
  case $name in
    klaviyo-outage) want=3 only=(--only shopify) ;;
    shopify-outage) want=3 only=(--only klaviyo) ;;
    *) want=0 only=() ;;
  esac
  expect_exit "$want" "$FRR_BIN" -c "$cfg" --state-dir "$state" --as-of "$now" fetch
  run=$(latest_run "$state")
  [ -n "$run" ] || fail "$name: no run directory"
  expect_truth "$run" "${only[@]}"
  expect_consistent_state "$state"
  stop_sim
  echo "ok: $name"
done
