#!/usr/bin/env bash
# issue 4, "Done when": token-expiry with the OAuth modes (Shopify refresh_token, Klaviyo oauth).
# Access tokens expire mid-run (the scenario's expire_tokens faults plus one forced on a data
# endpoint of each platform) and are renewed without losing a page; the rotated refresh tokens
# are kept in 0600 caches and used by the next run (the sim invalidates the old ones); an
# invalid refresh token exits 77 with a message saying what to do.
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

scenario=$FRR_SRC/examples/scenarios/token-expiry.yaml
t0=$(scenario_now "$scenario")
start_sim "$scenario"
# Besides the scenario's random expiries: every token expires at the first events page and at
# the first orders page, mid-run.
add_fault '{"platform":"klaviyo","kind":"expire_tokens","endpoint":"/api/events","count":1}'
add_fault '{"platform":"shopify","kind":"expire_tokens","endpoint":"graphql.json","count":1,"fraction":0.5}'
state=$WORK/state
expect_exit 0 "$FRR_BIN" -c "$cfg" --state-dir "$state" --as-of "$t0" fetch
run=$(latest_run "$state")
expect_truth "$run"
for p in shopify klaviyo; do
  cache=$state/$p-token.json
  [ -f "$cache" ] || fail "no $p token cache"
  [ "$(stat -c %a "$cache")" = 600 ] || fail "$p token cache is mode $(stat -c %a "$cache"), not 600"
done
expect_not_in "$FRR_SHOPIFY_REFRESH_TOKEN" "$state/shopify-token.json"   # rotated away
expect_not_in "$FRR_KLAVIYO_REFRESH_TOKEN" "$state/klaviyo-token.json"
# No secret in the snapshot.
for secret in "$FRR_SHOPIFY_CLIENT_SECRET" "$FRR_KLAVIYO_CLIENT_SECRET" "$FRR_SHOPIFY_REFRESH_TOKEN" \
              "$FRR_KLAVIYO_REFRESH_TOKEN"; do
  if grep -rqF -- "$secret" "$run"; then fail "a secret reached $run"; fi
done

# Next run, an hour later (every access token long expired): the configured refresh tokens were
# invalidated by the rotation, so success means the cached, rotated ones were used.
advance_clock 3600
cp "$state/shopify-token.json" "$WORK/shopify-before.json"
expect_exit 0 "$FRR_BIN" -c "$cfg" --state-dir "$state" --as-of "$(iso_plus "$t0" 3600)" fetch
run2=$(latest_run "$state")
[ "$run2" != "$run" ] || fail "no second run"
[ "$(manifest_field "$run2" "m['platforms']['shopify']['status']")" = complete ] || fail "second run: shopify not complete"
[ "$(manifest_field "$run2" "m['platforms']['klaviyo']['status']")" = complete ] || fail "second run: klaviyo not complete"
[ "$(stat -c %a "$state/klaviyo-token.json")" = 600 ] || fail "klaviyo token cache mode changed"

# An invalid refresh token (fresh state, nothing cached): exit 77 and what to do.
for p in SHOPIFY KLAVIYO; do
  bad_state=$WORK/state-bad-$p
  ( export "FRR_${p}_REFRESH_TOKEN=not-a-valid-refresh-token"
    expect_exit 77 "$FRR_BIN" -c "$cfg" --state-dir "$bad_state" --as-of "$(iso_plus "$t0" 3600)" fetch
    cat "$WORK/err" > "$WORK/err-$p" )
  bad_run=$(latest_run "$bad_state")
  msgs=$WORK/msgs-$p
  { cat "$WORK/err-$p"; [ -n "$bad_run" ] && manifest_field "$bad_run" "m['platforms']"; } >"$msgs"
  expect_in "re-authorise the app and update" "$msgs"
  expect_in "FRR_${p}_REFRESH_TOKEN" "$msgs"
  expect_not_in "not-a-valid-refresh-token" "$msgs"
done
echo "ok: token expiry"
