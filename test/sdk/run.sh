#!/usr/bin/env bash
# Opt-in fidelity test (make sdk-test; docs/simulator.md "Official client libraries"): the
# platforms' official Node clients, pinned in package-lock.json, page through frr-sim and must
# find exactly the records of its ground truth. Builds nothing.
#
#   FRR_SIM=build/frr-sim test/sdk/run.sh [page_all.mjs options, e.g. --tamper=orders]
#
# FRR_SIM      path of a built frr-sim (required)
# FRR_SDK_DIR  where the npm packages go (default: the directory of FRR_SIM, + /sdk-node);
#              `npm ci` runs only when the installed lockfile differs from test/sdk's.
# Needs node (>= 18, for fetch) and npm, and the npm registry for the first install.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
FRR_SIM=${FRR_SIM:-}
[ -n "$FRR_SIM" ] && [ -x "$FRR_SIM" ] || { echo "run.sh: set FRR_SIM to a built frr-sim" >&2; exit 64; }
FRR_SIM=$(cd "$(dirname "$FRR_SIM")" && pwd)/$(basename "$FRR_SIM")
SDK_DIR=${FRR_SDK_DIR:-$(dirname "$FRR_SIM")/sdk-node}
command -v node >/dev/null && command -v npm >/dev/null || { echo "run.sh: needs node and npm" >&2; exit 69; }
node -e 'process.exit(+process.versions.node.split(".")[0] < 18 ? 1 : 0)' ||
  { echo "run.sh: needs node >= 18 (has $(node --version))" >&2; exit 69; }

# Install the pinned packages (cached): npm ci from the lockfile, skipped when the copy of the
# lockfile beside node_modules is the same.
if ! cmp -s "$HERE/package-lock.json" "$SDK_DIR/package-lock.json" || [ ! -d "$SDK_DIR/node_modules" ]; then
  mkdir -p "$SDK_DIR"
  cp "$HERE/package.json" "$HERE/package-lock.json" "$SDK_DIR/"
  npm ci --prefix "$SDK_DIR" --no-audit --no-fund --loglevel=error
fi
cp "$HERE/page_all.mjs" "$SDK_DIR/"   # resolves its imports from $SDK_DIR/node_modules

WORK=$(mktemp -d)
SIM_PID=
cleanup() {
  if [ -n "$SIM_PID" ]; then kill -TERM "$SIM_PID" 2>/dev/null || true; wait "$SIM_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

"$FRR_SIM" --scenario "$HERE/scenario.yaml" --port 0 >"$WORK/sim.out" 2>"$WORK/sim.err" &
SIM_PID=$!
SIM_URL=
for _ in $(seq 1 300); do
  if [ "$( { wc -l <"$WORK/sim.out"; } 2>/dev/null || echo 0)" -ge 1 ] && head -n1 "$WORK/sim.out" | grep -q '^listening on '; then
    SIM_URL=$(head -n1 "$WORK/sim.out" | sed 's/^listening on //')
    break
  fi
  kill -0 "$SIM_PID" 2>/dev/null || { cat "$WORK/sim.err" >&2; echo "run.sh: frr-sim exited" >&2; exit 1; }
  sleep 0.1
done
[ -n "$SIM_URL" ] || { echo "run.sh: frr-sim did not start" >&2; exit 1; }

set -a
. "$SRC/examples/sim.env"
set +a
set +e
node "$SDK_DIR/page_all.mjs" "$SIM_URL" "$@"
rc=$?
set -e
kill -TERM "$SIM_PID"
wait "$SIM_PID" 2>/dev/null || true
SIM_PID=
exit "$rc"
