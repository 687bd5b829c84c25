#include "core/error.hpp"
#include "core/time.hpp"
#include "model/email.hpp"
#include "model/snapshot.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

using namespace frr::model;
using frr::core::parse_iso8601;

TEST_CASE("decimal amounts become minor units exactly")
{
    CHECK(parse_minor_units("679.0") == 67900);
    CHECK(parse_minor_units("12.5") == 1250);
    CHECK(parse_minor_units("-3.10") == -310);
    CHECK(parse_minor_units("0.005") == 1);
    CHECK(parse_minor_units("42") == 4200);
    CHECK_FALSE(parse_minor_units("12,50"));
    CHECK_FALSE(parse_minor_units(""));
    CHECK_FALSE(parse_minor_units("."));
    CHECK(minor_units_from_double(109.95) == 10995);
    CHECK(format_minor_units(10995) == "109.95");
    CHECK(format_minor_units(-5) == "-0.05");
}

TEST_CASE("emails are normalised before hashing")
{
    EmailHasher h("k");
    CHECK(normalize_email("  Jane.Doe@Example.COM \t") == "jane.doe@example.com");
    CHECK(h.hash(" Jane.Doe@Example.COM") == h.hash("jane.doe@example.com"));
    CHECK(h.hash("jane.doe@example.com").size() == 64);
    CHECK(h.hash("") == "");
    CHECK(EmailHasher("other").hash("jane.doe@example.com") != h.hash("jane.doe@example.com"));
}

TEST_CASE("a snapshot round-trips through its files")
{
    frr::test::TempDir dir;
    auto t = *parse_iso8601("2026-11-27T06:00:00Z");
    Snapshot s;
    s.manifest.run_id = "20261127T060000Z-000001";
    s.manifest.as_of = t;
    s.manifest.since = t - std::chrono::hours(24);
    s.manifest.until = t;
    s.manifest.store = "Demo";
    s.manifest.timezone = "Europe/London";
    auto& shop = s.manifest.platforms["shopify"];
    shop.status = Coverage::partial;
    shop.counts["orders"] = 1;
    shop.requests = 7;
    shop.errors.push_back("page 3 had errors");
    Order o;
    o.id = "5001";
    o.name = "#1001";
    o.created_at = t - std::chrono::hours(3);
    o.updated_at = t - std::chrono::hours(2);
    o.cancelled_at = t - std::chrono::hours(1);
    o.email_hash = "abc";
    o.email_masked = "j***@example.com";
    o.revenue = {12345, "GBP"};
    o.item_quantity = 3;
    s.source.orders.push_back(o);
    s.source.daily_orders.push_back({"2026-11-26", 40});
    Event e;
    e.id = "ev1";
    e.kind = EventKind::placed_order;
    e.occurred_at = o.created_at;
    e.order_id = "5001";
    e.value = Money{12345, "GBP"};
    s.destination.events.push_back(e);
    Profile p;
    p.id = "01ABC";
    p.email_hash = "abc";
    p.consent = DestinationConsent::subscribed;
    p.suppressions = {"HARD_BOUNCE"};
    p.created_at = p.updated_at = t;
    s.destination.profiles.push_back(p);
    s.destination.audiences.push_back({"L1", "Newsletter", AudienceKind::list, 120, false, t});

    write_snapshot(dir.path(), s);
    auto back = read_snapshot(dir.path());
    CHECK(back.manifest.run_id == s.manifest.run_id);
    CHECK(back.manifest.platforms.at("shopify").status == Coverage::partial);
    CHECK(back.manifest.platforms.at("shopify").counts.at("orders") == 1);
    CHECK(back.manifest.platforms.at("shopify").errors.at(0) == "page 3 had errors");
    REQUIRE(back.source.orders.size() == 1);
    CHECK(back.source.orders[0].name == "#1001");
    CHECK(back.source.orders[0].cancelled_at == o.cancelled_at);
    CHECK(back.source.orders[0].revenue == o.revenue);
    CHECK(back.source.daily_orders == s.source.daily_orders);
    REQUIRE(back.destination.events.size() == 1);
    CHECK(back.destination.events[0].kind == EventKind::placed_order);
    CHECK(back.destination.events[0].value == e.value);
    CHECK(back.destination.profiles[0].suppressions == p.suppressions);
    CHECK(back.destination.audiences[0].profile_count == 120);
}

TEST_CASE("a damaged snapshot file is bad input with file:line")
{
    frr::test::TempDir dir;
    Snapshot s;
    s.manifest.run_id = "r";
    write_snapshot(dir.path(), s);
    frr::test::write_text(dir / "shopify/orders.jsonl", "{\"id\":\"1\",\"created_at\":\"2026-11-27T00:00:00Z\",\"updated_at\":\"2026-11-27T00:00:00Z\"}\n{broken\n");
    try {
        read_snapshot(dir.path());
        FAIL("expected an error");
    } catch (const frr::core::Error& e) {
        CHECK(e.code() == frr::core::ExitCode::bad_input);
        CHECK(e.where().find("orders.jsonl:2") != std::string::npos);
    }
}
