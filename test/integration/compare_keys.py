#!/usr/bin/python3
"""Compares frr's findings with frr-sim's answer key (CONTRACTS.md sections 4 and 5).

usage: compare_keys.py FINDINGS.json ANSWER_KEY.json [--kinds k1,k2] [--late-bounds]

Exit 0 when the set of (kind, key) in the findings' `affected` lists equals the answer key's
`defects`; else prints what was missed and what was extra, and exits 1.
--kinds restricts the answer key to those kinds (reduced coverage: only what the available
platform lets frr judge); the findings must still hold nothing else, so frr invents nothing.
--late-bounds also checks that every order_event_late's delay in the answer key lies within
the [delay_min_seconds, delay_max_seconds] frr reports for it.
"""
import json
import sys


def main(argv):
    args = argv[1:]
    kinds = None
    late_bounds = False
    paths = []
    i = 0
    while i < len(args):
        if args[i] == "--kinds":
            kinds = set(k for k in args[i + 1].split(",") if k)
            i += 2
        elif args[i] == "--late-bounds":
            late_bounds = True
            i += 1
        else:
            paths.append(args[i])
            i += 1
    if len(paths) != 2:
        print(__doc__, file=sys.stderr)
        return 64
    with open(paths[0]) as f:
        findings = json.load(f)
    with open(paths[1]) as f:
        answer = json.load(f)

    found = {}
    for ind in findings.get("indicators", []):
        for a in ind.get("affected", []):
            found[(a["kind"], a["key"])] = a.get("detail", {})
    expected = {}
    for d in answer.get("defects", []):
        if kinds is None or d["kind"] in kinds:
            expected[(d["kind"], d["key"])] = d.get("detail", {})

    ok = True
    missed = sorted(set(expected) - set(found))
    extra = sorted(set(found) - set(expected))
    for kind, key in missed:
        print(f"missed: {kind} {key} {json.dumps(expected[(kind, key)])}")
        ok = False
    for kind, key in extra:
        print(f"extra:  {kind} {key} {json.dumps(found[(kind, key)])}")
        ok = False

    if late_bounds:
        late = [k for k in expected if k[0] == "order_event_late" and k in found]
        if not late:
            print("no order_event_late to check the delay bounds of")
            ok = False
        for k in sorted(late):
            want = int(expected[k]["delay_seconds"])
            low = int(found[k]["delay_min_seconds"])
            high = int(found[k]["delay_max_seconds"])
            if not low <= want <= high:
                print(f"late delay out of bounds: {k[1]} delay {want}s not in [{low}, {high}]")
                ok = False

    print(f"{len(expected)} expected, {len(found)} found, {len(missed)} missed, {len(extra)} extra")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
