#!/usr/bin/env bash
# The bulk-operation download is parsed as it arrives (issue #16; docs/fetching.md):
#   memory  a store whose look-back bulk file is about 125 MB is fetched under `ulimit -v` set to
#           what the same fetch needs with a small file (found by bisection) plus 48 MB, under
#           half the large file: a body held whole (the file itself, and more while a growing
#           buffer is copied) cannot fit, one read line by line does.
#   cut     a download cut short once (frr-sim's `truncated` fault: half the Content-Length, then
#           the connection closes) is downloaded again and the snapshot still equals the ground
#           truth, no order counted twice; cut every time, the orders are partial (exit 3) and the
#           manifest says which download failed and how far it read.
#   bulk_stream_test.sh [PART...]   (no PART: both)
# ctest-parts: memory cut
source "$(dirname "$0")/lib.sh"
sim_env

# bulk_config OUT [extra checks: lines]: demo.yaml with the bulk path from 100 orders up, a 1 h
# window (few orders and events to fetch whole) and short retry delays.
bulk_config() {
  fast_config "$1"
  sed -i 's/^  shop: frr-demo.myshopify.com$/&\n  bulk_threshold: 100/; s/^  window: 24h$/  window: 1h/; s/^  grace: 1h$/  grace: 10m/' "$1"
  grep -q "bulk_threshold: 100" "$1" && grep -q "window: 1h" "$1" || fail "could not edit $1"
  [ -z "${2:-}" ] || sed -i "s/^  grace: 10m\$/&\n  $2/" "$1"
}

# fetch_under_limit KB CONFIG STATE: frr fetch with its address space capped at KB; prints the exit.
fetch_under_limit() {
  local kb=$1 config=$2 state=$3 rc
  rm -rf "$state"
  set +e
  (ulimit -v "$kb" && exec "$FRR_BIN" -c "$config" --state-dir "$state" --as-of "$NOW" fetch) \
    >"$WORK/limited.out" 2>"$WORK/limited.err"
  rc=$?
  set -e
  echo "$rc"
}

memory() {
  if ldd "$FRR_BIN" | grep -q 'libasan\|libtsan'; then
    echo "skip: a sanitizer build reserves terabytes of address space, so ulimit -v cannot apply"
    return 0
  fi
  # 40,000 orders a day over 30 days; 28 look-back days read by bulk are about 1.1 million lines.
  local scenario=$WORK/bulk-memory.yaml small=$WORK/small.yaml large=$WORK/large.yaml
  cat >"$scenario" <<'YAML'
name: bulk-memory
seed: 7
now: 2026-11-27T06:00:00Z
rate_limit_scale: 0.05
shopify:
  bucket_size: 20000
  restore_rate: 1000
store:
  history_days: 30
  orders_per_day: 40000
  customers: 3000
  products: 50
  checkouts_per_day: 10
  klaviyo_only_profiles: 0.0
YAML
  NOW=$(scenario_now "$scenario")
  start_sim "$scenario"
  bulk_config "$small" "volume_lookback_days: 0"  # the window's day only: about 41,000 lines
  bulk_config "$large"                              # 28 days more: about 1,145,000 lines
  # One arena per thread would reserve 64 MB of address space each, as many as the threads that
  # happen to allocate at once; two keep the address space a function of what is allocated.
  export MALLOC_ARENA_MAX=2

  # What the small fetch needs: the least limit (16 MB steps) under which it succeeds.
  local lo=$((64 * 1024)) hi=$((1024 * 1024)) mid
  [ "$(fetch_under_limit "$hi" "$small" "$WORK/state-small")" = 0 ] ||
    { cat "$WORK/limited.err"; fail "the small fetch fails even with 1 GB of address space"; }
  while [ $((hi - lo)) -gt $((16 * 1024)) ]; do
    mid=$(((lo + hi) / 2))
    if [ "$(fetch_under_limit "$mid" "$small" "$WORK/state-small")" = 0 ]; then hi=$mid; else lo=$mid; fi
  done

  # The large fetch with 48 MB more: under half of what its two bulk files weigh.
  local slack=$((48 * 1024)) rc run lookback bytes
  echo "the small fetch needs $((hi / 1024)) MB of address space; the large one gets $(((hi + slack) / 1024)) MB"
  rc=$(fetch_under_limit "$((hi + slack))" "$large" "$WORK/state-large")
  [ "$rc" = 0 ] || { cat "$WORK/limited.err"; fail "the large fetch under $(((hi + slack) / 1024)) MB exited $rc"; }
  run=$(latest_run "$WORK/state-large")
  lookback=$(manifest_field "$run" "__import__('re').search(r'\((\d+) of the look-back', ' '.join(m['platforms']['shopify']['info'])).group(1)")
  bytes=$(manifest_field "$run" "m['platforms']['shopify']['bytes']")
  echo "the large fetch read $lookback look-back orders by bulk; Shopify sent $((bytes / 1000000)) MB"
  [ "$lookback" -gt 1000000 ] || fail "only $lookback look-back orders: the file is not the large one"
  # Shopify's bytes are nearly all the two bulk files (the window's is about 1 % of them).
  [ "$bytes" -gt $((2 * slack * 1024 + 4 * 1000 * 1000)) ] ||
    fail "the files ($bytes bytes) are too small for the limit to tell a body held whole"
  [ "$(manifest_field "$run" "m['platforms']['shopify']['status']")" = complete ] || fail "shopify not complete"
  expect_truth "$run" --grace 600
  stop_sim
  echo "ok: memory"
}

cut() {
  local scenario=$FRR_SRC/examples/scenarios/healthy.yaml cfg=$WORK/cut.yaml run
  NOW=$(scenario_now "$scenario")
  fast_config "$cfg"
  sed -i 's/^  shop: frr-demo.myshopify.com$/&\n  bulk_threshold: 100/' "$cfg"
  start_sim "$scenario"

  # Cut once: read again from where it broke; the snapshot equals the ground truth.
  add_fault '{"platform":"shopify","kind":"truncated","endpoint":"/_sim/bulk","count":1}'
  expect_exit 0 "$FRR_BIN" -c "$cfg" --state-dir "$WORK/state-once" --as-of "$NOW" fetch
  run=$(latest_run "$WORK/state-once")
  expect_in "orders fetched by bulk operations" "$run/manifest.json"
  expect_truth "$run"
  [ "$(manifest_field "$run" "m['platforms']['shopify']['retries']")" -ge 1 ] || fail "the cut download was not retried"
  clear_faults

  # Cut every time: the orders are partial, and the manifest says so in words.
  add_fault '{"platform":"shopify","kind":"truncated","endpoint":"/_sim/bulk"}'
  expect_exit 3 "$FRR_BIN" -c "$cfg" --state-dir "$WORK/state-always" --as-of "$NOW" fetch
  run=$(latest_run "$WORK/state-always")
  expect_in "bulk download failed after" "$run/manifest.json"
  expect_in "lines of the file" "$run/manifest.json"
  expect_in "connection dropped" "$run/manifest.json"
  expect_in "Signature=[redacted]" "$run/manifest.json"
  if grep -qE 'Signature=[^[]' "$run/manifest.json"; then fail "a download signature in $run/manifest.json"; fi
  [ "$(manifest_field "$run" "m['platforms']['shopify']['datasets']['orders']['status']")" = partial ] ||
    fail "orders not partial after a download cut every time"
  clear_faults
  stop_sim
  echo "ok: cut"
}

parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(memory cut)
for part in "${parts[@]}"; do "$part"; done
