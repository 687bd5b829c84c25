#!/usr/bin/env bash
# stalled-sync: frr check's findings equal the simulator's answer key at the scenario's start.
. "$(dirname "$0")/lib.sh"
sim_env
SCENARIO=$FRR_SRC/examples/scenarios/stalled-sync.yaml
start_sim "$SCENARIO"
check_against_key "$(scenario_now "$SCENARIO")" "1 2"
echo "scenario_stalled_sync: ok"
