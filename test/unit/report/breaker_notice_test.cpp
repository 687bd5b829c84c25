#include "core/time.hpp"
#include "report/view.hpp"
#include "report_fixture.hpp"

#include <catch2/catch.hpp>

using namespace frr::report;
using frr::checks::Status;
using frr::model::Coverage;

namespace {

frr::core::TimePoint at(const char* iso)
{
    return *frr::core::parse_iso8601(iso);
}

frr::checks::IndicatorResult indicator(const char* id, const char* title, Status status,
                                       std::vector<std::string> needs)
{
    frr::checks::IndicatorResult f;
    f.id = id;
    f.title = title;
    f.status = status;
    f.needs = std::move(needs);
    if (status != Status::unknown)
        f.score = 100;
    else
        f.summary = std::string("Not checked: the ") +
            (f.needs.back() == "profiles" ? "profiles" : "Placed Order events") +
            " could not be read from Klaviyo.";
    return f;
}

// The run that skips Klaviyo after three failed daily runs (18-20 Dec).
ReportInput paused_input()
{
    ReportInput in;
    in.words = frr::test::k_pair_words;
    in.checks.run_id = "20261221T060000Z-000005";
    in.checks.as_of = at("2026-12-21T06:00:00Z");
    in.checks.since = at("2026-12-17T05:00:00Z");
    in.checks.until = at("2026-12-21T06:00:00Z");
    in.checks.timezone = "Europe/London";
    in.checks.store_name = "Demo";
    in.checks.coverage = {{"shopify", Coverage::complete}, {"klaviyo", Coverage::paused}};
    const std::string skipped = "skipped while monitoring is paused";
    in.checks.datasets = {{"orders", {"shopify", {Coverage::complete, "", {}}}},
                          {"customers", {"shopify", {Coverage::complete, "", {}}}},
                          {"events.placed_order", {"klaviyo", {Coverage::paused, skipped, {}}}},
                          {"profiles", {"klaviyo", {Coverage::paused, skipped, {}}}}};
    in.checks.indicators = {
        indicator("order_sync", "Order sync", Status::unknown, {"orders", "events.placed_order"}),
        indicator("customer_sync", "Customer sync", Status::unknown, {"customers", "profiles"}),
        indicator("connection", "Connection", Status::ok, {})};
    in.score.status = Status::unknown;  // the verdict "incomplete"
    in.score.scored = false;
    in.score.complete = false;
    in.score.checked_percent = 0;
    frr::model::PlatformManifest shopify;
    shopify.status = Coverage::complete;
    frr::model::PlatformManifest klaviyo;
    klaviyo.status = Coverage::paused;
    klaviyo.breaker = "open";
    klaviyo.breaker_opened_at = at("2026-12-20T06:00:00Z");
    klaviyo.outage_since = at("2026-12-18T06:00:00Z");
    klaviyo.failed_runs = 3;
    klaviyo.next_attempt = at("2026-12-22T06:00:00Z");
    in.manifest.platforms = {{"shopify", shopify}, {"klaviyo", klaviyo}};
    return in;
}

}  // namespace

TEST_CASE("the paused notice says since the first failed run, what is skipped, what works, the next attempt")
{
    auto v = build_view(paused_input());
    CHECK(v.status == "paused");
    CHECK(v.status_label == "PAUSED");
    CHECK_FALSE(v.has_score);
    CHECK(v.verdict.rfind(
              "Monitoring of Klaviyo is paused. Klaviyo has not answered since 18 Dec 2026 06:00 GMT "
              "(3 runs in a row)",
              0) == 0);
    CHECK(v.verdict.find("Not checked while it is paused: order sync and customer sync.") !=
          std::string::npos);
    CHECK(
        v.verdict.find("Still working: Shopify answers normally, and its orders and customers are still read "
                       "on every run.") != std::string::npos);
    CHECK(v.verdict.find("Next attempt: the run due around 22 Dec 2026 06:00 GMT.") != std::string::npos);
    CHECK(v.verdict.find("checks everything since 17 Dec 2026 05:00 GMT") != std::string::npos);
    CHECK(v.verdict.find("not a health score") != std::string::npos);
    // Truthful: no promise of trying on every run, no score, no ISO time.
    CHECK(v.verdict.find("keep trying") == std::string::npos);
    CHECK(v.verdict.find("T06:00") == std::string::npos);
    CHECK(v.subject ==
          "[frr] PAUSED \u2014 Demo: monitoring of Klaviyo paused: no answer since 18 Dec 2026 06:00 GMT");
}

