// Money at stake per finding, the money basis, and the score and order that
// follow the money (docs/health-model.md "Money at stake").
#include "checks/health_score.hpp"
#include "fixture.hpp"
#include "model/money_text.hpp"

#include <catch2/catch.hpp>

using namespace frr;
using namespace frr::checks;
using namespace frr::checks::test;
using std::chrono::hours;

TEST_CASE("money is shown the UK way: pounds with a sign, other currencies by ISO code", "[checks][money]")
{
    CHECK(model::format_money(123456, "GBP") == "\u00a31,234.56");
    CHECK(model::format_money(5, "GBP") == "\u00a30.05");
    CHECK(model::format_money(123456789, "EUR") == "EUR 1,234,567.89");
    CHECK(model::format_money(-310, "GBP") == "-\u00a33.10");
    CHECK(model::format_money(100000, "") == "1,000.00");
    CHECK(model::format_money_rounded(2034049, "GBP") == "\u00a320,340");
    CHECK(model::format_money_rounded(2034050, "USD") == "USD 20,341");
}

TEST_CASE(
    "missing orders carry their value, duplicates the revenue counted twice, wrong values the difference",
    "[checks][money]")
{
    StoreBuilder b;
    b.order("#1", k_as_of - hours(3));
    b.order("#2", k_as_of - hours(4), Sync::not_synced);
    b.order("#3", k_as_of - hours(5), Sync::not_synced).revenue = {2000, "GBP"};
    auto& doubled = b.order("#4", k_as_of - hours(6), Sync::not_synced);
    b.sync_order(doubled, 3);  // two extra Placed Order events
    auto& wrong = b.order("#5", k_as_of - hours(7), Sync::not_synced);
    b.snapshot().destination.events.push_back(
        b.event(model::EventKind::placed_order, "M1", wrong, model::Money{10000, "GBP"}));
    const auto f = run(b.snapshot());
    CHECK(f.money.currency == "GBP");
    CHECK(f.money.average_order_minor > 0);

    const auto* missing = f.find("order_sync");
    CHECK(missing->at_stake.minor == 12345 + 2000);
    CHECK(missing->at_stake.currency == "GBP");
    CHECK_FALSE(missing->at_stake.estimated);
    CHECK(missing->at_stake.customers == 2);
    CHECK(missing->summary == "2 orders worth \u00a3143.45 never reached Klaviyo.");

    const auto* dup = f.find("duplicates");
    CHECK(dup->at_stake.minor == 2 * 12345);
    CHECK(dup->summary.find("\u00a3246.90 of sales is counted twice") != std::string::npos);

    const auto* value = f.find("value_integrity");
    CHECK(value->at_stake.minor == 12345 - 10000);
    CHECK(value->examples.front() == "#5 (\u00a3100.00 in Klaviyo, \u00a3123.45 in Shopify)");
}

TEST_CASE("a volume gap is estimated at orders short times the average order", "[checks][money]")
{
    StoreBuilder b;
    for (int i = 0; i < 4; ++i)
        b.order("#" + std::to_string(i + 1), k_as_of - hours(3 + i));
    b.snapshot().source.daily_orders = {{"2026-10-23", 300}, {"2026-10-22", 200}};
    b.snapshot().destination.daily_placed_orders = {{"2026-10-23", 59}, {"2026-10-22", 200}};
    const auto f = run(b.snapshot());
    const auto* volume = f.find("volume");
    REQUIRE(volume->status != Status::ok);
    CHECK(volume->at_stake.estimated);
    CHECK(volume->at_stake.customers == 241);
    CHECK(volume->at_stake.minor == 241 * 12345);
    CHECK(volume->examples.front() == "23 Oct 2026: 300 orders, 59 in Klaviyo");
    CHECK(volume->summary.find("about 241 orders short, worth about \u00a329,751") != std::string::npos);
    // A typical day: (300 + 200) / 2 orders at the average order value.
    CHECK(f.money.daily_revenue_minor == 250 * 12345);
}

TEST_CASE("hundreds of orders missing on past days weigh more than six missing today",
          "[checks][money][score]")
{
    StoreBuilder b;
    for (int i = 0; i < 200; ++i)
        b.order("#" + std::to_string(1000 + i), k_as_of - hours(2) - std::chrono::minutes(5 * i),
                i >= 194 ? Sync::not_synced : Sync::synced);
    b.snapshot().source.daily_orders = {{"2026-10-23", 220}, {"2026-10-22", 230}, {"2026-10-21", 210}};
    b.snapshot().destination.daily_placed_orders = {
        {"2026-10-23", 0}, {"2026-10-22", 9}, {"2026-10-21", 210}};
    const auto f = run(b.snapshot());
    const auto s = compute_score(f, {});
    int volume_points = 0;
    int missing_points = 0;
    for (const auto& d : s.deductions) {
        if (d.indicator == "volume")
            volume_points = d.points;
        if (d.indicator == "order_sync")
            missing_points = d.points;
    }
    CHECK(f.find("volume")->at_stake.minor > f.find("order_sync")->at_stake.minor);
    CHECK(volume_points == k_money_points_cap);
    CHECK(missing_points >= 1);
    CHECK(volume_points > missing_points);
    // Half a day's revenue or more at stake makes the finding itself critical.
    CHECK(f.find("volume")->status == Status::critical);
    CHECK(s.status == Status::critical);
    CHECK(s.score <= 100 - k_money_points_cap);
}

TEST_CASE("money points: 1 per 1% of a typical day's revenue, capped, none for money counted elsewhere",
          "[checks][money][score]")
{
    MoneyBasis basis{"GBP", 5000, 100000};
    CHECK(money_points({1000, "GBP", false, true, 1}, basis) == 1);
    CHECK(money_points({25000, "GBP", false, true, 5}, basis) == 25);
    CHECK(money_points({900000000000LL, "GBP", true, true, 5}, basis) == k_money_points_cap);
    CHECK(money_points({25000, "GBP", false, false, 5}, basis) ==
          0);  // a stall's orders: order sync counts them
    CHECK(money_points({25000, "EUR", false, true, 5}, basis) == 0);  // no rate to convert with
    CHECK(money_points({25000, "GBP", false, true, 5}, MoneyBasis{}) == 0);
}
