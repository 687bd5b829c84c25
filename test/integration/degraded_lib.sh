# Shared by the issue-11 daily-cron tests (degraded_outage_test.sh, degraded_long_outage_test.sh,
# degraded_catch_up_test.sh): a small store generated up to G and the simulator's clock set back,
# so that daily runs advanced with --as-of and the simulator clock see orders arrive day by day.
# The simulator generates its world once, up to its start time; setting its clock back hides the
# Klaviyo events that have not arrived yet, and frr only ever asks Shopify for records created
# before its --as-of, so each run sees the store as it was that morning.
source "$(dirname "$0")/lib.sh"
sim_env

# daily_scenario FILE G DAYS_BACK COUNT: the store generated up to G (ISO), with COUNT orders
# dropped by the sync (no Placed Order ever) among those created in the DAYS_BACK days before G.
daily_scenario() {
  cat >"$1" <<YAML
name: daily-cron
seed: 23
now: $2
rate_limit_scale: 0.01
shopify:
  bucket_size: 20000
  restore_rate: 1000
store:
  history_days: $(( $3 + 4 ))
  orders_per_day: 40
  customers: 200
  products: 5
  checkouts_per_day: 5
answer_key:
  window: $(( $3 * 24 ))h
defects:
  scope: $(( $3 * 24 ))h
  missing_placed_order: {count: $4}
YAML
}

# daily_config OUT: examples/demo.yaml with fast retries, the breaker at its defaults (no
# breaker section) and one watched audience (frr paces list counts one a second).
daily_config() {
  fast_config "$1"
  /usr/bin/python3 - "$1" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path).read()
text, n = re.subn(r"\nbreaker:\n(  .*\n)+", "\n", text)
assert n == 1, "examples/demo.yaml changed: no breaker section to drop"
open(path, "w").write(text)
PY
  sed -i 's/^  max_attempts: .*/  max_attempts: 3/' "$1"
}

# set_clock ISO: the simulator's clock.
set_clock() { curl -sf -X POST "$SIM_URL/_sim/clock" -d "{\"now\":\"$1\"}" >/dev/null || fail "clock refused"; }

# day N: G - (DAYS - N) days, as ISO (G and DAYS set by the test).
day() { iso_plus "$G" $(( ($1 - DAYS) * 86400 )); }

# daily_run STATE DAY WANT_EXIT: the simulator clock and --as-of at that morning, `frr run`.
# Leaves RUN (the run directory) and REPORT (its report.json).
daily_run() {
  local state=$1 at
  at=$(day "$2")
  set_clock "$at"
  expect_exit "$3" "$FRR_BIN" -c "$CFG" --state-dir "$state" --as-of "$at" run
  RUN=$(latest_run "$state")
  REPORT=$RUN/report.json
  [ -f "$REPORT" ] || fail "day $2: no report"
}

# report_field EXPR: a Python expression over r = $REPORT's JSON.
report_field() { /usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$REPORT" "$1"; }

# expect_key_equal STATE_RUN AS_OF: the run's findings equal the simulator's answer key for the
# run's own window (as_of - window.since), whatever its length.
expect_key_equal() {
  local run=$1 at=$2 secs
  secs=$(/usr/bin/python3 -c '
import json, sys, datetime as d
c = json.load(open(sys.argv[1] + "/checks.json"))
p = lambda s: d.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ")
print(int((p(c["as_of"]) - p(c["window"]["since"])).total_seconds()))' "$run")
  curl -sf "$SIM_URL/_sim/answer-key?as_of=$at&window=${secs}s" >"$WORK/key.json" || fail "no answer key"
  /usr/bin/python3 "$FRR_SRC/test/integration/compare_keys.py" "$run/checks.json" "$WORK/key.json" ||
    fail "findings of $run differ from the answer key over its $((secs / 3600)) h window"
  KEY_COUNT=$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["defects"]))' "$WORK/key.json")
}
