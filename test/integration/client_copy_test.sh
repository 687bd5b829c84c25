#!/usr/bin/env bash
# The two audiences, over every example scenario (docs/report.md): `frr run` at the scenario's
# start; the client's copy of the report has no customer id, hash, token, snake_case key, raw
# status word, ISO timestamp, JSON or command (test/support/client_copy_forbidden.txt), and
# the operator's copy carries the affected keys. silent-gaps also shows the money model: its
# headline names the money at stake, the 2-day volume gap ranks above the missing orders, and
# each finding shows its value in pounds. An empty period says that no orders were placed.
# One ctest test per scenario (its name as the argument); without one, all of them.
# ctest-parts: audience-drop consent-drift healthy klaviyo-outage large-store late-events shopify-outage silent-gaps stalled-sync throttle-storm token-expiry woocommerce-healthy woocommerce-silent-gaps empty-period
. "$(dirname "$0")/lib.sh"
PARTS=${1:-all}
sim_env
# The store's config with short retries: examples/demo.yaml, or woocommerce-demo.yaml for a
# WooCommerce scenario.
for cfg in demo woocommerce-demo; do
  cp "$FRR_SRC/examples/$cfg.yaml" "$WORK/$cfg.yaml"
  printf 'fetch:\n  max_attempts: 2\n  retry_base_delay_ms: 10\n  retry_max_delay_ms: 50\n' >>"$WORK/$cfg.yaml"
  "$FRR_BIN" validate -c "$WORK/$cfg.yaml" >/dev/null 2>&1 || fail "$cfg.yaml with short retries does not validate"
done

run_scenario() {  # SCENARIO_FILE STATE_DIR [extra frr args]
  local scenario=$1 state=$2; shift 2
  local config=$WORK/demo.yaml
  grep -q '^source: woocommerce' "$scenario" && config=$WORK/woocommerce-demo.yaml
  start_sim "$scenario"
  set +e
  "$FRR_BIN" -q -c "$config" --state-dir "$state" --as-of "$(scenario_now "$scenario")" run "$@" \
    >"$WORK/out" 2>"$WORK/err"
  local rc=$?
  set -e
  stop_sim
  [ "$rc" = 0 ] || [ "$rc" = 3 ] || [ "$rc" = 4 ] || { cat "$WORK/err"; fail "$(basename "$scenario"): frr run exited $rc"; }
  RUN=$(latest_run "$state")
  [ -f "$RUN/report.txt" ] || fail "$(basename "$scenario"): no report"
}

for scenario in "$FRR_SRC"/examples/scenarios/*.yaml; do
  name=$(basename "$scenario" .yaml)
  [ "$PARTS" = all ] || [ "$PARTS" = "$name" ] || continue
  extra=()
  # A million orders: one hour of them shows the same report shape in seconds.
  [ "$name" = large-store ] && extra=(--since 1h)
  # shellcheck disable=SC2068
  run_scenario "$scenario" "$WORK/state-$name" ${extra[@]+"${extra[@]}"}
  /usr/bin/python3 "$FRR_SRC/test/integration/client_copy_check.py" "$RUN" \
    "$FRR_SRC/test/support/client_copy_forbidden.txt" || fail "$name: the report's copies are wrong (above)"
  [ -s "$WORK/out" ] && fail "$name: -q printed on success: $(cat "$WORK/out")"
  echo "client copy ok: $name"
done

# silent-gaps: money first, the costliest first.
if [ "$PARTS" = all ] || [ "$PARTS" = silent-gaps ]; then
RUN=$(latest_run "$WORK/state-silent-gaps")
/usr/bin/python3 - "$RUN" <<'PY' || fail "silent-gaps: the money model is not what the report shows"
import json, re, sys
run = sys.argv[1]
report = json.load(open(f"{run}/report.json"))
text = open(f"{run}/report.txt", encoding="utf-8").read()
print(report["subject"])
assert "£" in report["subject"] and "at stake" in report["subject"], "subject without the money at stake"
assert "£" in report["verdict"], "headline sentence without the money"
ids = [i["id"] for i in report["issues"]]
print("ranked:", ids)
assert ids.index("volume") < ids.index("order_sync"), "the volume gap ranks below the missing orders"
for i in report["issues"]:
    if i["id"] in ("order_sync", "volume", "duplicates", "value_integrity", "line_items"):
        assert "£" in i["cost_text"], f"{i['id']} shows no value in pounds: {i['cost_text']!r}"
# "6 issues need attention: 6 orders missing": one number for two things.
assert not re.search(r"\b(\d+) (issues|problems) need attention: \1 ", report["verdict"]), report["verdict"]
PY
fi

# An empty period: the healthy store, checked as of 40 days before its history starts.
if [ "$PARTS" = all ] || [ "$PARTS" = empty-period ]; then
HEALTHY=$FRR_SRC/examples/scenarios/healthy.yaml
start_sim "$HEALTHY"
set +e
"$FRR_BIN" -c "$WORK/demo.yaml" --state-dir "$WORK/state-empty" --as-of "$(iso_plus "$(scenario_now "$HEALTHY")" -3456000)" \
  run >"$WORK/out" 2>"$WORK/err"
rc=$?
set -e
stop_sim
[ "$rc" = 0 ] || { cat "$WORK/err"; fail "empty period: frr run exited $rc"; }
RUN=$(latest_run "$WORK/state-empty")
expect_in "No orders were placed between" "$RUN/report.txt"
expect_in "Confidence: low" "$RUN/report.txt"
expect_not_in "All 0" "$RUN/report.txt"
/usr/bin/python3 "$FRR_SRC/test/integration/client_copy_check.py" "$RUN" \
  "$FRR_SRC/test/support/client_copy_forbidden.txt" || fail "empty period: the report's copies are wrong (above)"
fi
echo "client_copy $PARTS: ok"
