# Crash safety (issue 7 item 2), shared by the crash*_test.sh scripts (sourced after lib.sh).
# `frr run` is killed (_exit 99, no cleanup) at a fault point where it writes state,
# then the state is inspected and a normal run recovers. After each crash: check
# --no-fetch and report still work; after each recovery: the newest report is in the
# outbox and the ledger, no run directory without manifest.json was used as the
# previous snapshot, no ledger entry is left attempting, nothing was delivered twice.
# The points are split over three scripts because every run fetches (about 7 s,
# paced by frr's own Klaviyo rate limiter).

write_tiny_scenario "$WORK/tiny.yaml" "defects:
  missing_placed_order: {count: 2}"
start_sim "$WORK/tiny.yaml"
sim_env
STATE=$WORK/state
# Short retention so that prune really removes runs during the test.
cat "$FRR_SRC/examples/demo.yaml" > "$WORK/frr.yaml"
printf 'state:\n  retention: 3h\n  keep_min: 4\n' >> "$WORK/frr.yaml"
frr() { "$FRR_BIN" -c "$WORK/frr.yaml" --state-dir "$STATE" "$@"; }

# The state invariants, checked after every recovery run. $1: the fault point.
check_state() {
  python3 - "$STATE" "$1" <<'PY'
import json, os, sys
state, point = sys.argv[1], sys.argv[2]
def die(msg): sys.exit(f"FAIL after crash at {point}: {msg}")
runs = sorted(os.listdir(f"{state}/runs"))
complete = [r for r in runs if os.path.exists(f"{state}/runs/{r}/manifest.json")]
newest = runs[-1]
if newest not in complete: die(f"newest run {newest} has no manifest")
for r in complete:
    try:
        m = json.load(open(f"{state}/runs/{r}/manifest.json"))
    except ValueError as e:
        die(f"{r}/manifest.json unreadable: {e}")
    prev = m.get("incremental_from", "")
    if prev and prev in runs and prev not in complete:
        die(f"{r} used the half-written run {prev} as its previous snapshot")
    for f in ("checks.json", "score.json", "report.json"):
        p = f"{state}/runs/{r}/{f}"
        if os.path.exists(p):
            try: json.load(open(p))
            except ValueError as e: die(f"{r}/{f} unreadable: {e}")
for f in ("breaker.json",):
    try: json.load(open(f"{state}/{f}"))
    except ValueError as e: die(f"{f} unreadable: {e}")
ledger = {}
for rid in os.listdir(f"{state}/delivery"):
    e = json.load(open(f"{state}/delivery/{rid}/outbox.json"))
    ledger[rid] = e
    if e["state"] not in ("delivered", "superseded"):
        die(f"ledger {rid} left in state {e['state']}")
    if e["state"] == "delivered" and e["attempts"] != 1:
        die(f"ledger {rid} delivered after {e['attempts']} attempts (sent twice?)")
if ledger.get(newest, {}).get("state") != "delivered":
    die(f"the newest report {newest} is not delivered: {ledger.get(newest)}")
outbox = set(os.listdir(f"{state}/outbox"))
if newest not in outbox or not os.path.exists(f"{state}/outbox/{newest}/report.json"):
    die(f"the newest report {newest} is not in the outbox")
delivered = {r for r, e in ledger.items() if e["state"] == "delivered"}
for r in delivered - outbox: die(f"ledger says {r} delivered but it is not in the outbox")
print(" ".join(sorted(outbox - delivered)))
PY
}

# crash_at POINT...: a baseline run, then for each point a killed run and a recovery run,
# one simulated hour apart.
crash_at() {
  expect_exit 0 frr --as-of 2026-11-27T06:00:00Z run
  check_state baseline >/dev/null
  # Outbox entries the ledger does not count as delivered: written by a run killed
  # right after the outbox write, before the ledger said so (send.after_deliver).
  local allowed_extra="" point now crashed extra
  for point in "$@"; do
    now=$(sim_advance 3600)
    FRR_FAULT_AT=$point expect_exit 99 frr --as-of "$now" run
    crashed=$(ls "$STATE/runs" | sort | tail -n1)

    # The state is readable right after the crash.
    expect_exit_in "0 1 2" frr --as-of "$now" check --no-fetch
    expect_exit 0 frr --as-of "$now" report

    expect_exit 0 frr --as-of "$now" run
    extra=$(check_state "$point") || fail "state check after a crash at $point"
    if [ "$point" = send.after_deliver ]; then
      [ "$extra" = "$allowed_extra${allowed_extra:+ }$crashed" ] || [ "$extra" = "$allowed_extra" ] ||
        fail "$point: unexpected outbox entries outside the ledger: '$extra'"
      allowed_extra=$extra
    else
      [ "$extra" = "$allowed_extra" ] || fail "$point: reports in the outbox the ledger does not count: '$extra'"
    fi
    echo "crash at $point: recovered (crashed run $crashed)"
  done
  # Stray temp files of interrupted atomic writes never stop a run.
  expect_exit 0 frr --as-of "$(sim_advance 3600)" run
}
