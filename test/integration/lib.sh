# Shared helpers for the integration scripts (sourced).
set -euo pipefail
: "${FRR_BIN:?}" "${FRR_SRC:?}"
FRR_SIM=${FRR_SIM:-}
WORK=$(mktemp -d /tmp/frr-it.XXXXXX)
SIM_PID=
cleanup() {
  if [ -n "$SIM_PID" ]; then kill -TERM "$SIM_PID" 2>/dev/null || true; wait "$SIM_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

# expect_exit CODE cmd... : runs cmd, captures stdout/stderr in $WORK/out, $WORK/err
expect_exit() {
  local want=$1; shift
  set +e
  "$@" >"$WORK/out" 2>"$WORK/err"
  local got=$?
  set -e
  if [ "$got" != "$want" ]; then
    echo "--- stdout"; cat "$WORK/out"; echo "--- stderr"; cat "$WORK/err"
    fail "expected exit $want, got $got: $*"
  fi
}

expect_in() { grep -qF -- "$1" "$2" || { echo "--- $2:"; cat "$2"; fail "expected '$1' in $2"; }; }
expect_not_in() { if grep -qF -- "$1" "$2"; then fail "did not expect '$1' in $2"; fi; }

# start_sim SCENARIO [extra args]: starts frr-sim on an ephemeral port, sets SIM_URL.
start_sim() {
  local scenario=$1; shift
  # A fresh file per start: the background shell truncates its redirect only when it runs, so a
  # reused file could still show the previous simulator's line. The line counts once it is whole.
  local out line
  out=$(mktemp "$WORK/sim.XXXXXX.out")
  "$FRR_SIM" --scenario "$scenario" --port 0 "$@" >"$out" 2>"$WORK/sim.err" &
  SIM_PID=$!
  # A big scenario (large-store: 1,000,000 orders) takes a while to generate, much longer under
  # the sanitizers on a loaded machine; a simulator that dies is caught at once below.
  local deadline=$((SECONDS + ${FRR_SIM_START_SECONDS:-240}))
  while [ $SECONDS -lt $deadline ]; do
    if [ "$(wc -l <"$out")" -ge 1 ]; then
      line=$(head -n1 "$out")
      case $line in
        "listening on http://"*) ;;
        *) fail "frr-sim printed '$line', not 'listening on URL'" ;;
      esac
      SIM_URL=${line#listening on }
      export FRR_SHOPIFY_BASE_URL=$SIM_URL FRR_KLAVIYO_BASE_URL=$SIM_URL FRR_WOOCOMMERCE_BASE_URL=$SIM_URL
      return 0
    fi
    kill -0 "$SIM_PID" 2>/dev/null || { cat "$WORK/sim.err"; fail "frr-sim exited"; }
    sleep 0.05
  done
  fail "frr-sim did not start within ${FRR_SIM_START_SECONDS:-240} s"
}

stop_sim() {
  if [ -n "$SIM_PID" ]; then kill -TERM "$SIM_PID"; wait "$SIM_PID" 2>/dev/null || true; SIM_PID=; fi
}

sim_env() { set -a; . "$FRR_SRC/examples/sim.env"; set +a; }

# (scenario_now and sim_advance, used below, are defined further down.)
# check_against_key AS_OF WANT_EXITS [compare_keys.py args...]: runs `frr check --format json`
# (config $FRR_TEST_CONFIG, default examples/demo.yaml; state dir $FRR_TEST_STATE, default
# $WORK/state) at AS_OF, expecting one of the space-separated
# exit codes WANT_EXITS, then compares its findings with the simulator's answer key at its
# clock (which must equal AS_OF). Leaves $WORK/findings.json and $WORK/key.json.
check_against_key() {
  local as_of=$1 want=$2; shift 2
  set +e
  "$FRR_BIN" -c "${FRR_TEST_CONFIG:-$FRR_SRC/examples/demo.yaml}" --state-dir "${FRR_TEST_STATE:-$WORK/state}" \
    --as-of "$as_of" check --format json >"$WORK/findings.json" 2>"$WORK/err"
  local got=$?
  set -e
  case " $want " in
    *" $got "*) ;;
    *) cat "$WORK/err"
       local run; run=$(latest_run "${FRR_TEST_STATE:-$WORK/state}")
       [ -z "$run" ] || /usr/bin/python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); [print(k, p.get("status"), p.get("errors")) for k, p in m.get("platforms", {}).items()]' "$run/manifest.json" >&2 || true
       fail "frr check at $as_of: exit $got, expected one of: $want" ;;
  esac
  curl -sf "$SIM_URL/_sim/answer-key" >"$WORK/key.json" || fail "no answer key from $SIM_URL"
  local key_as_of
  key_as_of=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["as_of"])' "$WORK/key.json")
  [ "$key_as_of" = "$as_of" ] || fail "simulator clock $key_as_of is not the as-of $as_of"
  /usr/bin/python3 "$FRR_SRC/test/integration/compare_keys.py" "$WORK/findings.json" "$WORK/key.json" "$@" \
    || fail "findings at $as_of differ from the answer key (above)"
}