TEST_CASE("the run that ends a notified outage says monitoring resumed and which period it checks")
{
    auto in = paused_input();
    in.checks.as_of = at("2026-12-22T06:00:00Z");
    in.checks.until = at("2026-12-22T06:00:00Z");
    in.checks.coverage = {{"shopify", Coverage::complete}, {"klaviyo", Coverage::complete}};
    for (auto& [id, d] : in.checks.datasets)
        d.coverage.status = Coverage::complete;
    for (auto& f : in.checks.indicators) {
        f.status = Status::ok;
        f.score = 100;
    }
    in.score = {};
    in.score.status = Status::ok;
    in.score.score = 100;
    auto& klaviyo = in.manifest.platforms["klaviyo"];
    klaviyo.status = Coverage::complete;
    klaviyo.breaker = "closed";
    klaviyo.next_attempt.reset();
    klaviyo.recovered_from = at("2026-12-18T06:00:00Z");
    auto v = build_view(in);
    CHECK(v.status == "ok");
    CHECK(
        v.verdict.rfind("Monitoring resumed: Klaviyo answers again (no answer since 18 Dec 2026 06:00 GMT). "
                        "This report checks the whole period it missed, from 17 Dec 2026 05:00 GMT to 22 Dec "
                        "2026 06:00 GMT.",
                        0) == 0);
    CHECK(v.subject.find("monitoring resumed, Klaviyo answers again") != std::string::npos);

    klaviyo.recovered_from.reset();
    auto normal = build_view(in);
    CHECK(normal.verdict.find("Monitoring") == std::string::npos);
}

TEST_CASE("an outage run is INCOMPLETE: what was not checked, why, and when, without a score")
{
    auto in = paused_input();
    in.checks.coverage = {{"shopify", Coverage::complete}, {"klaviyo", Coverage::unavailable}};
    for (auto& [id, d] : in.checks.datasets)
        if (d.platform == "klaviyo")
            d.coverage.status = Coverage::unavailable;
    in.manifest.platforms["klaviyo"].status = Coverage::unavailable;
    in.manifest.platforms["klaviyo"].breaker = "closed";
    auto v = build_view(in);
    CHECK(v.status == "incomplete");
    CHECK(v.status_label == "INCOMPLETE");
    CHECK_FALSE(v.has_score);
    CHECK(v.verdict.rfind("Incomplete: Klaviyo did not answer, so none of the 2 checks could run", 0) == 0);
    CHECK(v.verdict.find("not a sign that data is being lost") != std::string::npos);
    CHECK(v.verdict.find("over the whole period since 17 Dec 2026 05:00 GMT") != std::string::npos);
    CHECK(v.subject == "[frr] INCOMPLETE \u2014 Demo: Klaviyo did not answer, so nothing could be checked");
    // One line for every check that needs the platform that did not answer, not one per check.
    std::vector<CoverageLine> not_checked;
    for (const auto& c : v.coverage)
        if (c.what.starts_with("Not checked:"))
            not_checked.push_back(c);
    REQUIRE(not_checked.size() == 1);
    CHECK(not_checked[0].what == "Not checked: order sync and customer sync");
    CHECK(not_checked[0].why == "they need Klaviyo's data, which could not be read this time");
}

TEST_CASE("a partly checked run scores what was checked and says how much")
{
    auto in = paused_input();
    in.checks.coverage = {{"shopify", Coverage::complete}, {"klaviyo", Coverage::partial}};
    in.checks.datasets["events.placed_order"].coverage.status = Coverage::complete;
    in.checks.datasets["profiles"].coverage.status = Coverage::unavailable;
    in.checks.indicators[0].status = Status::ok;
    in.checks.indicators[0].score = 100;
    in.manifest.platforms["klaviyo"].status = Coverage::partial;
    in.score.scored = true;
    in.score.score = 100;
    in.score.checked_percent = 67;
    auto v = build_view(in);
    CHECK(v.status == "incomplete");
    CHECK(v.has_score);
    CHECK(v.score_note == "over 67% of the checks");
    CHECK(v.verdict.find(
              "Klaviyo's profiles could not be read in full: customer sync could not be checked. We "
              "checked order sync, and found nothing wrong (score 100/100 over 67% of the checks).") !=
          std::string::npos);
    CHECK(v.subject.rfind("[frr] INCOMPLETE 100/100 \u2014 Demo:", 0) == 0);
}
