#include "core/time.hpp"
#include "report/sparkline.hpp"
#include "report/view.hpp"
#include "report/view_builder_detail.hpp"
#include "report_fixture.hpp"

#include <catch2/catch.hpp>

using namespace frr;

TEST_CASE("sparkline scales 0-100 to eight blocks and marks gaps", "[report]")
{
    CHECK(report::sparkline({0.0, 100.0, std::nullopt, 54.0}) == "▁█·▅");
    CHECK(report::bar_percent(0) == 2);
    CHECK(report::bar_percent(54.4) == 54);
    CHECK(report::bar_percent(130) == 100);
}

TEST_CASE("mask_emails_in masks addresses inside prose and leaves masked ones alone", "[report]")
{
    CHECK(report::mask_emails_in("contact jane.doe@example.com.") == "contact j***@example.com.");
    CHECK(report::mask_emails_in("b***@example.org stays") == "b***@example.org stays");
    CHECK(report::mask_emails_in("order #1043 @ noon") == "order #1043 @ noon");
}

TEST_CASE("describe_count words the defect vocabulary", "[report]")
{
    CHECK(report::describe_count(frr::test::k_pair_words, 14, "order_missing_event", "x") ==
          "14 orders missing in Klaviyo");
    CHECK(report::describe_count(frr::test::k_pair_words, 1, "order_missing_event", "x") ==
          "1 order missing in Klaviyo");
    CHECK(report::describe_count(frr::test::k_pair_words, 3, "something_new", "Lists") ==
          "Lists: 3 affected");
    // The flows' trigger kinds read as what went missing, not "Refunds: 1 affected".
    CHECK(report::describe_count(frr::test::k_pair_words, 1, "refund_missing_event", "Refunds") ==
          "1 refund missing in Klaviyo");
    CHECK(report::describe_count(frr::test::k_pair_words, 3, "fulfillment_missing_event", "Fulfilments") ==
          "3 fulfilments missing in Klaviyo");
    CHECK(report::describe_count(frr::test::k_pair_words, 2, "flow_silent", "Flows sending") ==
          "2 flows that stopped sending emails");
}

TEST_CASE("the view ranks issues by what they cost and words the subject with the money", "[report]")
{
    test::ReportFixture fx;
    auto view = report::build_view(report::read_inputs(fx.state, fx.run, fx.options()));
    REQUIRE(view.issues.size() == 3);
    CHECK(view.issues[0].id == "order_sync");       // 24 points, £588.00
    CHECK(view.issues[1].id == "consent");          // 18 points, 2 customers
    CHECK(view.issues[2].id == "value_integrity");  // 4 points, £2.00
    CHECK(view.issues[0].cost_text == "\u00a3588.00 at stake, 14 customers affected");
    CHECK(view.at_stake_text == "\u00a3590.00");
    CHECK(view.subject ==
          "[frr] CRITICAL 54/100 \u2014 Fixture Store: \u00a3590.00 at stake; 14 orders missing in Klaviyo");
    CHECK(view.issues[0].examples.size() == 5);
    CHECK(view.issues[0].more_text == "and 9 more");
    CHECK(view.as_of_local == "15 Jul 2026 07:00 BST");
    CHECK(view.changes.score_change ==
          "Score 54, down 31 from 85 in the last report (13 Jul 2026 07:00 BST).");
    CHECK(view.trend.score_sparkline == "▇▇▅");
}

TEST_CASE("ranking follows the cost: hundreds of orders on past days above six missing today", "[report]")
{
    report::ReportInput in;
    in.words = frr::test::k_pair_words;
    in.checks.timezone = "Europe/London";
    in.checks.money = {"GBP", 4500, 990000};
    checks::IndicatorResult missing;
    missing.id = "order_sync";
    missing.status = checks::Status::warn;
    for (int i = 0; i < 6; ++i)
        missing.affected.push_back({"order_missing_event", "#81" + std::to_string(80 + i), {}});
    missing.at_stake = {27000, "GBP", false, true, 6};
    checks::IndicatorResult volume;
    volume.id = "volume";
    volume.status = checks::Status::critical;
    volume.affected = {{"volume_gap", "2026-11-08", {}}, {"volume_gap", "2026-11-09", {}}};
    volume.examples = {"8 Nov 2026: 250 orders, 30 in Klaviyo"};
    volume.at_stake = {441 * 4500, "GBP", true, true, 441};
    in.checks.indicators = {missing, volume};
    in.score.status = checks::Status::critical;
    in.score.score = 41;
    in.score.deductions = {{"order_sync", 4, "", ""}, {"volume", 50, "", ""}, {"cap", 5, "", "volume"}};
    auto v = report::build_view(in);
    REQUIRE(v.issues.size() == 2);
    CHECK(v.issues[0].id == "volume");
    CHECK(v.issues[0].points == 55);
    CHECK(v.issues[0].money_text == "about \u00a319,845");
    CHECK(v.issues[0].examples == std::vector<std::string>{"8 Nov 2026: 250 orders, 30 in Klaviyo"});
    CHECK(v.at_stake_text == "about \u00a320,115");
    // The headline never uses one number for two things.
    CHECK(v.verdict.find("Two problems") == std::string::npos);
    CHECK(v.verdict.find("across two problems; the biggest is 2 days with orders missing in Klaviyo (about "
                         "\u00a319,845)") != std::string::npos);
}

