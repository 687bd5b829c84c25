#!/usr/bin/env bash
# Build the libFuzzer targets (clang, ASan + UBSan) and run them side by side, each for N seconds.
#   scripts/fuzz.sh [seconds-per-target] [target...]     (default 60 s; all targets)
# Seeds come from test/fuzz/corpus/<target>/ (read only); new inputs go to
# build-fuzz/corpus/<target>/, crashes to build-fuzz/crashes/<target>/.
# Known crash inputs in test/fuzz/regressions/<target>/ are replayed first (one line each).
# FUZZ_KEEP_GOING=1: fork mode, the run goes on after a crash (for long runs while a known
# crash is unfixed); every crash is kept in build-fuzz/crashes/<target>/.
# Exit status: 0 when no target crashed (regressions included), 1 otherwise.
set -euo pipefail
SECONDS_PER_TARGET=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(config shopify klaviyo snapshot)
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${FRR_FUZZ_BUILD:-$SRC/build-fuzz}
JOBS=${JOBS:-2}

# A build dir configured by the old wrapper project (test/fuzz/standalone, now gone) or by
# another compiler is reconfigured from scratch; the corpus and crashes in it are kept.
if [ -f "$BUILD/CMakeCache.txt" ] &&
   ! { grep -qxF "CMAKE_HOME_DIRECTORY:INTERNAL=$SRC" "$BUILD/CMakeCache.txt" &&
       grep -q '^CMAKE_CXX_COMPILER:[A-Z]*=.*clang++' "$BUILD/CMakeCache.txt"; }; then
  echo "fuzz.sh: $BUILD was configured elsewhere; reconfiguring it" >&2
  rm -rf "$BUILD/CMakeCache.txt" "$BUILD/CMakeFiles"
fi
build_start=$(date +%s)
# -O1 -g (-g1 unless FRR_DEBUG_INFO=full) without NDEBUG: assertions (RapidJSON's type checks among them) stay on.
CC=clang CXX=clang++ cmake -S "$SRC" -B "$BUILD" -DFRR_FUZZ=ON -DFRR_BUILD_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" >/dev/null
cmake --build "$BUILD" -j"$JOBS" $(printf -- '--target fuzz_%s ' "${TARGETS[@]}")
echo "fuzz.sh: build took $(( $(date +%s) - build_start ))s"

status=0
keep_going=()
[ "${FUZZ_KEEP_GOING:-0}" = 1 ] && keep_going=(-fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1)
for t in "${TARGETS[@]}"; do
  bin=$BUILD/test/fuzz/fuzz_$t
  for input in "$SRC/test/fuzz/regressions/$t"/*; do
    [ -f "$input" ] || continue
    if "$bin" "$input" >"$BUILD/regression.log" 2>&1; then
      echo "regression $t/$(basename "$input"): ok"
    else
      echo "regression $t/$(basename "$input"): CRASH ($(grep -m1 -E 'ERROR|runtime error|terminate called' "$BUILD/regression.log"))"
      status=1
    fi
  done
done

# The targets run side by side, each for the whole SECONDS_PER_TARGET (so the run takes that
# long, not four times it); on a machine with fewer cores than targets they share the cores.
declare -A pids crashes_before
for t in "${TARGETS[@]}"; do
  bin=$BUILD/test/fuzz/fuzz_$t
  corpus=$BUILD/corpus/$t crashes=$BUILD/crashes/$t
  mkdir -p "$corpus" "$crashes"
  crashes_before[$t]=$(ls "$crashes" | wc -l)
  echo "== fuzz_$t for ${SECONDS_PER_TARGET}s"
  "$bin" "${keep_going[@]}" -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -timeout=10 \
    -rss_limit_mb=2048 -artifact_prefix="$crashes/" -print_final_stats=1 \
    "$corpus" "$SRC/test/fuzz/corpus/$t" >"$BUILD/fuzz_$t.log" 2>&1 &
  pids[$t]=$!
done
for t in "${TARGETS[@]}"; do
  set +e
  wait "${pids[$t]}"
  rc=$?
  set -e
  crashes=$BUILD/crashes/$t
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$BUILD/fuzz_$t.log" | grep -o '[0-9]*$' ||
         grep -oE '^#[0-9]+' "$BUILD/fuzz_$t.log" | tail -n1 | tr -d '#' || echo '?')
  new_crashes=$(( $(ls "$crashes" | wc -l) - crashes_before[$t] ))
  echo "fuzz_$t: exit $rc, runs $runs, new crash files: $new_crashes (log $BUILD/fuzz_$t.log)"
  if [ "$rc" != 0 ] || [ "$new_crashes" != 0 ]; then
    # What a CI log must show, since its build directory is gone afterwards: the error, the
    # first frames of frr's code, and the input (hex, so it can be added to regressions/).
    grep -m3 -E 'ERROR|runtime error|terminate called|SUMMARY' "$BUILD/fuzz_$t.log" | sed 's/^/  /' || true
    grep -E '^ +#[0-9]+ ' "$BUILD/fuzz_$t.log" | grep -v -E 'libFuzzer|fuzzer::|compiler-rt|libc\.so' |
      head -n 12 | sed 's/^/  /' || true
    for crash in $(ls -t "$crashes" | head -n "$(( new_crashes > 0 ? new_crashes : 1 ))"); do
      echo "  input $crash ($(stat -c %s "$crashes/$crash") bytes), first 1 KiB:"
      head -c 1024 "$crashes/$crash" | od -A d -t x1 -v | sed 's/^/    /'
    done
  fi
  # In fork mode (FUZZ_KEEP_GOING) libFuzzer exits 0 after crashes: count the new files too
  # (those of earlier runs stay in $crashes and are not counted again).
  [ "$rc" = 0 ] && [ "$new_crashes" = 0 ] || status=1
done
exit $status
