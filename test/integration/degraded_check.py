#!/usr/bin/python3
"""Judges one degraded run's findings (issue 11): nothing invented, and exactly the checks that
needed what could not be read are `unknown`.

usage: degraded_check.py FINDINGS.json ANSWER_KEY.json --failed DS1,DS2 [--judged-exact]

--failed: the datasets (checks.json "datasets" ids) expected not complete; every other dataset
must be complete.
Checks, each a failure when it does not hold:
  1. the datasets that are not complete are exactly --failed;
  2. an indicator is `unknown` exactly when it needs one of them (its "needs"), and an unknown
     indicator lists no affected record;
  3. precision 100 %: every affected (kind, key) is in the answer key;
  4. every judged indicator finds exactly the answer key's defects of its kinds (the data it
     needs was read, so it must find all of them, not only nothing wrong).
"""
import json
import sys

# The defect kinds each indicator reports (docs/health-model.md).
KINDS = {
    "order_sync": {"order_missing_event"},
    "line_items": {"order_items_missing"},
    "value_integrity": {"order_value_mismatch"},
    "duplicates": {"order_event_duplicate"},
    "event_delay": {"order_event_late"},
    "freshness": {"sync_stalled"},
    "customer_sync": {"customer_missing_profile"},
    "consent": {"consent_mismatch"},
    "audiences": {"audience_drop"},
    "volume": {"volume_gap"},
    "connection": set(),
}


def main(argv):
    args = argv[1:]
    failed = set()
    paths = []
    i = 0
    while i < len(args):
        if args[i] == "--failed":
            failed = {d for d in args[i + 1].split(",") if d}
            i += 2
        else:
            paths.append(args[i])
            i += 1
    if len(paths) != 2:
        print(__doc__, file=sys.stderr)
        return 64
    findings = json.load(open(paths[0]))
    key = json.load(open(paths[1]))
    problems = []

    datasets = findings.get("datasets", {})
    not_complete = {d for d, s in datasets.items() if s["status"] != "complete"}
    if not_complete != failed:
        problems.append(f"datasets not complete: {sorted(not_complete)}, expected {sorted(failed)}")
    expected = {(d["kind"], d["key"]) for d in key["defects"]}
    unknown = []
    for ind in findings["indicators"]:
        iid = ind["id"]
        needs = set(ind.get("needs", []))
        should_be_unknown = bool(needs & not_complete)
        is_unknown = ind["status"] == "unknown"
        if iid == "connection":
            continue
        if is_unknown != should_be_unknown:
            problems.append(f"{iid}: status {ind['status']}, needs {sorted(needs)}; "
                            f"expected {'unknown' if should_be_unknown else 'judged'}")
        found = {(a["kind"], a["key"]) for a in ind.get("affected", [])}
        if is_unknown:
            unknown.append(iid)
            if found:
                problems.append(f"{iid}: unknown but lists {sorted(found)}")
            continue
        extra = found - expected
        if extra:
            problems.append(f"{iid}: invented {sorted(extra)} (not in the answer key)")
        want = {k for k in expected if k[0] in KINDS.get(iid, set())}
        missed = want - found
        if missed:
            problems.append(f"{iid}: missed {sorted(missed)} although its data was read")
    for p in problems:
        print("FAIL:", p)
    total = sum(len(i.get("affected", [])) for i in findings["indicators"])
    print(f"failed datasets {sorted(not_complete)}; unknown {unknown}; {total} affected, "
          f"{len(expected)} in the answer key")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