TEST_CASE("an empty period says no orders were placed, and how sure that is", "[report]")
{
    report::ReportInput in;
    in.words = frr::test::k_pair_words;
    in.checks.timezone = "Europe/London";
    in.checks.since = *core::parse_iso8601("2026-11-26T06:00:00Z");
    in.checks.until = *core::parse_iso8601("2026-11-27T06:00:00Z");
    checks::IndicatorResult orders;
    orders.id = "order_sync";
    orders.status = checks::Status::ok;
    orders.counts = {{"judged", 0}, {"missing", 0}};
    in.checks.indicators = {orders};
    in.score.status = checks::Status::ok;
    in.score.score = 100;
    in.score.confidence = checks::Confidence::full;
    auto v = report::build_view(in);
    CHECK(v.no_orders);
    CHECK(v.verdict.rfind("No orders were placed between 26 Nov 2026 06:00 GMT and 27 Nov 2026 06:00 GMT",
                          0) == 0);
    CHECK(v.confidence_text.find("low") != std::string::npos);
    CHECK(v.subject.find("no orders were placed") != std::string::npos);
    CHECK(v.verdict.find("All 0") == std::string::npos);
}

TEST_CASE("a gap longer than 1.5 schedule intervals adds a missed-run note", "[report]")
{
    test::ReportFixture with_gap({12, 13});
    auto view = report::build_view(report::read_inputs(with_gap.state, with_gap.run, with_gap.options()));
    REQUIRE(view.gap_note);
    CHECK(view.gap_note->find("13 Jul 2026 07:00 BST") != std::string::npos);
    CHECK(view.gap_note->find("2 days") != std::string::npos);

    test::ReportFixture on_time({12, 13, 14});
    auto view2 = report::build_view(report::read_inputs(on_time.state, on_time.run, on_time.options()));
    CHECK_FALSE(view2.gap_note);
    CHECK(view2.trend.rows.size() == 4);
}

TEST_CASE("the first report says so and has no gap note", "[report]")
{
    test::ReportFixture fx(std::vector<int>{});
    auto view = report::build_view(report::read_inputs(fx.state, fx.run, fx.options()));
    CHECK(view.changes.first_report);
    CHECK_FALSE(view.gap_note);
    CHECK(view.trend.rows.size() == 1);
}

TEST_CASE("partial coverage and unknown indicators are listed with their reasons", "[report]")
{
    test::ReportFixture fx;
    auto view = report::build_view(report::read_inputs(fx.state, fx.run, fx.options()));
    REQUIRE(view.coverage.size() == 3);
    CHECK(view.coverage[0].what == "Only part of the Klaviyo data could be read");
    // The client reads why in words; the scope's name is in the operator's notes (below).
    CHECK(view.coverage[0].why.find("lacks some permissions it needs to read Klaviyo") != std::string::npos);
    CHECK(view.coverage[0].why.find("lists:read") == std::string::npos);
    CHECK(view.coverage[1].why.find("page 40 of 52") != std::string::npos);
    CHECK(view.coverage[2].what == "Not checked: lists and segments");
    CHECK(view.verdict.find("Not checked this time: lists and segments, because") != std::string::npos);
    // The raw detail is the operator's too.
    auto joined = report::detail::join(view.operator_notes, "\n");
    CHECK(joined.find("page 40 of 52") != std::string::npos);
    CHECK(joined.find("lists:read") != std::string::npos);
}
