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
  "$FRR_SIM" --scenario "$scenario" --port 0 "$@" >"$WORK/sim.out" 2>"$WORK/sim.err" &
  SIM_PID=$!
  for _ in $(seq 1 200); do
    if head -n1 "$WORK/sim.out" 2>/dev/null | grep -q '^listening on '; then
      SIM_URL=$(head -n1 "$WORK/sim.out" | sed 's/^listening on //')
      export FRR_SHOPIFY_BASE_URL=$SIM_URL FRR_KLAVIYO_BASE_URL=$SIM_URL
      return 0
    fi
    kill -0 "$SIM_PID" 2>/dev/null || { cat "$WORK/sim.err"; fail "frr-sim exited"; }
    sleep 0.05
  done
  fail "frr-sim did not start"
}

stop_sim() {
  if [ -n "$SIM_PID" ]; then kill -TERM "$SIM_PID"; wait "$SIM_PID" 2>/dev/null || true; SIM_PID=; fi
}

sim_env() { set -a; . "$FRR_SRC/examples/sim.env"; set +a; }
