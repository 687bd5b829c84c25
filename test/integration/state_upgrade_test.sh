#!/usr/bin/env bash
# issue 14, "Done when": a state directory written before layout 2 (a snapshot folder per
# platform, `shopify/` and `klaviyo/`, and no `layout` in the manifest) is read after the upgrade,
# and run-over-run diffs continue across it. On silent-gaps, a run an hour before the scenario's
# now is turned into the old layout; the run at now must still:
#   - reuse it incrementally (incremental_from names it, "reused from run" in its manifest),
#   - compare with it: the defects both windows share are `persisting`, not `new`,
#   - give findings equal to the answer key and a snapshot equal to the ground truth,
# and the old run must still read as it was (`frr check --no-fetch --run` on it).
. "$(dirname "$0")/lib.sh"
sim_env
scenario=$FRR_SRC/examples/scenarios/silent-gaps.yaml
now=$(scenario_now "$scenario")
before=$(iso_plus "$now" -3600)
start_sim "$scenario"
curl -sf -X POST "$SIM_URL/_sim/clock" -d "{\"now\":\"$before\"}" >/dev/null || fail "clock refused"
check_against_key "$before" "1 2"
old=$(latest_run "$WORK/state")
[ -d "$old/source" ] && [ -d "$old/destination" ] || fail "the new run has no source/ and destination/ folders"
[ "$(manifest_field "$old" 'm["layout"], m["roles"]["source"], m["roles"]["destination"]')" = "(2, 'shopify', 'klaviyo')" ] ||
  fail "the manifest does not record layout 2 and the roles"
cp "$WORK/findings.json" "$WORK/findings-before.json"

# What frr wrote before layout 2.
mv "$old/source" "$old/shopify"
mv "$old/destination" "$old/klaviyo"
/usr/bin/python3 - "$old/manifest.json" <<'PY'
import json, sys
path = sys.argv[1]
m = json.load(open(path))
del m["layout"], m["roles"]
json.dump(m, open(path, "w"))
PY

# The old run reads as it did.
expect_exit_in "1 2" "$FRR_BIN" -c "$FRR_SRC/examples/demo.yaml" --state-dir "$WORK/state" --as-of "$before" \
  check --no-fetch --run "$(basename "$old")" --format json
/usr/bin/python3 - "$WORK/findings-before.json" "$WORK/out" <<'PY' || fail "the old run's findings changed when read in its old layout"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
key = lambda f: {i["id"]: (i["status"], sorted(json.dumps(x, sort_keys=True) for x in i.get("affected", []))) for i in f["indicators"]}
sys.exit(0 if key(a) == key(b) else 1)
PY

curl -sf -X POST "$SIM_URL/_sim/clock" -d "{\"now\":\"$now\"}" >/dev/null || fail "clock refused"
check_against_key "$now" "1 2"
new=$(latest_run "$WORK/state")
[ "$new" != "$old" ] || fail "no new run"
expect_truth "$new"
[ "$(manifest_field "$new" 'm["incremental_from"]')" = "$(basename "$old")" ] || fail "the new run did not reuse the old-layout run"
expect_in "reused from run $(basename "$old")" "$new/manifest.json"
/usr/bin/python3 - "$WORK/findings.json" <<'PY' || fail "run-over-run changes did not continue across the old-layout run"
import json, sys
f = json.load(open(sys.argv[1]))
persisting = sum(len(i.get("changes", {}).get("persisting", [])) for i in f["indicators"])
new = sum(len(i.get("changes", {}).get("new", [])) for i in f["indicators"])
print(f"changes against the old-layout run: {persisting} persisting, {new} new")
sys.exit(0 if persisting > 0 else 1)
PY
expect_consistent_state "$WORK/state"
echo "state_upgrade: ok"
