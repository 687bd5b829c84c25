// Each order defect is flagged with exactly the affected keys, nothing more.
#include "fixture.hpp"

#include <catch2/catch.hpp>

using namespace frr;
using namespace frr::checks;
using namespace frr::checks::test;
using std::chrono::hours;
using std::chrono::minutes;
using Keys = std::vector<std::string>;

TEST_CASE("order sync flags judged orders without a Placed Order", "[checks][order_sync]")
{
    StoreBuilder b;
    b.order("#1", k_as_of - hours(3));
    b.order("#2", k_as_of - hours(4), Sync::not_synced);
    b.order("#3", k_as_of - hours(23), Sync::not_synced);
    b.order("#4", k_as_of - minutes(30), Sync::not_synced);  // grace: not judged
    // Only a decoy "Placed Order" for #5: still missing.
    auto& o5 = b.order("#5", k_as_of - hours(2), Sync::not_synced);
    b.snapshot().destination.events.push_back(
        b.event(model::EventKind::other, "M9", o5, model::Money{1, "GBP"}));
    const auto f = run(b.snapshot());
    CHECK(affected_keys(f, "order_missing_event") == Keys{"#2", "#3", "#5"});
    CHECK(total_affected(f) == 3);
    const auto* r = f.find("order_sync");
    REQUIRE(r);
    CHECK(r->status != Status::ok);
    CHECK(r->score < 100);
    CHECK(r->impact.find("3 customers") != std::string::npos);
    CHECK(r->examples == Keys{"#2", "#3", "#5"});
}

TEST_CASE("line items: fewer Ordered Product events than units, only for synced orders",
          "[checks][line_items]")
{
    StoreBuilder b;
    auto& o1 = b.order("#1", k_as_of - hours(3), Sync::not_synced, 3);
    b.snapshot().destination.events.push_back(b.event(model::EventKind::placed_order, "M1", o1, o1.revenue));
    b.snapshot().destination.events.push_back(b.event(model::EventKind::ordered_product, "M2", o1, {}));
    b.order("#2", k_as_of - hours(4), Sync::not_synced, 3);  // missing entirely: order_sync's finding
    b.order("#3", k_as_of - hours(5), Sync::synced, 4);
    const auto f = run(b.snapshot());
    CHECK(affected_keys(f, "order_items_missing") == Keys{"#1"});
    CHECK(affected_keys(f, "order_missing_event") == Keys{"#2"});
    CHECK(f.find("line_items")->examples == Keys{"#1 (1 of 3 items)"});
}

TEST_CASE("value integrity: more than one minor unit off, same currency only", "[checks][value_integrity]")
{
    StoreBuilder b;
    // Copies: the builder's vector may move its orders.
    const std::string id1 = b.order("#1", k_as_of - hours(3)).id;
    const std::string id2 = b.order("#2", k_as_of - hours(4)).id;
    const std::string id3 = b.order("#3", k_as_of - hours(5)).id;
    const std::string id4 = b.order("#4", k_as_of - hours(6)).id;
    for (auto& e : b.snapshot().destination.events) {
        if (e.kind != model::EventKind::placed_order)
            continue;
        if (e.order_id == id1)
            e.value->minor += 1;  // within 0.01: rounding
        if (e.order_id == id2)
            e.value->minor += 2;  // 0.02 off
        if (e.order_id == id3)
            e.value->minor = 10000;
        if (e.order_id == id4)
            e.value = model::Money{10000, "EUR"};  // not comparable
    }
    const auto f = run(b.snapshot());
    CHECK(affected_keys(f, "order_value_mismatch") == Keys{"#2", "#3"});
    CHECK(total_affected(f) == 2);
}

TEST_CASE("duplicates: more than one distinct Placed Order", "[checks][duplicates]")
{
    StoreBuilder b;
    b.order("#1", k_as_of - hours(3));
    auto& o2 = b.order("#2", k_as_of - hours(4), Sync::not_synced);
    b.sync_order(o2, 2);
    // The same event read twice (page overlap) is not a duplicate.
    const auto o3_id = b.order("#3", k_as_of - hours(5)).id;
    for (const auto& e : std::vector<model::Event>(b.snapshot().destination.events))
        if (e.order_id == o3_id && e.kind == model::EventKind::placed_order)
            b.snapshot().destination.events.push_back(e);
    // Outside the window: not judged.
    auto& old = b.order("#4", k_as_of - hours(30), Sync::not_synced);
    b.sync_order(old, 2);
    const auto f = run(b.snapshot());
    CHECK(affected_keys(f, "order_event_duplicate") == Keys{"#2"});
    CHECK(total_affected(f) == 1);
}

TEST_CASE("freshness: stalled only when the newest event is old and orders kept coming",
          "[checks][freshness]")
{
    SECTION("stalled")
    {
        StoreBuilder b;
        b.order("#1", k_as_of - hours(10));
        b.order("#2", k_as_of - hours(5), Sync::not_synced);
        b.order("#3", k_as_of - hours(4), Sync::not_synced);
        b.order("#4", k_as_of - hours(3), Sync::not_synced);
        const auto f = run(b.snapshot());
        CHECK(affected_keys(f, "sync_stalled") == Keys{"Placed Order"});
        CHECK(f.find("freshness")->status == Status::critical);
        CHECK(affected_keys(f, "order_missing_event") == Keys{"#2", "#3", "#4"});
    }
    SECTION("a quiet night is not a stall: too few orders after the newest event")
    {
        StoreBuilder b;
        b.order("#1", k_as_of - hours(10));
        b.order("#2", k_as_of - hours(5));
        b.order("#3", k_as_of - hours(4), Sync::not_synced);
        b.order("#4", k_as_of - minutes(20), Sync::not_synced);  // grace: does not count
        b.order("#5", k_as_of - minutes(10), Sync::not_synced);
        const auto f = run(b.snapshot());
        CHECK(affected_keys(f, "sync_stalled").empty());
        CHECK(f.find("freshness")->status == Status::ok);
    }
    SECTION("recent newest event: not stalled whatever follows")
    {
        StoreBuilder b;
        b.order("#1", k_as_of - minutes(119));
        b.order("#2", k_as_of - minutes(100), Sync::not_synced);
        b.order("#3", k_as_of - minutes(90), Sync::not_synced);
        b.order("#4", k_as_of - minutes(80), Sync::not_synced);
        CHECK(affected_keys(run(b.snapshot()), "sync_stalled").empty());
    }
}
