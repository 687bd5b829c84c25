#!/usr/bin/env bash
# issue 14, "Done when": the layers below the connectors name no platform outside comments, so
# another integration pair is a new connector, not an edit of every layer. Platform knowledge
# (configuration, auth, rate limits, wording) lives in lib/connectors/<platform>/, and the checks
# and the report take their words from the pair's vocabulary (model::Vocabulary).
# PLATFORM_FREE lists the layers held to it: every layer below the connectors and the pipeline
# that drives them through connectors/registry (fetch, and `frr doctor`'s probes).
. "$(dirname "$0")/lib.sh"
PLATFORM_FREE=(core net model checks report delivery pipeline)
platforms='shopify|klaviyo|woocommerce'
found=0
for layer in "${PLATFORM_FREE[@]}"; do
  [ -d "$FRR_SRC/lib/$layer" ] || fail "no layer lib/$layer"
  # Drop // comments (a // at a line's start or after a space: not the // of a URL in a string).
  hits=$(find "$FRR_SRC/lib/$layer" -name '*.[ch]pp' -print0 | xargs -0 sed -E 's#(^|[[:space:]])//.*##' /dev/null |
    grep -ciE "$platforms" || true)
  if [ "$hits" -gt 0 ]; then
    echo "lib/$layer names a platform outside comments:"
    for f in $(find "$FRR_SRC/lib/$layer" -name '*.[ch]pp' | sort); do
      sed -E 's#(^|[[:space:]])//.*##' "$f" | grep -niE "$platforms" | sed "s#^#  ${f#"$FRR_SRC"/}:#" || true
    done
    found=1
  fi
done
[ "$found" = 0 ] || fail "platform names in platform-free layers (above)"
# The check itself can fail: a platform name in code is found.
probe=$(printf 'int x = 1;  // Shopify in a comment\nconst char* k = "Klaviyo";\n' | sed -E 's#(^|[[:space:]])//.*##' | grep -ciE "$platforms" || true)
[ "$probe" = 1 ] || fail "the scan did not find the one platform name in code of its probe"
echo "platform_names: ok (${PLATFORM_FREE[*]})"
