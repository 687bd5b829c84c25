#include "core/error.hpp"
#include "core/time.hpp"
#include "model/email.hpp"
#include "model/snapshot.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <limits>
#include <stdexcept>

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

TEST_CASE("flow datasets and order changes round-trip through their files")
{
    frr::test::TempDir dir;
    auto t = *parse_iso8601("2026-11-27T06:00:00Z");
    Snapshot s;
    s.manifest.run_id = "r";
    s.manifest.platforms["klaviyo"].mark("flow_report", Coverage::unavailable,
                                         "HTTP 429: Request was throttled.");
    OrderChange c;
    c.order_id = "5001";
    c.order_name = "#1001";
    c.kind = OrderChangeKind::partially_fulfilled;
    c.at = t - std::chrono::hours(2);
    c.order_created_at = t - std::chrono::hours(30);
    c.source_name = "web";
    c.email_hash = "abc";
    c.total = {4599, "GBP"};
    s.source.order_changes.push_back(c);
    Flow f;
    f.id = "XVTP5Q";
    f.name = "Abandoned Checkout";
    f.status = FlowStatus::live;
    f.status_text = "live";
    f.trigger_type = "Metric";
    f.trigger = TriggerKind::metric;
    f.trigger_id = "M6";
    f.updated_at = t;
    s.destination.flows.push_back(f);
    s.destination.flow_report.push_back({"XVTP5Q", "01J0000000000000000000000A", "email", "2026-11-26", 17});
    s.destination.trigger_days.push_back({"M6", "2026-11-26", 22});
    s.destination.subscriber_list = {"L1", "Newsletter", "discovered", {"abc", "def"}, {"abc"}};

    write_snapshot(dir.path(), s);
    auto back = read_snapshot(dir.path());
    CHECK(back.manifest.platforms.at("klaviyo").datasets.at("flow_report").missing ==
          "HTTP 429: Request was throttled.");
    REQUIRE(back.source.order_changes.size() == 1);
    CHECK(back.source.order_changes[0].kind == OrderChangeKind::partially_fulfilled);
    CHECK(back.source.order_changes[0].at == c.at);
    CHECK(back.source.order_changes[0].total == c.total);
    REQUIRE(back.destination.flows.size() == 1);
    CHECK(back.destination.flows[0].live());
    CHECK(back.destination.flows[0].trigger == TriggerKind::metric);
    CHECK(back.destination.flows[0].trigger_id == "M6");
    REQUIRE(back.destination.flow_report.size() == 1);
    CHECK(back.destination.flow_report[0].recipients == 17);
    CHECK(back.destination.trigger_days == s.destination.trigger_days);
    CHECK(back.destination.subscriber_list.found_by == "discovered");
    CHECK(back.destination.subscriber_list.members == std::vector<std::string>{"abc"});
    CHECK(event_kind_from("fulfilled_partial_order") == EventKind::fulfilled_partial_order);
}

TEST_CASE("a snapshot's folders are named by role, and the manifest says which platform is which")
{
    frr::test::TempDir dir;
    Snapshot s;
    s.manifest.run_id = "r";
    s.manifest.source_platform = "shop-platform";
    s.manifest.destination_platform = "mail-platform";
    Order o;
    o.id = "5001";
    s.source.orders.push_back(o);
    Event e;
    e.id = "ev1";
    s.destination.events.push_back(e);
    write_snapshot(dir.path(), s);
    CHECK(std::filesystem::exists(dir / "source/orders.jsonl"));
    CHECK(std::filesystem::exists(dir / "destination/events.jsonl"));
    CHECK_FALSE(std::filesystem::exists(dir / "shop-platform"));
    auto back = read_snapshot(dir.path());
    CHECK(back.manifest.layout == k_snapshot_layout);
    CHECK(back.manifest.source_platform == "shop-platform");
    CHECK(back.manifest.destination_platform == "mail-platform");
    CHECK(back.source.orders.size() == 1);
    CHECK(back.destination.events.size() == 1);
}

