#!/usr/bin/env bash
# Opt-in benchmark (make bench-duckdb; docs/performance.md "DuckDB comparison"): frr against DuckDB on
# the same 1,000,000-order run directory with defects. Writes it with `snapshot_bench write`, then runs,
# alternating, `frr check --no-fetch --format json` on it and six_questions.mjs (DuckDB, 2 threads,
# the same six questions by frr's rules), each under GNU `time -v`, after one untimed run of each.
# Every DuckDB run compares its counts with the frr run before it and fails on a difference; so
# does one untimed run of its exact path. Prints wall, CPU (user + sys) and peak RSS of each, medians, and the ratios frr / DuckDB.
#
#   test/bench/duckdb/run.sh [BUILD_DIR]      (a Release tree with frr and snapshot_bench; default
#                                              build-bench, relative to the repository or absolute)
#
# FRR_BENCH_RUNS     runs of each, alternating (default 3)
# FRR_DUCKDB_DIR     where the npm packages go (default BUILD_DIR/duckdb-node); `npm ci` runs only
#                    when the installed lockfile differs from this directory's
# FRR_BENCH_KEEP=1   keep the run directory (1.4 GB) in BUILD_DIR/bench-duckdb/ afterwards
# Needs node (>= 18) and npm (the npm registry for the first install), python3 and GNU time.
# Exit 0: counts equal; 1: a difference or a failed run.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
BUILD_DIR=${1:-build-bench}
case "$BUILD_DIR" in /*) BUILD=$BUILD_DIR ;; *) BUILD=$ROOT/$BUILD_DIR ;; esac
RUNS=${FRR_BENCH_RUNS:-3}
NODE_DIR=${FRR_DUCKDB_DIR:-$BUILD/duckdb-node}
FRR=$BUILD/cli/frr
SNAPSHOT_BENCH=$BUILD/test/bench/snapshot_bench
WORK=$BUILD/bench-duckdb
# The as_of snapshot_bench writes (2026-11-27T06:00:00Z) as a run id, so the folder is a state
# directory's only run.
STATE=$WORK/state
RUN=$STATE/runs/20261127T060000Z-000001

for bin in "$FRR" "$SNAPSHOT_BENCH"; do
  [ -x "$bin" ] || { echo "bench-duckdb: $bin missing; build a Release tree first (make bench-duckdb)" >&2; exit 1; }
done
{ command -v node && command -v npm; } >/dev/null || { echo "bench-duckdb: needs node and npm" >&2; exit 1; }
node -e 'process.exit(+process.versions.node.split(".")[0] < 18 ? 1 : 0)' ||
  { echo "bench-duckdb: needs node >= 18 (has $(node --version))" >&2; exit 1; }
command -v python3 >/dev/null || { echo "bench-duckdb: python3 is needed for the table" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench-duckdb: GNU time (/usr/bin/time) is needed for peak memory" >&2; exit 1; }

# The pinned packages (cached), as test/sdk/run.sh installs the official SDKs.
if ! cmp -s "$HERE/package-lock.json" "$NODE_DIR/package-lock.json" || [ ! -d "$NODE_DIR/node_modules" ]; then
  mkdir -p "$NODE_DIR"
  cp "$HERE/package.json" "$HERE/package-lock.json" "$NODE_DIR/"
  npm ci --prefix "$NODE_DIR" --no-audit --no-fund --loglevel=error
fi
cp "$HERE/six_questions.mjs" "$NODE_DIR/"   # resolves its import from $NODE_DIR/node_modules

load() { cut -d' ' -f1-3 /proc/loadavg; }
rm -rf "$WORK"
mkdir -p "$STATE/runs"
echo "bench-duckdb: $(nproc) cores, load $(load); work files in $WORK" >&2
echo "bench-duckdb: snapshot_bench write (1,000,000 orders with defects) ..." >&2
"$SNAPSHOT_BENCH" write "$RUN" >"$WORK/snapshot_write.out"
cat "$WORK/snapshot_write.out" >&2

# frr.yaml's checks: section, told to DuckDB too.
QUESTIONS=(--threads=2 --window-seconds=86400 --grace-seconds=3600 --tolerance-minor=1 --exclude-channel=pos)
export FRR_SHOPIFY_ACCESS_TOKEN=unused FRR_KLAVIYO_PRIVATE_KEY=unused
# One untimed run of each first: the snapshot's writer hands large files to the disk and drops
# them from the page cache (core::AtomicFile), so without it frr's first timed run would read them
# from disk and DuckDB's first one from the cache frr's had filled.
echo "bench-duckdb: untimed warm-up run of each (the files into the page cache) ..." >&2
"$FRR" -c "$HERE/frr.yaml" --state-dir "$STATE" check --no-fetch --format json >"$WORK/frr.warmup.json" 2>/dev/null || true
node "$NODE_DIR/six_questions.mjs" "$RUN" "${QUESTIONS[@]}" >/dev/null 2>&1 || true
for r in $(seq 1 "$RUNS"); do
  echo "bench-duckdb: run $r of $RUNS: frr check --no-fetch, then DuckDB (load $(load)) ..." >&2
  load >"$WORK/frr.$r.load"
  set +e
  /usr/bin/time -v -o "$WORK/frr.$r.time" "$FRR" -c "$HERE/frr.yaml" --state-dir "$STATE" \
    check --no-fetch --format json >"$WORK/frr.$r.json" 2>"$WORK/frr.$r.err"
  rc=$?
  set -e
  # 0, 1 and 2 are the health verdicts (docs: exit codes); anything else is a failed run.
  if [ "$rc" -gt 2 ]; then
    cat "$WORK/frr.$r.err" >&2
    echo "bench-duckdb: frr check exited $rc" >&2
    exit 1
  fi
  load >"$WORK/duckdb.$r.load"
  if ! /usr/bin/time -v -o "$WORK/duckdb.$r.time" node "$NODE_DIR/six_questions.mjs" "$RUN" "${QUESTIONS[@]}" \
    --findings="$WORK/frr.$r.json" >"$WORK/duckdb.$r.json" 2>"$WORK/duckdb.$r.err"; then
    cat "$WORK/duckdb.$r.err" >&2
    echo "bench-duckdb: DuckDB run $r failed or disagrees with frr (above)" >&2
    exit 1
  fi
done
cat "$WORK/duckdb.1.err"
# The timed runs took the fast path (six_questions.mjs says when file order made it fall back);
# the exact path once more, untimed, must agree too.
echo "bench-duckdb: DuckDB's exact path (lines numbered in file order), untimed ..." >&2
if ! node "$NODE_DIR/six_questions.mjs" "$RUN" "${QUESTIONS[@]}" --path=exact --findings="$WORK/frr.$RUNS.json" \
  >"$WORK/duckdb.exact.json" 2>"$WORK/duckdb.exact.err"; then
  cat "$WORK/duckdb.exact.err" >&2
  echo "bench-duckdb: DuckDB's exact path failed or disagrees with frr (above)" >&2
  exit 1
fi

python3 - "$WORK" "$RUNS" <<'EOF'
import re, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])

def measure(path):
    text = open(path).read()
    def num(label):
        return float(re.search(re.escape(label) + r":\s*([0-9.:]+)", text).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([0-9:.]+)", text).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    return seconds, num("User time (seconds)") + num("System time (seconds)"), num("Maximum resident set size (kbytes)") / 1024

rows = {}
for who in ("frr", "duckdb"):
    m = [measure(f"{work}/{who}.{r}.time") for r in range(1, runs + 1)]
    loads = [open(f"{work}/{who}.{r}.load").read().split()[0] for r in range(1, runs + 1)]
    rows[who] = [statistics.median(x[i] for x in m) for i in range(3)]
    print(f"{who:6} runs: " + "; ".join(f"{w:.2f} s wall, {c:.2f} s CPU, {rss:.0f} MiB (load {l})"
                                        for (w, c, rss), l in zip(m, loads)))
print()
print(f"| medians of {runs} alternating runs | wall | CPU (user + sys) | peak RSS |")
print("|---|---|---|---|")
print("| `frr check --no-fetch --format json` | {:.2f} s | {:.2f} s | {:.0f} MiB |".format(*rows["frr"]))
print("| DuckDB (`six_questions.mjs`, 2 threads) | {:.2f} s | {:.2f} s | {:.0f} MiB |".format(*rows["duckdb"]))
print("| ratio frr / DuckDB | {:.2f} × | {:.2f} × | {:.2f} × |".format(
    *(f / d for f, d in zip(rows["frr"], rows["duckdb"]))))
EOF
echo "bench-duckdb: counts equal in all $RUNS runs" >&2
[ -n "${FRR_BENCH_KEEP:-}" ] || rm -rf "$RUN"
