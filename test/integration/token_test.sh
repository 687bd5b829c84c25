#!/usr/bin/env bash
# issue #4, "Done when": token-expiry with the OAuth modes (Shopify refresh_token, Klaviyo oauth).
# (a) Every access token expires mid-run, on Klaviyo's first events pages and on a Shopify orders
#     page, and is renewed without losing a page: the snapshot equals the ground truth.
# (b) The rotated refresh tokens are kept in 0600 caches and used by the next run (the simulator
#     invalidates the old ones, so the configured ones are dead by then).
# (c) An invalid refresh token exits 77 with a message naming the platform and what to do, and
#     nothing written claims that platform's data arrived.
source "$(dirname "$0")/lib.sh"
sim_env
cfg=$WORK/frr.yaml
fast_config "$cfg"
/usr/bin/python3 - "$cfg" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("""    mode: static_token
    access_token_env: FRR_SHOPIFY_ACCESS_TOKEN""", """    mode: refresh_token
    client_id_env: FRR_SHOPIFY_CLIENT_ID
    client_secret_env: FRR_SHOPIFY_CLIENT_SECRET
    refresh_token_env: FRR_SHOPIFY_REFRESH_TOKEN""")
s = s.replace("""    mode: private_key
    private_key_env: FRR_KLAVIYO_PRIVATE_KEY""", """    mode: oauth
    client_id_env: FRR_KLAVIYO_CLIENT_ID
    client_secret_env: FRR_KLAVIYO_CLIENT_SECRET
    refresh_token_env: FRR_KLAVIYO_REFRESH_TOKEN""")
assert "refresh_token_env: FRR_SHOPIFY" in s and "mode: oauth" in s
open(p, "w").write(s)
PY
unset FRR_SHOPIFY_ACCESS_TOKEN FRR_KLAVIYO_PRIVATE_KEY   # prove the OAuth paths are the ones used

# pending_faults: how many fault specs the simulator still holds (a spec with a count is dropped
# once used up). Asks by adding a spec no request matches, and leaves that one out.
pending_faults() {
  local n
  n=$(curl -sf -X POST "$SIM_URL/_sim/faults" \
        -d '{"platform":"klaviyo","kind":"slow","endpoint":"/never-requested","count":1,"delay_ms":1}' |
      /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["active"])') || fail "fault probe refused"
  echo $((n - 1))
}

scenario=$FRR_SRC/examples/scenarios/token-expiry.yaml   # 5-minute tokens, rotation, old ones invalidated
t0=$(scenario_now "$scenario")
start_sim "$scenario"
# The scenario's own expiries fire at random requests; these are placed, so every run tests the
# same thing.
clear_faults
# Klaviyo: the first 3 /api/events requests each expire every access token. The fetch sends 7
# first pages at once (6 Shopify metrics and the newest Placed Order), so a request may be
# refused again with its renewed token (the case that used to lose pages: one renewal per
# request); 3 expiries never need more than the client's 3 renewals per request.
add_fault '{"platform":"klaviyo","kind":"expire_tokens","endpoint":"/api/events","count":3}'
# Shopify: the 9th GraphQL request expires every token; after the preflight and the first
# customers/checkouts pages that is an orders page. (The 8 "slow" requests before it wait 1 ms.)
add_fault '{"platform":"shopify","kind":"slow","endpoint":"graphql.json","count":8,"delay_ms":1}'
add_fault '{"platform":"shopify","kind":"expire_tokens","endpoint":"graphql.json","count":1}'
state=$WORK/state
expect_exit 0 "$FRR_BIN" -c "$cfg" --state-dir "$state" --as-of "$t0" fetch
[ "$(pending_faults)" = 0 ] || fail "not every placed expiry fired: the run did not cross them"
run=$(latest_run "$state")
for p in shopify klaviyo; do
  [ "$(manifest_field "$run" "m['platforms']['$p']['status']")" = complete ] || fail "$p not complete"