TEST_CASE("a run directory of layout 1 (a folder per platform) still reads whole")
{
    frr::test::TempDir dir;
    Snapshot s;
    s.manifest.run_id = "r";
    Order o;
    o.id = "5001";
    s.source.orders.push_back(o);
    s.source.daily_orders.push_back({"2026-11-26", 40});
    Event e;
    e.id = "ev1";
    s.destination.events.push_back(e);
    s.destination.audiences.push_back({"L1", "Newsletter", AudienceKind::list, 120, false, {}});
    write_snapshot(dir.path(), s);
    // What an frr before layout 2 left: platform-named folders, a manifest without layout or roles.
    std::filesystem::rename(dir / "source", dir / "shopify");
    std::filesystem::rename(dir / "destination", dir / "klaviyo");
    auto manifest = frr::test::read_text(dir / "manifest.json");
    const auto cut = manifest.find(R"("layout":)");
    REQUIRE(cut != std::string::npos);
    manifest.erase(cut, manifest.find(R"("platforms":)") - cut);
    frr::test::write_text(dir / "manifest.json", manifest);

    auto back = read_snapshot(dir.path());
    CHECK(back.manifest.layout == 1);
    CHECK(back.manifest.source_platform == "shopify");
    CHECK(back.manifest.destination_platform == "klaviyo");
    REQUIRE(back.source.orders.size() == 1);
    CHECK(back.source.orders[0].id == "5001");
    CHECK(back.source.daily_orders == s.source.daily_orders);
    REQUIRE(back.destination.events.size() == 1);
    CHECK(back.destination.audiences.at(0).profile_count == 120);

    // Two folders that could each be the source: which one is unclear, so the run is not guessed at.
    std::filesystem::create_directories(dir / "other");
    frr::test::write_text(dir / "other/orders.jsonl", "");
    CHECK_THROWS_AS(read_snapshot(dir.path()), frr::core::Error);
}

TEST_CASE("a damaged snapshot file is bad input with file:line")
{
    frr::test::TempDir dir;
    Snapshot s;
    s.manifest.run_id = "r";
    write_snapshot(dir.path(), s);
    frr::test::write_text(dir / "source/orders.jsonl",
                          "{\"id\":\"1\",\"created_at\":\"2026-11-27T00:00:00Z\",\"updated_at\":\"2026-11-"
                          "27T00:00:00Z\"}\n{broken\n");
    try {
        read_snapshot(dir.path());
        FAIL("expected an error");
    } catch (const frr::core::Error& e) {
        CHECK(e.code() == frr::core::ExitCode::bad_input);
        CHECK(e.where().find("orders.jsonl:2") != std::string::npos);
    }
}

namespace {

// Writes an empty snapshot, replaces orders.jsonl with `orders`, and returns the
// error reading it throws (or fails the test when it reads).
frr::core::Error read_error_with_orders(const std::string& orders)
{
    frr::test::TempDir dir;
    Snapshot s;
    s.manifest.run_id = "r";
    write_snapshot(dir.path(), s);
    frr::test::write_text(dir / "source/orders.jsonl", orders);
    try {
        read_snapshot(dir.path());
    } catch (const frr::core::Error& e) {
        return e;
    }
    FAIL("expected an error");
    throw std::logic_error("unreachable");
}

const std::string k_good_order =
    "{\"id\":\"1\",\"created_at\":\"2026-11-27T00:00:00Z\",\"updated_at\":\"2026-11-27T00:00:00Z\"}";

}  // namespace

TEST_CASE("a snapshot file cut short is bad input, not half-read")
{
    // The writer ends every line with '\n': a last line without one was cut,
    // even when what is left of it happens to be valid JSON.
    auto e = read_error_with_orders(k_good_order + "\n" + k_good_order);
    CHECK(e.code() == frr::core::ExitCode::bad_input);
    CHECK(e.where().find("orders.jsonl:2") != std::string::npos);
    CHECK(std::string(e.what()).find("cut short") != std::string::npos);

    e = read_error_with_orders(k_good_order + "\n{\"id\":\"2\",\"crea");
    CHECK(e.where().find("orders.jsonl:2") != std::string::npos);
}

TEST_CASE("snapshot line errors name the line, blank lines counted")
{
    auto e = read_error_with_orders(k_good_order + "\n\n" + k_good_order + "\n[1,2]\n");
    CHECK(e.where().find("orders.jsonl:4") != std::string::npos);
    CHECK(std::string(e.what()).find("expected a JSON object") != std::string::npos);

    e = read_error_with_orders(k_good_order + "\n" + k_good_order + "\n" + k_good_order + " x\n");
    CHECK(e.where().find("orders.jsonl:3") != std::string::npos);
    CHECK(std::string(e.what()).find("invalid JSON") != std::string::npos);

    e = read_error_with_orders(k_good_order + std::string(1, '\0') + "{\"more\":1}\n");
    CHECK(e.where().find("orders.jsonl:1") != std::string::npos);
    CHECK(std::string(e.what()).find("NUL") != std::string::npos);
}

