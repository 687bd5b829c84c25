#!/usr/bin/env bash
# token-expiry: 5-minute OAuth access tokens, rotated refresh tokens, and tokens expired early at
# random. The data is healthy, so the answer key is empty; frr (here with Shopify refresh_token
# and Klaviyo oauth, so the faults reach it) renews its tokens, fetches everything and flags
# nothing, in a first run and again after the clock passed several token lifetimes.
. "$(dirname "$0")/lib.sh"
sim_env
SCENARIO=$FRR_SRC/examples/scenarios/token-expiry.yaml
python3 - "$FRR_SRC/examples/demo.yaml" "$WORK/frr.yaml" <<'PY'
import sys
text = open(sys.argv[1]).read()
text = text.replace("""    mode: static_token
    access_token_env: FRR_SHOPIFY_ACCESS_TOKEN""", """    mode: refresh_token
    client_id_env: FRR_SHOPIFY_CLIENT_ID
    client_secret_env: FRR_SHOPIFY_CLIENT_SECRET
    refresh_token_env: FRR_SHOPIFY_REFRESH_TOKEN""")
text = text.replace("""    mode: private_key
    private_key_env: FRR_KLAVIYO_PRIVATE_KEY""", """    mode: oauth
    client_id_env: FRR_KLAVIYO_CLIENT_ID
    client_secret_env: FRR_KLAVIYO_CLIENT_SECRET
    refresh_token_env: FRR_KLAVIYO_REFRESH_TOKEN""")
assert "refresh_token_env: FRR_SHOPIFY" in text and "mode: oauth" in text
open(sys.argv[2], "w").write(text)
PY
export FRR_TEST_CONFIG=$WORK/frr.yaml
start_sim "$SCENARIO"
check_against_key "$(scenario_now "$SCENARIO")" "0 1"
AFTER=$(sim_advance 1800)
check_against_key "$AFTER" "0 1"
echo "scenario_token_expiry: ok"
