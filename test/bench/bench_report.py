#!/usr/bin/env python3
"""Turns the files scripts/bench.sh leaves in its work folder into one screen of figures.

usage: bench_report.py WORK SIM_STARTUP_S SIM_STARTUP_LOAD SIM_RSS_MB SCENARIO_NAME SIM_CPU_S

The rate-limit bound (docs/performance.md, "How the bound is computed"):
  Shopify  = max(0, sum of requestedQueryCost - bucket size) / restore rate
             (bucket size and restore rate from the answers' throttleStatus)
  Klaviyo  = max over buckets of max(max(0, n - steady) * 60 s / steady, max(0, n - burst) * 1 s / burst)
             (n = answered requests of that bucket, limits published per endpoint, api/klaviyo.md section 3)
  bound    = max(Shopify, Klaviyo): the platforms and Klaviyo's endpoints run side by side,
             so the slowest single path sets the least time.
Throttled answers (Shopify THROTTLED, Klaviyo 429) are left out of the counts: a request the
limits refused is not one the limits had to allow.
"""
import json
import re
import sys
from pathlib import Path

# Published Klaviyo limits (burst per 1 s, steady per 60 s), revision 2026-07-15 (L steady 750/m).
KLAVIYO_LIMITS = {
    "events": (350, 3500),
    "events/{id}": (10, 150),
    "profiles": (75, 750),
    "profiles/{id}": (75, 750),
    "profiles:predictive_analytics": (10, 150),
    "metrics": (10, 150),
    "metrics/{id}": (10, 150),
    "metric-aggregates": (3, 60),
    "lists": (75, 750),
    "lists/{id}": (75, 750),
    "lists/{id}/profiles": (75, 750),
    "lists/{id}:profile_count": (1, 15),
    "segments": (75, 750),
    "segments/{id}": (75, 750),
    "segments/{id}/profiles": (75, 750),
    "segments/{id}:profile_count": (1, 15),
    "accounts": (1, 15),
}
NOT_RATE_LIMITED = {"oauth/token"}


def read(work, name, default=""):
    p = work / name
    return p.read_text().strip() if p.exists() else default


def time_v(work, name):
    """(wall seconds, peak RSS MB) from a GNU time -v file."""
    text = read(work, name)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", text)
    secs = None
    if wall:
        parts = [float(x) for x in wall.group(1).split(":")]
        secs = sum(v * 60 ** i for i, v in enumerate(reversed(parts)))
    return secs, (int(peak.group(1)) / 1024 if peak else None)


def cpu_seconds(work, name):
    """User + system seconds from a GNU time -v file."""
    text = read(work, name)
    return sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", text))


def requests(work, label):
    rows = []
    for line in read(work, f"{label}.requests.tsv").splitlines():
        f = line.split("\t")
        if len(f) == 10:
            rows.append(dict(ms=int(f[0]), platform=f[1], bucket=f[3], status=int(f[4]), requested=f[5],
                             actual=f[6], size=f[7], rate=f[8], bytes=int(f[9])))
    return rows


def num(text):
    try:
        return float(text)
    except ValueError:
        return None


def bound(rows):
    """Least seconds the published limits allow for the answered requests, per platform path."""
    shop = [r for r in rows if r["platform"] == "shopify" and r["bucket"] == "graphql" and r["status"] == 200]
    answered = [r for r in shop if num(r["actual"]) is not None]  # THROTTLED answers have no actual cost
    requested = sum(num(r["requested"]) or 0 for r in answered)
    actual = sum(num(r["actual"]) for r in answered)
    sizes = [num(r["size"]) for r in answered if num(r["size"])]
    rates = [num(r["rate"]) for r in answered if num(r["rate"])]
    size, rate = (max(sizes), max(rates)) if sizes and rates else (0.0, 0.0)
    shopify = max(0.0, requested - size) / rate if rate else 0.0
    shopify_actual = max(0.0, actual - size) / rate if rate else 0.0
    buckets, unknown = {}, set()
    for r in rows:
        if r["platform"] != "klaviyo" or r["status"] == 429 or r["bucket"] in NOT_RATE_LIMITED:
            continue
        if r["bucket"] not in KLAVIYO_LIMITS:
            unknown.add(r["bucket"])
            continue
        buckets[r["bucket"]] = buckets.get(r["bucket"], 0) + 1
    per_bucket = {}
    for b, n in buckets.items():
        burst, steady = KLAVIYO_LIMITS[b]
        per_bucket[b] = (n, max(max(0, n - steady) * 60.0 / steady, max(0, n - burst) / burst))
    klaviyo_bucket = max(per_bucket, key=lambda b: per_bucket[b][1]) if per_bucket else "-"
    klaviyo = per_bucket[klaviyo_bucket][1] if per_bucket else 0.0
    return dict(shopify=shopify, shopify_actual=shopify_actual, requested=requested, actual=actual, size=size,
                rate=rate, shopify_queries=len(answered), klaviyo=klaviyo, klaviyo_bucket=klaviyo_bucket,
                per_bucket=per_bucket, unknown=unknown, total=max(shopify, klaviyo))