TEST_CASE("snapshot field errors name the line and the nested field")
{
    auto order = k_good_order;
    order.insert(order.size() - 1, ",\"revenue\":{\"minor\":\"12\",\"currency\":\"GBP\"}");
    auto e = read_error_with_orders(k_good_order + "\n" + order + "\n");
    CHECK(e.where().find("orders.jsonl:2.revenue") != std::string::npos);
    CHECK(std::string(e.what()).find("field 'minor' should be an integer") != std::string::npos);

    e = read_error_with_orders("{\"id\":\"1\",\"created_at\":\"yesterday\"}\n");
    CHECK(e.where().find("orders.jsonl:1") != std::string::npos);
    CHECK(std::string(e.what()).find("field 'created_at' should be an ISO-8601 time") != std::string::npos);

    e = read_error_with_orders("{\"id\":\"1\",\"created_at\":\"2026-11-27T00:00:00Z\",\"updated_at\":\"2026-"
                               "11-27T00:00:00Z\",\"revenue\":7}\n");
    CHECK(e.where().find("orders.jsonl:1.revenue") != std::string::npos);
    CHECK(std::string(e.what()).find("expected a JSON object") != std::string::npos);
}

TEST_CASE("snapshot lines longer than the read buffer and many lines read whole")
{
    frr::test::TempDir dir;
    auto t = *parse_iso8601("2026-11-27T06:00:00Z");
    Snapshot s;
    s.manifest.run_id = "r";
    for (int i = 0; i < 5000; ++i) {
        Order o;
        o.id = std::to_string(i);
        o.name = i == 2500 ? std::string(3 << 20, 'n') : fmt::format("#{}", i);
        o.created_at = o.updated_at = t;
        o.email_hash = std::string(64, 'a' + i % 26);
        o.revenue = {i, "GBP"};
        s.source.orders.push_back(o);
    }
    write_snapshot(dir.path(), s);
    const auto text = frr::test::read_text(dir / "source/orders.jsonl");
    // Streamed through a buffer flushed every megabyte (the 3 MB line overfills it once), the file
    // is still exactly one record's JSON form per line.
    std::string lines;
    for (const auto& o : s.source.orders)
        lines += to_json(o) + "\n";
    CHECK(text == lines);
    auto back = read_snapshot(dir.path());
    REQUIRE(back.source.orders.size() == s.source.orders.size());
    for (std::size_t i = 0; i < s.source.orders.size(); ++i) {
        CHECK(back.source.orders[i].name == s.source.orders[i].name);
        CHECK(back.source.orders[i].email_hash == s.source.orders[i].email_hash);
        CHECK(back.source.orders[i].revenue == s.source.orders[i].revenue);
    }
    // Reading changes nothing: writing what was read gives the same bytes.
    frr::test::TempDir again;
    write_snapshot(again.path(), back);
    CHECK(frr::test::read_text(again / "source/orders.jsonl") == text);
}

TEST_CASE("snapshot fields are found by name in any order, the first of a repeated name")
{
    // The reader looks for each field first where the writer puts it; a line written in
    // another order, or with a name twice, reads as a search by name reads it.
    frr::test::TempDir dir;
    Snapshot s;
    s.manifest.run_id = "r";
    write_snapshot(dir.path(), s);
    frr::test::write_text(
        dir / "destination/events.jsonl",
        "{\"id\":\"E1\",\"id\":\"E2\",\"kind\":\"placed_order\",\"occurred_at\":\"2026-11-27T00:00:00Z\","
        "\"metric_id\":\"M1\",\"value\":{\"currency\":\"GBP\",\"minor\":1250,\"minor\":9},"
        "\"order_id\":\"1001\",\"item_units\":3,\"order_id\":\"1002\"}\n"
        "{\"item_units\":2,\"profile_id\":\"P1\",\"occurred_at\":\"2026-11-27T01:00:00Z\",\"id\":\"E3\","
        "\"kind\":\"ordered_product\",\"value\":null}\n");
    const auto events = read_snapshot(dir.path()).destination.events;
    REQUIRE(events.size() == 2);
    CHECK(events[0].id == "E1");
    CHECK(events[0].kind == EventKind::placed_order);
    CHECK(events[0].metric_id == "M1");
    CHECK(events[0].order_id == "1001");
    REQUIRE(events[0].value);
    CHECK(*events[0].value == Money{1250, "GBP"});
    CHECK(events[0].item_units == 3);
    CHECK(events[1].id == "E3");
    CHECK(events[1].kind == EventKind::ordered_product);
    CHECK(events[1].profile_id == "P1");
    CHECK(events[1].occurred_at == *parse_iso8601("2026-11-27T01:00:00Z"));
    CHECK_FALSE(events[1].value);
    CHECK(events[1].item_units == 2);
}