# --- fetch helpers (fetch_truth, outage, token, throttle, fault_matrix) ---
# scenario_now FILE: the scenario's fixed start time (its `now:`), for --as-of.
scenario_now() { sed -n 's/^now: *//p' "$1"; }
# iso_plus ISO SECONDS: ISO + SECONDS, as ISO-8601 UTC.
iso_plus() {
  /usr/bin/python3 -c 'import sys,datetime as d; t=d.datetime.strptime(sys.argv[1],"%Y-%m-%dT%H:%M:%SZ")+d.timedelta(seconds=int(sys.argv[2])); print(t.strftime("%Y-%m-%dT%H:%M:%SZ"))' "$1" "$2"
}
# latest_run STATE_DIR: the newest run directory that has a manifest.
latest_run() { ls -d "$1"/runs/*/manifest.json 2>/dev/null | sort | tail -n1 | xargs -r dirname; }
# manifest_field RUN_DIR EXPR: prints the Python expression EXPR evaluated with m = the manifest.
manifest_field() {
  /usr/bin/python3 -c 'import json,sys; m=json.load(open(sys.argv[1]+"/manifest.json")); print(eval(sys.argv[2]))' "$1" "$2"
}
# expect_truth RUN_DIR [--grace S] [--only PLATFORM]: the snapshot's counts equal the simulator's
# ground truth for its window (test/integration/truth.py says what each count means).
expect_truth() {
  /usr/bin/python3 "$FRR_SRC/test/integration/truth.py" "$SIM_URL" "$@" || fail "snapshot $1 differs from the ground truth"
}
# advance_clock SECONDS: moves the simulator's clock (and its rate-limit clocks) forward.
advance_clock() { curl -sf -X POST "$SIM_URL/_sim/clock" -d "{\"advance_seconds\":$1}" >/dev/null || fail "clock advance refused"; }
# add_fault JSON / clear_faults: POST/DELETE /_sim/faults.
add_fault() { curl -sf -X POST "$SIM_URL/_sim/faults" -d "$1" >/dev/null || fail "fault refused: $1"; }
clear_faults() { curl -sf -X DELETE "$SIM_URL/_sim/faults" >/dev/null || fail "clearing faults refused"; }
# sim_stat PLATFORM FIELD: a number from /_sim/stats.
sim_stat() {
  curl -sf "$SIM_URL/_sim/stats" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]][sys.argv[2]])' "$1" "$2"
}
# expect_consistent_state STATE_DIR: every run directory has a readable manifest, no temp files
# are left behind, and the breaker file (if any) is valid JSON.
expect_consistent_state() {
  local state=$1 d
  for d in "$state"/runs/*/; do
    [ -f "$d/manifest.json" ] || fail "run directory without a manifest: $d"
    /usr/bin/python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$d/manifest.json" || fail "unreadable manifest in $d"
  done
  if [ -n "$(find "$state" -name '*.tmp*')" ]; then fail "temporary files left in $state: $(find "$state" -name '*.tmp*')"; fi
  if [ -f "$state/breaker.json" ]; then
    /usr/bin/python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$state/breaker.json" || fail "unreadable breaker.json"
  fi
}
# fast_config OUT: examples/demo.yaml with short fetch retry delays and timeout, so injected
# faults cost milliseconds (fetch.* keys, docs/configuration.md). Append more YAML to OUT freely.
fast_config() {
  cp "$FRR_SRC/examples/demo.yaml" "$1"
  printf '\nfetch:\n  max_attempts: 8\n  retry_base_delay_ms: 20\n  retry_max_delay_ms: 200\n  timeout_ms: 3000\n' >>"$1"
}

# expect_exit_in "CODES" cmd... : like expect_exit, for any of the space-separated codes.
expect_exit_in() {
  local want=" $1 "; shift
  set +e
  "$@" >"$WORK/out" 2>"$WORK/err"
  local got=$?
  set -e
  if [[ "$want" != *" $got "* ]]; then
    echo "--- stdout"; cat "$WORK/out"; echo "--- stderr"; cat "$WORK/err"
    fail "expected exit in {$want}, got $got: $*"
  fi
}

# sim_advance SECONDS: moves the simulator clock; prints the new ISO time.
sim_advance() {
  curl -sf -X POST "$SIM_URL/_sim/clock" -d "{\"advance_seconds\":$1}" | sed 's/.*"now": *"\([^"]*\)".*/\1/'
}

# write_tiny_scenario PATH [extra yaml]: a small store (3 days, 40 orders/day) so a full run takes seconds.
write_tiny_scenario() {
  cat >"$1" <<YAML
name: tiny
seed: 11
now: 2026-11-27T06:00:00Z
shopify:
  bucket_size: 20000
  restore_rate: 1000
store:
  history_days: 3
  orders_per_day: 40
  customers: 150
  products: 5
  checkouts_per_day: 5
${2:-}
YAML
}