def manifest(work, label):
    run = read(work, f"{label}.rundir")
    p = Path(run) / "manifest.json"
    return (json.loads(p.read_text()), Path(run)) if run and p.exists() else ({}, None)


def sim_requests(work, label):
    before = json.loads(read(work, f"{label}.stats-before.json", "{}") or "{}")
    after = json.loads(read(work, f"{label}.stats-after.json", "{}") or "{}")
    return {p: after.get(p, {}).get("requests", 0) - before.get(p, {}).get("requests", 0) for p in after}


def platform_span(rows, platform):
    ms = [r["ms"] for r in rows if r["platform"] == platform]
    return (max(ms) - min(ms)) / 1000 if ms else 0.0


def verdict(ok):
    return "meets" if ok else "MISSES"


def main():
    work = Path(sys.argv[1])
    sim_startup, sim_load, sim_rss, scenario = float(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
    sim_cpu = float(sys.argv[6]) if len(sys.argv) > 6 else None
    out = []
    w = out.append
    w(f"frr benchmarks  ({scenario}; load averages 1/5/15 min beside each figure)")
    w("")
    cpu_text = f", {sim_cpu:.2f} s CPU [<= 10 s: {verdict(sim_cpu <= 10)}]" if sim_cpu is not None else ""
    w(f"(e) frr-sim start-up: listening after {sim_startup:.2f} s wall [target <= 10 s: {verdict(sim_startup <= 10)}]"
      f"{cpu_text}, peak RSS {sim_rss} MB  load {sim_load}")

    first_rows, daily_rows = requests(work, "first"), requests(work, "daily")
    m1, run1 = manifest(work, "first")
    m2, run2 = manifest(work, "daily")
    wall1 = float(read(work, "first.wall", "0"))
    wall2 = float(read(work, "daily.wall", "0"))
    _, rss1 = time_v(work, "first.time")
    _, rss2 = time_v(work, "daily.time")
    b1, b2 = bound(first_rows), bound(daily_rows)
    w("")
    for label, wall, b, rss, m, rows in (("first", wall1, b1, rss1, m1, first_rows),
                                         ("daily", wall2, b2, rss2, m2, daily_rows)):
        ratio = wall / b["total"] if b["total"] > 0 else float("inf")
        p = m.get("platforms", {})
        status = ", ".join(f"{k} {v.get('status')}" for k, v in sorted(p.items()))
        target = f"  [target <= 1.10: {verdict(ratio <= 1.10)}]" if label == "first" else ""
        w(f"(a) {label} fetch (exit {read(work, label + '.rc')}, {status}): wall {wall:.1f} s, "
          f"bound {b['total']:.1f} s, ratio {ratio:.2f}{target}  load {read(work, label + '.load')}")
        w(f"      Shopify: {b['shopify_queries']} queries, {b['requested']:.0f} points requested "
          f"({b['actual']:.0f} actual), bucket {b['size']:.0f} at {b['rate']:.0f}/s -> {b['shopify']:.1f} s "
          f"({b['shopify_actual']:.1f} s on actual cost)")
        buckets = ", ".join(f"{k} {n}" for k, (n, _) in sorted(b["per_bucket"].items()))
        w(f"      Klaviyo: slowest bucket {b['klaviyo_bucket']} -> {b['klaviyo']:.1f} s; requests per bucket: {buckets}")
        span = (max(r["ms"] for r in rows) - min(r["ms"] for r in rows)) / 1000 if rows else 0.0
        cpu = cpu_seconds(work, f"{label}.time")
        w(f"      first to last request {span:.1f} s = {span / b['total'] if b['total'] else float('inf'):.2f} x bound "
          f"(Shopify {platform_span(rows, 'shopify'):.1f} s, Klaviyo {platform_span(rows, 'klaviyo'):.1f} s); "
          f"the other {wall - span:.1f} s is start-up and writing; frr CPU {cpu:.1f} s")
        if b["unknown"]:
            w(f"      Klaviyo buckets without a published limit here (left out): {', '.join(sorted(b['unknown']))}")
        for name, v in sorted(p.items()):
            w(f"      {name}: {v.get('requests')} requests, {v.get('retries')} retries, {v.get('throttled')} throttled, "
              f"{v.get('wait_seconds')} s waiting, {v.get('bytes', 0) / 1e6:.1f} MB received")
        w(f"      frr peak RSS {rss:.0f} MB" if rss else "      frr peak RSS unknown")
        if label == "first":
            notes = [n for v in p.values() for n in v.get("notes", []) + v.get("info", [])]
            if notes:
                w("      notes: " + "; ".join(notes))

    # (c) bytes per record, first run
    w("")
    p = m1.get("platforms", {})
    fetched = sum(v.get("bytes", 0) for v in p.values())
    kept = sum(n for v in p.values() for k, n in v.get("counts", {}).items() if not k.startswith("daily_"))
    bulk_roots = sum(int(x) for v in p.values() for n in v.get("notes", []) + v.get("info", [])
                     for x in re.findall(r"^(\d+) orders fetched by (?:a )?bulk operations?", n))
    written = sum(f.stat().st_size for f in run1.rglob("*") if f.is_file()) if run1 else 0
    received = kept + max(0, bulk_roots - p.get("shopify", {}).get("counts", {}).get("orders", 0))
    w(f"(c) first run: {fetched / 1e6:.1f} MB fetched, {written / 1e6:.1f} MB written, {kept} records kept "
      f"({received} received incl. bulk look-back orders)")
    if kept:
        w(f"      per kept record: {fetched / kept:.0f} B fetched, {written / kept:.0f} B written; "
          f"per received record: {fetched / max(received, 1):.0f} B fetched")
        for name, v in sorted(p.items()):
            n = sum(c for k, c in v.get("counts", {}).items() if not k.startswith("daily_"))
            d = sum(f.stat().st_size for f in (run1 / name).rglob("*") if f.is_file()) if run1 else 0
            w(f"      {name}: {v.get('bytes', 0) / max(n, 1):.0f} B fetched and {d / max(n, 1):.0f} B written per kept record ({n})")

    # (d) steady-state share
    r1 = sum(v.get("requests", 0) for v in p.values())
    p2 = m2.get("platforms", {})
    r2 = sum(v.get("requests", 0) for v in p2.values())
    s1, s2 = sim_requests(work, "first"), sim_requests(work, "daily")
    by_platform = ", ".join(f"{k} {p2[k].get('requests', 0)}/{p[k].get('requests', 0)}" for k in sorted(p) if k in p2)
    w("")
    w(f"(d) daily run: {r2} API calls vs {r1} in the first run = {100 * r2 / max(r1, 1):.0f}% ({by_platform}); "
      f"sim counted {sum(s2.values())} vs {sum(s1.values())}; incremental_from "
      f"'{m2.get('incremental_from', '')}'")
    bytes1 = fetched
    bytes2 = sum(v.get("bytes", 0) for v in p2.values())
    w(f"      bytes {bytes2 / 1e6:.1f} MB vs {bytes1 / 1e6:.1f} MB = {100 * bytes2 / max(bytes1, 1):.0f}%; "
      f"wall {wall2:.1f} s vs {wall1:.1f} s")
    if (work / "hourly.rc").exists():
        m3, _ = manifest(work, "hourly")
        p3 = m3.get("platforms", {})
        r3 = sum(v.get("requests", 0) for v in p3.values())
        bytes3 = sum(v.get("bytes", 0) for v in p3.values())
        wall3 = float(read(work, "hourly.wall", "0"))
        by3 = ", ".join(f"{k} {p3[k].get('requests', 0)}/{p[k].get('requests', 0)}" for k in sorted(p) if k in p3)
        w(f"    an hour after the daily run (exit {read(work, 'hourly.rc')}): {r3} API calls = "
          f"{100 * r3 / max(r1, 1):.0f}% of the first ({by3}); bytes {bytes3 / 1e6:.1f} MB = "
          f"{100 * bytes3 / max(bytes1, 1):.0f}%; wall {wall3:.1f} s; incremental_from '{m3.get('incremental_from', '')}'")
        notes = [n for v in p3.values() for n in v.get("notes", []) if "reused" in n]
        if notes:
            w("      " + "; ".join(notes))

    # frr check on the real daily snapshot, then (b)
    cwall, crss = time_v(work, "check.time")
    w("")
    if cwall is not None:
        w(f"    frr check --no-fetch on the daily snapshot: exit {read(work, 'check.rc')}, {cwall:.2f} s wall, "
          f"peak RSS {crss:.0f} MB")
    if not (work / "check_bench.rc").exists():
        print("\n".join(out))  # FRR_BENCH_FETCH_ONLY: no (b)
        return
    bwall, brss = time_v(work, "check_bench.time")
    text = read(work, "check_bench.out")
    cpu = re.search(r"check time: ([\d.]+) s wall, ([\d.]+) s CPU", text)
    w(f"(b) check_bench (exit {read(work, 'check_bench.rc')}): load {read(work, 'check_bench.load')}")
    for line in text.splitlines():
        w("      " + line)
    if cpu and brss:
        wall_s, cpu_s = float(cpu.group(1)), float(cpu.group(2))
        w(f"      peak RSS by GNU time {brss:.0f} MB [< 1.5 GB: {verdict(brss < 1536)}]; "
          f"check {wall_s:.2f} s wall [< 5 s: {verdict(wall_s < 5)}], {cpu_s:.2f} s CPU [< 5 s: {verdict(cpu_s < 5)}]; "
          f"whole process {bwall:.1f} s")
    for mode in ("write", "read"):
        swall, srss = time_v(work, f"snapshot_{mode}.time")
        line = read(work, f"snapshot_{mode}.out")
        if swall is not None:
            first, *rest = line.splitlines() or [""]
            target = ""
            if mode == "write" and (scpu := re.search(r"([\d.]+) s CPU", first)):
                target = f" [<= 3 s CPU: {verdict(float(scpu.group(1)) <= 3)}]"
            w(f"    {first}{target}; peak RSS {srss:.0f} MB (process)  load {read(work, 'snapshot.load')}")
            for extra in rest:
                w("      " + extra)
    print("\n".join(out))


if __name__ == "__main__":
    main()
