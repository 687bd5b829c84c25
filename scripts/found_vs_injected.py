#!/usr/bin/env python3
"""What frr found against what the simulator injected, for people (make demo).

usage: found_vs_injected.py CHECKS.json ANSWER_KEY.json

Prints one line per kind of problem, then the summary line
"found 20 of 20 injected problems, 0 false" (false: a finding the simulator did not inject).
Exit 0 when frr found every injected problem and nothing else, 1 otherwise.
Both files speak CONTRACTS.md's defect vocabulary (sections 4 and 5).
"""
import json
import sys

WORDS = {
    "order_missing_event": "orders missing in Klaviyo",
    "order_event_late": "orders that reached Klaviyo late",
    "order_event_duplicate": "orders recorded twice",
    "order_value_mismatch": "orders with the wrong value",
    "order_items_missing": "orders missing products",
    "customer_missing_profile": "customers without a Klaviyo profile",
    "consent_mismatch": "customers whose consent differs",
    "sync_stalled": "stalled syncs",
    "audience_drop": "lists or segments that shrank",
    "volume_gap": "days with orders missing",
}


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 64
    with open(argv[1]) as f:
        findings = json.load(f)
    with open(argv[2]) as f:
        key = json.load(f)
    found = {(a["kind"], a["key"]) for i in findings.get("indicators", []) for a in i.get("affected", [])}
    injected = {(d["kind"], d["key"]) for d in key.get("defects", [])}
    kinds = sorted({k for k, _ in found | injected})
    width = max([len(WORDS.get(k, k)) for k in kinds] + [10])
    for kind in kinds:
        want = {x for x in injected if x[0] == kind}
        got = {x for x in found if x[0] == kind}
        hit = len(want & got)
        line = f"  {WORDS.get(kind, kind):<{width}}  found {hit} of {len(want)}"
        if got - want:
            line += f", {len(got - want)} false"
        print(line)
    hits = len(injected & found)
    false = len(found - injected)
    print(f"found {hits} of {len(injected)} injected problems, {false} false")
    return 0 if hits == len(injected) and false == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
