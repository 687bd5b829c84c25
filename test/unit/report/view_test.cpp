#include "report/sparkline.hpp"
#include "report/view.hpp"
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
    CHECK(report::describe_count(14, "order_missing_event", "x") == "14 orders missing in Klaviyo");
    CHECK(report::describe_count(1, "order_missing_event", "x") == "1 order missing in Klaviyo");
    CHECK(report::describe_count(3, "something_new", "Lists") == "Lists: 3 affected");
}

TEST_CASE("the view ranks issues by severity then score points and words the subject", "[report]")
{
    test::ReportFixture fx;
    auto view = report::build_view(report::read_inputs(fx.state, fx.run, fx.options()));
    REQUIRE(view.issues.size() == 3);
    CHECK(view.issues[0].id == "order_sync");       // critical, 24 points
    CHECK(view.issues[1].id == "consent");          // critical, 18 points
    CHECK(view.issues[2].id == "value_integrity");  // warning
    CHECK(view.subject == "[frr] CRITICAL 54/100 \u2014 Fixture Store: 14 orders missing in Klaviyo");
    CHECK(view.issues[0].examples.size() == 5);
    CHECK(view.issues[0].more_text == "and 9 more");
    CHECK(view.as_of_local == "15 Jul 2026 07:00 BST");
    CHECK(view.changes.score_change ==
          "Score 54, down 31 from 85 in the last report (13 Jul 2026 07:00 BST).");
    CHECK(view.trend.score_sparkline == "▇▇▅");
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
    CHECK(view.coverage[0].why.find("lists:read") != std::string::npos);
    CHECK(view.coverage[1].why.find("page 40 of 52") != std::string::npos);
    CHECK(view.coverage[2].what == "Not checked: lists and segments");
    CHECK(view.verdict.find("Not checked this time: lists and segments, because") != std::string::npos);
}