TEST_CASE("a snapshot damaged on both sides names the source's file first")
{
    // The source's and the destination's files are read side by side; the error is the
    // one reading them one after the other (source first) would give.
    frr::test::TempDir dir;
    Snapshot s;
    s.manifest.run_id = "r";
    write_snapshot(dir.path(), s);
    frr::test::write_text(dir / "destination/events.jsonl", "{broken\n");
    try {
        read_snapshot(dir.path());
        FAIL("expected an error");
    } catch (const frr::core::Error& e) {
        CHECK(e.where().find("events.jsonl:1") != std::string::npos);
    }
    frr::test::write_text(dir / "source/customers.jsonl", "{\"id\":\"1\"}\n[1]\n");
    try {
        read_snapshot(dir.path());
        FAIL("expected an error");
    } catch (const frr::core::Error& e) {
        CHECK(e.where().find("customers.jsonl:1") != std::string::npos);
        CHECK(std::string(e.what()).find("created_at") != std::string::npos);
    }
}

TEST_CASE("snapshot strings with escapes, control bytes and UTF-8 read back exactly at every offset")
{
    // Plain text is copied 16 bytes at a time up to the next byte that needs the parser; an
    // escape at each offset of a 16-byte block, and after one, must still decode in place.
    frr::test::TempDir dir;
    const auto t = *parse_iso8601("2026-11-27T06:00:00Z");
    Snapshot s;
    s.manifest.run_id = "r";
    const std::string specials[] = {
        "\"", "\\", "\n", "\t", std::string(1, '\x01'), "\xc3\xa9", "\xf0\x9f\x98\x80"};
    for (std::size_t offset = 0; offset < 40; ++offset)
        for (const auto& special : specials) {
            Order o;
            o.id = std::to_string(s.source.orders.size());
            o.name = std::string(offset, 'n') + special + std::string(offset % 17, 'm') + special + "#";
            o.created_at = o.updated_at = t;
            o.email_masked = special + std::string(offset, 'e');
            s.source.orders.push_back(o);
        }
    write_snapshot(dir.path(), s);
    const auto back = read_snapshot(dir.path()).source.orders;
    REQUIRE(back.size() == s.source.orders.size());
    for (std::size_t i = 0; i < back.size(); ++i) {
        CHECK(back[i].name == s.source.orders[i].name);
        CHECK(back[i].email_masked == s.source.orders[i].email_masked);
    }
    // Written by hand: \u escapes and a surrogate pair, and a raw control byte (invalid JSON).
    frr::test::write_text(
        dir / "source/orders.jsonl",
        "{\"id\":\"1\",\"name\":\"abcdefghijklmnop\\u00e9qrstuvwxyz0123456789\\ud83d\\ude00!\","
        "\"created_at\":\"2026-11-27T00:00:00Z\",\"updated_at\":\"2026-11-27T00:00:00Z\"}\n");
    const auto hand = read_snapshot(dir.path()).source.orders;
    REQUIRE(hand.size() == 1);
    CHECK(hand[0].name == "abcdefghijklmnop\xc3\xa9qrstuvwxyz0123456789\xf0\x9f\x98\x80!");
    auto e = read_error_with_orders("{\"id\":\"1\",\"name\":\"abcdefghijklmnopqrstuvwxyz\x01\"}\n");
    CHECK(e.where().find("orders.jsonl:1") != std::string::npos);
    CHECK(std::string(e.what()).find("invalid JSON") != std::string::npos);
}

