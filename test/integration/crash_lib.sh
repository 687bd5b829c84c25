# Crash safety (issue 7 item 2), shared by the crash*_test.sh scripts (sourced after lib.sh).
# `frr run` is killed (_exit 99, no cleanup) at a fault point where it writes state,
# then the state is inspected and a normal run recovers (at the same --as-of, so it is
# also a second run for one moment). After each crash: check --no-fetch and report still
# work; after each recovery: exactly one report of the newest moment is delivered and in
# the outbox, no run directory without manifest.json was used as the previous snapshot,
# no ledger entry is left attempting, nothing was delivered twice, every report in the
# outbox is delivered in the ledger, and a report whose send was interrupted (send.*
# points) was sent again, not superseded: delivered after 2 attempts (docs/delivery.md).
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
# frr-faults: frr with the fault points live (the installed frr ignores FRR_FAULT_AT).
frr() { "${FRR_FAULT_BIN:?frr-faults, built with the tests}" -c "$WORK/frr.yaml" --state-dir "$STATE" "$@"; }

# The state invariants, checked after every recovery run. $1: the fault point; $2: the
# runs whose send was interrupted so far (each must have been finished), space-separated.
check_state() {
  python3 - "$STATE" "$1" "${2:-}" <<'PY'
import json, os, sys
state, point, resumed = sys.argv[1], sys.argv[2], set(sys.argv[3].split())
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
    # One attempt; two for the interrupted one (the killed attempt and the repeat).
    want = 2 if rid in resumed else 1
    if e["state"] == "delivered" and e["attempts"] != want:
        die(f"ledger {rid} delivered after {e['attempts']} attempts, expected {want}")
for r in resumed:
    if ledger.get(r, {}).get("state") != "delivered":
        die(f"the interrupted send of {r} was not finished: {ledger.get(r)}")
moment = lambda r: r.split("-")[0]
delivered = {r for r, e in ledger.items() if e["state"] == "delivered"}
for m in {moment(r) for r in delivered}:
    same = sorted(r for r in delivered if moment(r) == m)
    if len(same) > 1: die(f"moment {m} delivered more than once: {same}")
latest = [r for r in delivered if moment(r) == moment(newest)]
if not latest:
    die(f"no report of the newest moment {moment(newest)} is delivered: {ledger.get(newest)}")
outbox = set(os.listdir(f"{state}/outbox"))
if not os.path.exists(f"{state}/outbox/{latest[0]}/report.json"):
    die(f"the newest moment's report {latest[0]} is not in the outbox")
for r in delivered - outbox: die(f"ledger says {r} delivered but it is not in the outbox")
for r in outbox - delivered: die(f"{r} is in the outbox but the ledger does not count it delivered")
PY
}

# crash_at POINT...: a baseline run, then for each point a killed run and a recovery run,
# one simulated hour apart.
crash_at() {
  expect_exit 0 frr --as-of 2026-11-27T06:00:00Z run
  check_state baseline
  local point now crashed resumed=""
  for point in "$@"; do
    now=$(sim_advance 3600)
    FRR_FAULT_AT=$point expect_exit 99 frr --as-of "$now" run
    crashed=$(ls "$STATE/runs" | sort | tail -n1)

    # The state is readable right after the crash.
    expect_exit_in "0 1 2" frr --as-of "$now" check --no-fetch
    expect_exit 0 frr --as-of "$now" report

    expect_exit 0 frr --as-of "$now" run
    case $point in
      send.*)
        # The interrupted send is finished (outbox: replay-safe), then the recovery run's
        # own report, for the same moment, is not delivered a second time.
        resumed="$resumed $crashed"
        expect_in "$crashed (finishing a send a crash interrupted)" "$WORK/out"
        expect_in "already sent" "$WORK/out" ;;
    esac
    check_state "$point" "$resumed" || fail "state check after a crash at $point"
    echo "crash at $point: recovered (crashed run $crashed)"
  done
  # Stray temp files of interrupted atomic writes never stop a run.
  expect_exit 0 frr --as-of "$(sim_advance 3600)" run
}
