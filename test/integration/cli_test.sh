#!/usr/bin/env bash
# The CLI's contract: help, version, validate, and the config errors' exit codes.
. "$(dirname "$0")/lib.sh"

expect_exit 0 "$FRR_BIN" --help
expect_in "validate" "$WORK/out"
expect_in "Exit codes:" "$WORK/out"
expect_in " 75  temporary" "$WORK/out"

expect_exit 0 "$FRR_BIN" --version
grep -Eq '^frr [0-9]+\.[0-9]+\.[0-9]+' "$WORK/out" || fail "version line"

expect_exit 64 "$FRR_BIN" --no-such-flag validate
expect_exit 64 "$FRR_BIN"

expect_exit 0 "$FRR_BIN" validate -c "$FRR_SRC/examples/frr.example.yaml"
expect_in "is valid" "$WORK/out"
expect_in "static token (env FRR_SHOPIFY_ACCESS_TOKEN)" "$WORK/out"

expect_not_in "old layout" "$WORK/err"

# The layout before roles (top-level shopify: and klaviyo:, no kind:) is still read, the same
# plan, with one deprecation note per section on stderr.
cp "$WORK/out" "$WORK/plan-new"
sed -e '/^  kind: \(shopify\|klaviyo\) /d' -e 's/^source:/shopify:/' -e 's/^destination:/klaviyo:/' \
    "$FRR_SRC/examples/frr.example.yaml" > "$WORK/legacy.yaml"
expect_exit 0 "$FRR_BIN" validate -c "$WORK/legacy.yaml"
diff <(tail -n +2 "$WORK/plan-new") <(tail -n +2 "$WORK/out") || fail "the old layout gives another plan"
expect_in "'shopify:' (${WORK}/legacy.yaml:13) is the old layout; write it as 'source:' with 'kind: shopify'" "$WORK/err"
expect_in "'klaviyo:' (${WORK}/legacy.yaml:27) is the old layout" "$WORK/err"
[ "$(grep -c 'old layout' "$WORK/err")" = 2 ] || fail "one note per old section"
# An unknown kind: 78, where, and the known kinds.
sed 's/^  kind: shopify /  kind: woocommerse /' "$FRR_SRC/examples/frr.example.yaml" > "$WORK/kind.yaml"
expect_exit 78 "$FRR_BIN" validate -c "$WORK/kind.yaml"
expect_in "'woocommerse' is not a known source" "$WORK/err"
expect_in "kind.yaml:14:9" "$WORK/err"
expect_in "use one of: shopify" "$WORK/err"

# FRR_CONFIG names the config when -c is not given.
FRR_CONFIG="$FRR_SRC/examples/frr.example.yaml" expect_exit 0 "$FRR_BIN" validate

# Secrets never printed, even when set.
FRR_SHOPIFY_ACCESS_TOKEN=shpat_do_not_print_me expect_exit 0 "$FRR_BIN" validate -c "$FRR_SRC/examples/frr.example.yaml"
expect_not_in "shpat_do_not_print_me" "$WORK/out"
expect_not_in "shpat_do_not_print_me" "$WORK/err"

# A misspelled key: 78, file:line:col, the key and a suggestion.
sed 's/^  timezone:/  timezon:/' "$FRR_SRC/examples/frr.example.yaml" > "$WORK/typo.yaml"
expect_exit 78 "$FRR_BIN" validate -c "$WORK/typo.yaml"
expect_in "typo.yaml:8:3" "$WORK/err"
expect_in "'store.timezon'" "$WORK/err"
expect_in "did you mean 'timezone'?" "$WORK/err"

# A literal secret: 78, and the value is not echoed.
sed 's/^    access_token_env: FRR_SHOPIFY_ACCESS_TOKEN.*/    access_token: shpat_literal_secret_123/' "$FRR_SRC/examples/frr.example.yaml" > "$WORK/literal.yaml"
expect_exit 78 "$FRR_BIN" validate -c "$WORK/literal.yaml"
expect_in "access_token_env" "$WORK/err"
expect_not_in "shpat_literal_secret_123" "$WORK/err"

# Plain http:// to a non-loopback host: 78; to loopback: fine.
sed 's|^  base_url: https://a.klaviyo.com.*|  base_url: http://a.klaviyo.com|' "$FRR_SRC/examples/frr.example.yaml" > "$WORK/http.yaml"
expect_exit 78 "$FRR_BIN" validate -c "$WORK/http.yaml"
expect_in "plain http" "$WORK/err"
FRR_KLAVIYO_BASE_URL=http://127.0.0.1:9 expect_exit 0 "$FRR_BIN" validate -c "$FRR_SRC/examples/frr.example.yaml"
FRR_KLAVIYO_BASE_URL=http://evil.example.com expect_exit 78 "$FRR_BIN" validate -c "$FRR_SRC/examples/frr.example.yaml"

# A missing config file: 78 with what to do.
expect_exit 78 "$FRR_BIN" validate -c "$WORK/nope.yaml"
expect_in "cannot read the configuration file" "$WORK/err"

# A bad --as-of is reported, not a crash.
expect_exit 64 "$FRR_BIN" --as-of yesterday validate -c "$FRR_SRC/examples/frr.example.yaml"
echo "cli_test: ok"
