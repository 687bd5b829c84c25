#include "core/time.hpp"
#include "report/view.hpp"

#include <catch2/catch.hpp>

using namespace frr::report;

namespace {

ReportInput paused_input()
{
    ReportInput in;
    in.checks.run_id = in.score.run_id = "20261127T060000Z-000004";
    in.checks.as_of = in.score.as_of = *frr::core::parse_iso8601("2026-11-27T06:00:00Z");
    in.checks.timezone = "Europe/London";
    in.checks.store_name = "Demo";
    in.checks.coverage = {{"shopify", "complete"}, {"klaviyo", "paused"}};
    in.score.status = "unknown";
    PlatformManifest shopify;
    shopify.name = "shopify";
    shopify.status = "complete";
    PlatformManifest klaviyo;
    klaviyo.name = "klaviyo";
    klaviyo.status = "paused";
    klaviyo.breaker = "open";
    klaviyo.breaker_opened_at = *frr::core::parse_iso8601("2026-11-26T06:00:00Z");
    in.manifest.platforms = {shopify, klaviyo};
    return in;
}

}  // namespace

TEST_CASE("a paused platform leads the report with one paused notice naming it and since when")
{
    auto v = build_view(paused_input());
    CHECK(v.verdict.rfind("Monitoring paused: Klaviyo unavailable since 26 Nov 2026 06:00 GMT.", 0) == 0);
    CHECK(v.subject.find("Monitoring paused: Klaviyo unavailable since 26 Nov 2026 06:00 GMT") !=
          std::string::npos);
}

TEST_CASE("the first report after a paused run says monitoring resumed")
{
    auto in = paused_input();
    in.manifest.platforms[1].status = "complete";
    in.manifest.platforms[1].breaker = "closed";
    in.checks.coverage = {{"shopify", "complete"}, {"klaviyo", "complete"}};
    in.score.status = "ok";
    HistoryPoint before;
    before.run_id = "20261126T060000Z-000003";
    before.as_of = *frr::core::parse_iso8601("2026-11-26T06:00:00Z");
    before.paused = {"klaviyo"};
    in.history.push_back(before);
    auto v = build_view(in);
    CHECK(v.verdict.rfind("Monitoring resumed: Klaviyo is reachable again", 0) == 0);
    CHECK(v.subject.find("Monitoring resumed") != std::string::npos);

    in.history.back().paused.clear();
    auto normal = build_view(in);
    CHECK(normal.verdict.find("Monitoring") == std::string::npos);
}
