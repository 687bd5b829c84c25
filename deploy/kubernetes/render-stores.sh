#!/usr/bin/env bash
# Many stores: writes, for every store config in a directory, the manifests of
# deploy/kubernetes/store.yaml for that store (ConfigMap from the config file, PVC, CronJob),
# to stdout, ready for `kubectl apply -f -`.
#   deploy/kubernetes/render-stores.sh STORES_DIR [IMAGE] [HOUR]
# STORES_DIR holds <store>.yaml, one frr config per store (check each with `frr validate`); the
# file name is the store's id (lower-case letters, digits, '-': it names the Kubernetes objects,
# the Secret frr-<store>-credentials included). IMAGE defaults to the one in store.yaml. Jobs
# start in HOUR (default 6, in the CronJob's timeZone), each store at its own minute (a hash
# of its id), so hundreds of stores do not start at once.
set -euo pipefail
DIR=${1:?usage: render-stores.sh STORES_DIR [IMAGE] [HOUR]}
IMAGE=${2:-}
HOUR=${3:-6}
TEMPLATE=$(dirname "$0")/store.yaml
[ -d "$DIR" ] || { echo "render-stores: $DIR is not a directory" >&2; exit 64; }
case $HOUR in [0-9] | 1[0-9] | 2[0-3]) ;; *) echo "render-stores: HOUR must be 0-23, not '$HOUR'" >&2; exit 64 ;; esac

# The template split: the ConfigMap (first document) is rebuilt from each store's file; the
# documents after it (PVC, CronJob) have the example store's id and schedule replaced.
rest=$(awk 'BEGIN{n=0} /^---$/{n++} n>=1' "$TEMPLATE")
first=1
shopt -s nullglob
files=("$DIR"/*.yaml)
[ ${#files[@]} -gt 0 ] || { echo "render-stores: no <store>.yaml in $DIR" >&2; exit 64; }
for cfg in "${files[@]}"; do
  store=$(basename "$cfg" .yaml)
  [[ $store =~ ^[a-z0-9]([a-z0-9-]{0,40}[a-z0-9])?$ ]] ||
    { echo "render-stores: '$store' (from $cfg) is not a valid store id: a-z, 0-9, '-', at most 42" >&2; exit 64; }
  minute=$(( $(printf '%s' "$store" | cksum | cut -d' ' -f1) % 60 ))
  [ $first = 1 ] || echo "---"
  first=0
  cat <<YAML
# frr for store $store (rendered from deploy/kubernetes/store.yaml and $cfg)
apiVersion: v1
kind: ConfigMap
metadata:
  name: frr-$store
  labels: {app.kubernetes.io/name: frr, frr.store: $store}
data:
  frr.yaml: |
YAML
  sed 's/^/    /' "$cfg"
  printf '%s\n' "$rest" | sed \
    -e "s/acme-tea/$store/g" \
    -e "s/^  schedule: \"15 6 \\* \\* \\*\"\$/  schedule: \"$minute $HOUR * * *\"/" \
    -e "${IMAGE:+s|^\\( *image: \\).*|\\1$IMAGE|}"
done