TEST_CASE("every JSON-lines file holds exactly each record's to_json, one a line, whatever the text")
{
    // The files are written by their own line writer, to_json by RapidJSON's: escapes, control
    // bytes, non-ASCII, invalid UTF-8 (repaired), empty text, negative and extreme numbers,
    // absent and present optional fields must all give the same bytes.
    frr::test::TempDir dir;
    const auto t = *parse_iso8601("2026-11-27T06:00:00Z");
    const std::vector<std::string> texts = {"",
                                            "plain-ascii_1234567890",
                                            "quote \" and backslash \\ inside",
                                            "line\nfeed\ttab\rreturn\x01\x1f\x7f",
                                            "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xe2\x80\xa8",
                                            "bad \xff utf-8 \xc3",
                                            std::string("nul\0inside", 10),
                                            std::string(300, 'L') + "\xc3\xa9" + std::string(17, 'l')};
    const std::int64_t numbers[] = {0,
                                    -1,
                                    -12345,
                                    std::numeric_limits<std::int64_t>::max(),
                                    std::numeric_limits<std::int64_t>::min(),
                                    4000000000};
    Snapshot s;
    s.manifest.run_id = "r";
    for (std::size_t i = 0; i < texts.size() * 2; ++i) {
        const auto& text = texts[i % texts.size()];
        const auto number = numbers[i % std::size(numbers)];
        const bool odd = i % 2 == 1;
        Order o;
        o.id = text;
        o.name = "#" + text;
        o.created_at = t - std::chrono::hours(static_cast<int>(i) * 1000);
        o.updated_at = t;
        if (odd)
            o.cancelled_at = t + std::chrono::seconds(static_cast<int>(i));
        o.test = odd;
        o.source_name = text;
        o.financial_status = "PAID";
        o.email_hash = std::string(64, 'f');
        o.email_masked = text;
        o.revenue = {number, text};
        o.total = {-number / 3, "GBP"};
        o.item_quantity = static_cast<int>(i) - 3;
        o.edited = i % 3 == 0;
        o.revenue_as_placed = {number / 7, "EUR"};
        s.source.orders.push_back(o);
        Customer c;
        c.id = text;
        c.created_at = c.updated_at = t;
        c.email_masked = text;
        c.has_phone = odd;
        c.consent = static_cast<SourceConsent>(i % 7);
        if (odd)
            c.consent_updated_at = t;
        s.source.customers.push_back(c);
        Checkout k;
        k.id = text;
        k.created_at = t;
        if (!odd)
            k.completed_at = t;
        k.customer_id = text;
        k.total = {number, text};
        s.source.checkouts.push_back(k);
        OrderChange ch;
        ch.order_id = text;
        ch.order_name = text;
        ch.kind = static_cast<OrderChangeKind>(i % 4);
        ch.at = ch.order_created_at = t;
        ch.test = odd;
        ch.total = {number, "GBP"};
        s.source.order_changes.push_back(ch);
        Event e;
        e.id = text;
        e.kind = static_cast<EventKind>(i % 8);
        e.metric_id = text;
        e.occurred_at = t;
        e.order_id = text;
        e.order_id_source = static_cast<OrderIdSource>(i % 4);
        if (odd) {
            e.item_units = static_cast<int>(number % 1000);
            e.value = Money{number, text};
        }
        e.unique_id = text;
        e.profile_id = text;
        s.destination.events.push_back(e);
        Profile p;
        p.id = text;
        p.email_masked = text;
        p.created_at = p.updated_at = t;
        p.consent = static_cast<DestinationConsent>(i % 4);
        p.can_receive_marketing = odd;
        if (odd)
            p.suppressions = {text, "HARD_BOUNCE", ""};
        s.destination.profiles.push_back(p);
    }
    write_snapshot(dir.path(), s);
    const auto lines = [](const auto& records) {
        std::string out;
        for (const auto& r : records)
            out += to_json(r) + "\n";
        return out;
    };
    CHECK(frr::test::read_text(dir / "source/orders.jsonl") == lines(s.source.orders));
    CHECK(frr::test::read_text(dir / "source/customers.jsonl") == lines(s.source.customers));
    CHECK(frr::test::read_text(dir / "source/checkouts.jsonl") == lines(s.source.checkouts));
    CHECK(frr::test::read_text(dir / "source/order_changes.jsonl") == lines(s.source.order_changes));
    CHECK(frr::test::read_text(dir / "destination/events.jsonl") == lines(s.destination.events));
    CHECK(frr::test::read_text(dir / "destination/profiles.jsonl") == lines(s.destination.profiles));
    // And the files read back (the repaired text as repaired).
    const auto back = read_snapshot(dir.path());
    CHECK(back.source.orders.size() == s.source.orders.size());
    CHECK(back.destination.events.size() == s.destination.events.size());
    CHECK(back.source.orders[1].revenue == s.source.orders[1].revenue);
}
