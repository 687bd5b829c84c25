#!/usr/bin/python3
"""Checks one run directory's two copies of the report (docs/report.md "Two audiences").

usage: client_copy_check.py RUN_DIR FORBIDDEN_LIST

The client's copy (report.html as text, report.txt, report.md) must match none of the
patterns in FORBIDDEN_LIST (test/support/client_copy_forbidden.txt) and have no run of
blank lines; the operator's copy (operator.txt) must carry every affected key of
checks.json that it lists (up to 100 per finding) with its kind. Exit 1 with what was found.
"""
import html
import json
import re
import sys


def visible(page):
    page = re.sub(r"<style[\s\S]*?</style>", " ", page)
    page = re.sub(r"<!--[\s\S]*?-->", " ", page)
    page = re.sub(r"<[^>]*>", " ", page)
    return html.unescape(page)


def main(argv):
    run, listing = argv[1], argv[2]
    patterns = [l.rstrip("\n") for l in open(listing, encoding="utf-8") if l.strip() and not l.startswith("#")]
    problems = []
    copies = {
        "report.html": visible(open(f"{run}/report.html", encoding="utf-8").read()),
        "report.txt": open(f"{run}/report.txt", encoding="utf-8").read(),
        "report.md": open(f"{run}/report.md", encoding="utf-8").read(),
    }
    for name, text in copies.items():
        for p in patterns:
            m = re.search(p, text)
            if m:
                start = max(0, m.start() - 50)
                problems.append(f"{name}: /{p}/ matches {m.group(0)!r} in ...{text[start:m.end() + 50]!r}")
        if name != "report.html" and "\n\n\n" in text:
            problems.append(f"{name}: a run of blank lines")
    operator = open(f"{run}/operator.txt", encoding="utf-8").read()
    checks = json.load(open(f"{run}/checks.json", encoding="utf-8"))
    for ind in checks["indicators"]:
        if ind["status"] not in ("warn", "critical"):
            continue
        for a in ind.get("affected", [])[:100]:
            if f"{a['kind']} {a['key']}" not in operator:
                problems.append(f"operator.txt lacks {a['kind']} {a['key']}")
    if "TECHNICAL APPENDIX" not in operator:
        problems.append("operator.txt has no technical appendix")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