done
expect_truth "$run"
for p in shopify klaviyo; do
  cache=$state/$p-token.json
  [ -f "$cache" ] || fail "no $p token cache"
  [ "$(stat -c %a "$cache")" = 600 ] || fail "$p token cache is mode $(stat -c %a "$cache"), not 600"
done
expect_not_in "$FRR_SHOPIFY_REFRESH_TOKEN" "$state/shopify-token.json"   # rotated away
expect_not_in "$FRR_KLAVIYO_REFRESH_TOKEN" "$state/klaviyo-token.json"
for secret in "$FRR_SHOPIFY_CLIENT_SECRET" "$FRR_KLAVIYO_CLIENT_SECRET" "$FRR_SHOPIFY_REFRESH_TOKEN" \
              "$FRR_KLAVIYO_REFRESH_TOKEN"; do
  if grep -rqF -- "$secret" "$run"; then fail "a secret reached $run"; fi
done

# (b) Next run, an hour later (every access token long expired): the configured refresh tokens
# were invalidated by the rotation, so success means the cached, rotated ones were used.
advance_clock 3600
t1=$(iso_plus "$t0" 3600)
cp "$state/shopify-token.json" "$WORK/shopify-before.json"
cp "$state/klaviyo-token.json" "$WORK/klaviyo-before.json"
expect_exit 0 "$FRR_BIN" -c "$cfg" --state-dir "$state" --as-of "$t1" fetch
run2=$(latest_run "$state")
[ "$run2" != "$run" ] || fail "no second run"
for p in shopify klaviyo; do
  [ "$(manifest_field "$run2" "m['platforms']['$p']['status']")" = complete ] || fail "second run: $p not complete"
  [ "$(stat -c %a "$state/$p-token.json")" = 600 ] || fail "$p token cache mode changed"
  if cmp -s "$state/$p-token.json" "$WORK/$p-before.json"; then fail "second run: the $p tokens did not rotate"; fi
done
# The configured tokens really are dead: without the caches the same run is refused.
expect_exit 77 "$FRR_BIN" -c "$cfg" --state-dir "$WORK/state-no-cache" --as-of "$t1" fetch

# (c) An invalid refresh token (fresh state, nothing cached): exit 77, the platform and what to do
# (in the run summary on stdout and the manifest's errors), and the platform recorded unavailable.
for p in shopify klaviyo; do
  P=${p^^}
  bad_state=$WORK/state-bad-$p
  expect_exit 77 env "FRR_${P}_REFRESH_TOKEN=not-a-valid-refresh-token" \
    "$FRR_BIN" -c "$cfg" --state-dir "$bad_state" --as-of "$t1" fetch
  msgs=$WORK/msgs-$p
  cat "$WORK/out" "$WORK/err" >"$msgs"
  bad_run=$(latest_run "$bad_state")
  [ -n "$bad_run" ] || fail "no run directory for the refused $p credentials"
  manifest_field "$bad_run" "m['platforms']['$p']['errors']" >"$msgs.manifest"
  # The message itself does not name the platform: its context does (the manifest files it
  # under the platform, the log line under its component), so it is not said twice.
  expect_in "[$p] " "$msgs"
  expect_not_in "$p refused" "$msgs"
  for f in "$msgs" "$msgs.manifest"; do
    expect_in "the token endpoint refused the credentials" "$f"
    expect_in "re-authorise the app and update" "$f"
    expect_in "FRR_${P}_REFRESH_TOKEN" "$f"
  done
  if grep -rqF -- "not-a-valid-refresh-token" "$msgs" "$bad_state"; then fail "the refused $p token was echoed"; fi
  status=$(manifest_field "$bad_run" "m['platforms']['$p']['status']")
  [ "$status" = unavailable ] || fail "refused $p credentials recorded as '$status'"
  expect_not_in "$p  complete" "$msgs"
  [ ! -e "$bad_state/$p-token.json" ] || fail "a $p token cache was written for a refused token"
  for f in orders customers checkouts events profiles; do
    [ ! -s "$bad_run/$p/$f.jsonl" ] || fail "$p $f written for refused credentials"
  done
done
echo "ok: token expiry"
