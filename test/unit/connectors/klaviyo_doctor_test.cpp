#include "connectors/klaviyo/doctor.hpp"
#include "core/time.hpp"

#include <catch2/catch.hpp>

using frr::connectors::klaviyo::probe_revision;

TEST_CASE("doctor: a Klaviyo revision is stable a year, deprecated the next, then retired", "[doctor]")
{
    const auto at = [](const char* iso) { return *frr::core::parse_iso8601(iso); };
    auto stable = probe_revision("2026-07-15", at("2026-11-27T06:00:00Z"));
    CHECK(stable.passed);
    CHECK(stable.evidence.at(0) == "stable until 2027-07-15, retired from 2028-07-15");
    auto deprecated = probe_revision("2025-04-15", at("2026-11-27T06:00:00Z"));
    CHECK(deprecated.passed);
    CHECK(deprecated.evidence.at(0) == "deprecated since 2026-04-15, retired from 2027-04-15");
    CHECK_FALSE(deprecated.action.empty());
    auto retired = probe_revision("2024-10-15", at("2026-11-27T06:00:00Z"));
    CHECK_FALSE(retired.passed);
    CHECK(retired.failure == frr::core::ExitCode::config);
    auto future = probe_revision("2027-01-15", at("2026-11-27T06:00:00Z"));
    CHECK_FALSE(future.passed);
    CHECK_FALSE(probe_revision("latest", at("2026-11-27T06:00:00Z")).passed);
}
