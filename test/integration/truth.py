#!/usr/bin/python3
"""Compares a snapshot run directory with frr-sim's ground truth for the same window.

usage: truth.py SIM_URL RUN_DIR [--grace SECONDS] [--only shopify|klaviyo]

What each count means, on both sides (docs/fetching.md, docs/simulator.md):
  shopify orders     orders created in [since, until)          = orders.created_in_range
  shopify customers  customers updated in [since, until)       = customers.updated_in_range
  shopify checkouts  abandoned checkouts created in the window = checkouts.created_in_range
  shopify order_changes  fulfilments, partial fulfilments, cancellations and full refunds that
                     happened in [since, until), of every order = order_changes.total
  klaviyo events     per Shopify metric, datetime in [since - grace, until)
                                                               = events[metric].visible_in_range
                     (queried with since - grace); the newest Placed Order, fetched for the
                     stall check, may lie before that range and is not counted
  klaviyo profiles   profiles found for the emails of the window's customers
                                                               = profiles.of_customers_updated_in_range
  klaviyo audiences  every list and segment with its profile_count = lists + segments
Prints one line per mismatch and exits 1 if there is any.
"""
import json, sys, urllib.request, urllib.parse, datetime, argparse

ap = argparse.ArgumentParser()
ap.add_argument("sim")
ap.add_argument("run")
ap.add_argument("--grace", type=int, default=3600)
ap.add_argument("--only", choices=["shopify", "klaviyo"])
a = ap.parse_args()

def iso(t): return t.strftime("%Y-%m-%dT%H:%M:%SZ")
def parse(s): return datetime.datetime.strptime(s.replace("+00:00", "Z"), "%Y-%m-%dT%H:%M:%SZ")
def truth(since, until):
    q = urllib.parse.urlencode({"since": iso(since), "until": iso(until)})
    with urllib.request.urlopen(f"{a.sim}/_sim/ground-truth?{q}") as r:
        return json.load(r)
def lines(path):
    with open(path) as f:
        return [json.loads(l) for l in f if l.strip()]

m = json.load(open(f"{a.run}/manifest.json"))
since, until = parse(m["window"]["since"]), parse(m["window"]["until"])
gt = truth(since, until)
gt_events = truth(since - datetime.timedelta(seconds=a.grace), until)
bad = []
def same(what, got, want):
    if got != want: bad.append(f"{what}: snapshot {got}, ground truth {want}")

if a.only in (None, "shopify"):
    sc = m["platforms"]["shopify"]["counts"]
    orders = lines(f"{a.run}/source/orders.jsonl")
    same("shopify orders (manifest)", sc.get("orders"), gt["orders"]["created_in_range"])
    same("shopify orders (file)", len(orders), gt["orders"]["created_in_range"])
    same("shopify orders (distinct ids)", len({o["id"] for o in orders}), len(orders))
    same("shopify customers (manifest)", sc.get("customers"), gt["customers"]["updated_in_range"])
    same("shopify customers (file)", len(lines(f"{a.run}/source/customers.jsonl")), gt["customers"]["updated_in_range"])
    same("shopify checkouts (manifest)", sc.get("checkouts"), gt["checkouts"]["created_in_range"])
    same("shopify checkouts (file)", len(lines(f"{a.run}/source/checkouts.jsonl")), gt["checkouts"]["created_in_range"])
    changes = lines(f"{a.run}/source/order_changes.jsonl")
    same("shopify order changes (manifest)", sc.get("order_changes"), gt["order_changes"]["total"])
    same("shopify order changes (file)", len(changes), gt["order_changes"]["total"])
    for kind in ("fulfilled", "partially_fulfilled", "cancelled", "refunded"):
        same(f"shopify order changes ({kind})", sum(1 for c in changes if c["kind"] == kind), gt["order_changes"][kind])

if a.only in (None, "klaviyo"):
    kc = m["platforms"]["klaviyo"]["counts"]
    events = lines(f"{a.run}/destination/events.jsonl")
    same("klaviyo events (manifest = file)", kc.get("events"), len(events))
    same("klaviyo events (distinct ids)", len({e["id"] for e in events}), len(events))
    lo, hi = iso(since - datetime.timedelta(seconds=a.grace)), iso(until)
    metrics = {x["id"]: x for x in json.load(open(f"{a.run}/destination/metrics.json"))}
    for gm in gt_events["events"]:
        if gm["integration"] != "shopify":
            if gm["metric_id"] in metrics: bad.append(f"decoy metric {gm['name']} used")
            continue
        got = 0
        for e in events:
            if e["metric_id"] != gm["metric_id"]: continue
            t = iso(parse(e["occurred_at"][:19] + "Z"))
            if lo <= t < hi: got += 1
        same(f"klaviyo events {gm['name']}", got, gm["visible_in_range"])
        if gm["metric_id"] not in metrics: bad.append(f"shopify metric {gm['name']} not fetched")
    profiles = lines(f"{a.run}/destination/profiles.jsonl")
    # Profiles are looked up by the emails of the customers Shopify returned: with Shopify
    # unavailable or paused there is nothing to look up.
    shopify_ok = m["platforms"]["shopify"]["status"] in ("complete", "partial")
    want_profiles = gt["profiles"]["of_customers_updated_in_range"] if shopify_ok else 0
    same("klaviyo profiles (manifest)", kc.get("profiles"), want_profiles)
    same("klaviyo profiles (file)", len(profiles), want_profiles)
    aud = {x["id"]: x.get("profile_count") for x in json.load(open(f"{a.run}/destination/audiences.json"))}
    want = {g["id"]: g["count"] for g in gt["lists"] + gt["segments"]}
    same("klaviyo audiences", aud, want)

for b in bad: print("MISMATCH", b)
sys.exit(1 if bad else 0)
