#include "core/duration.hpp"
#include "core/error.hpp"
#include "core/time.hpp"

#include <catch2/catch.hpp>
#include <date/date.h>
#include <string>

#include <vector>

using namespace std::chrono_literals;
using frr::core::parse_duration;

TEST_CASE("durations parse with units")
{
    CHECK(parse_duration("90m") == 90min);
    CHECK(parse_duration("24h") == 24h);
    CHECK(parse_duration("7d") == 168h);
    CHECK(parse_duration("2w") == 336h);
    CHECK(parse_duration("1h30m") == 90min);
    CHECK(parse_duration("45s") == 45s);
    CHECK_FALSE(parse_duration("90"));
    CHECK_FALSE(parse_duration(""));
    CHECK_FALSE(parse_duration("h"));
    CHECK_FALSE(parse_duration("5y"));
    CHECK_FALSE(parse_duration("-5m"));
    CHECK(frr::core::format_duration(86400s) == "1d");
    CHECK(frr::core::format_duration(5400s) == "1h30m");
    CHECK_THROWS_AS(frr::core::parse_duration_or_throw("abc", "--since", true), frr::core::Error);
}

TEST_CASE("ISO-8601 round trip and offsets")
{
    using frr::core::format_iso8601;
    using frr::core::parse_iso8601;
    auto t = parse_iso8601("2026-11-27T06:00:00Z");
    REQUIRE(t);
    CHECK(format_iso8601(*t) == "2026-11-27T06:00:00Z");
    CHECK(parse_iso8601("2026-11-27T07:00:00+01:00") == t);
    CHECK(parse_iso8601("2026-11-27T06:00:00.123456+00:00") == t);
    CHECK(format_iso8601(*parse_iso8601("2026-11-27")) == "2026-11-27T00:00:00Z");
    CHECK_FALSE(parse_iso8601("2026-13-01T00:00:00Z"));
    CHECK_FALSE(parse_iso8601("yesterday"));
    CHECK_FALSE(parse_iso8601("2026-11-27T06:00:00Q"));
}

TEST_CASE("ISO-8601 in the form frr writes reads as the general form does")
{
    using frr::core::format_iso8601;
    using frr::core::parse_iso8601;
    // "...Z" takes the quick path, "...+00:00" the general one: the same instant or both nothing.
    const std::string texts[] = {
        "2026-11-27T06:00:00", "1970-01-01T00:00:00", "2024-02-29T23:59:59", "2026-02-29T00:00:00",
        "2026-04-31T12:00:00", "2026-12-31T23:59:60", "2026-06-30T24:00:00", "2026-06-30T23:60:00",
        "2026-06-30T23:59:61", "0000-01-01T00:00:00", "9999-12-31T23:59:59", "2026-00-10T00:00:00",
        "2026-01-00T00:00:00", "2026-1a-10T00:00:00", "2026-10-10T0x:00:00", "20x6-10-10T00:00:00",
        "2100-02-29T00:00:00", "2000-02-29T00:00:00", "1969-12-31T23:59:59",
    };
    for (const auto& t : texts) {
        INFO(t);
        CHECK(parse_iso8601(t + "Z") == parse_iso8601(t + "+00:00"));
    }
    // Every fifth day from year 0 to 9999 at a moving time of day (leap rules, eras, the epoch).
    for (long day = -719528; day < 2932897; day += 5) {
        const auto at =
            frr::core::TimePoint{std::chrono::seconds{day * 86400 + ((day * 3671) % 86400 + 86400) % 86400}};
        const auto text = format_iso8601(at);
        REQUIRE(text.size() == 20);
        if (parse_iso8601(text) != at)
            FAIL(text);
    }
    CHECK(parse_iso8601("0000-02-29T12:00:00Z") == parse_iso8601("0000-02-29T12:00:00+00:00"));
    CHECK(parse_iso8601("2024-02-29T23:59:59Z"));
    CHECK_FALSE(parse_iso8601("2026-02-29T00:00:00Z"));
    CHECK_FALSE(parse_iso8601("2026-10-10T0x:00:00Z"));
    CHECK(parse_iso8601("2026-12-31T23:59:60Z") == parse_iso8601("2027-01-01T00:00:00Z"));
}

TEST_CASE("ISO-8601 text without allocating is the date library's, digit for digit")
{
    using namespace std::chrono;
    // Every fifth day of four centuries (leap rules) at a moving time of day, the epoch's edges and the
    // four-digit limits; outside four digits the date library's own rendering is kept.
    std::vector<frr::core::TimePoint> times;
    for (int d = -146097 * 3; d < 146097; d += 5)
        times.push_back(frr::core::TimePoint{sys_days{days{d}}} +
                        seconds{((static_cast<long long>(d) * 7919) % 86400 + 86400) % 86400});
    for (const char* edge : {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "0000-01-01T00:00:00Z",
                             "9999-12-31T23:59:59Z", "2024-02-29T12:34:56Z"})
        times.push_back(*frr::core::parse_iso8601(edge));
    times.push_back(frr::core::TimePoint{sys_days{year{10000} / 1 / 1}});
    times.push_back(frr::core::TimePoint{sys_days{year{-1} / 12 / 31}} + hours{5});
    for (auto t : times) {
        const auto want = date::format("%FT%TZ", t);
        if (frr::core::iso8601_text(t).view() != want) {
            FAIL_CHECK(want << " rendered " << frr::core::iso8601_text(t).view());
            break;
        }
        if (frr::core::format_iso8601(t) != want) {
            FAIL_CHECK(want << " formatted " << frr::core::format_iso8601(t));
            break;
        }
    }
    CHECK(frr::core::iso8601_text(*frr::core::parse_iso8601("2026-11-27T06:00:00Z")).view() ==
          "2026-11-27T06:00:00Z");
}

TEST_CASE("store-local days across the DST switch")
{
    using frr::core::local_date;
    using frr::core::local_midnight;
    using frr::core::parse_iso8601;
    // British Summer Time ends 2026-10-25 at 01:00 UTC.
    CHECK(local_date(*parse_iso8601("2026-10-24T23:30:00Z"), "Europe/London") == "2026-10-25");
    CHECK(local_date(*parse_iso8601("2026-10-25T23:30:00Z"), "Europe/London") == "2026-10-25");
    CHECK(local_midnight("2026-10-25", "Europe/London") == *parse_iso8601("2026-10-24T23:00:00Z"));
    CHECK(local_midnight("2026-10-26", "Europe/London") == *parse_iso8601("2026-10-26T00:00:00Z"));
    CHECK(frr::core::add_days("2026-10-31", 1) == "2026-11-01");
    CHECK_THROWS_AS(local_date(*parse_iso8601("2026-10-24T23:30:00Z"), "Nowhere/Land"), frr::core::Error);
}

TEST_CASE("exit code precedence follows the contract")
{
    using frr::core::ExitCode;
    using frr::core::worst_of;
    CHECK(worst_of(ExitCode::health_critical, ExitCode::partial) == ExitCode::partial);
    CHECK(worst_of(ExitCode::paused, ExitCode::partial) == ExitCode::paused);
    CHECK(worst_of(ExitCode::delivery_failed, ExitCode::paused) == ExitCode::delivery_failed);
    CHECK(worst_of(ExitCode::credentials, ExitCode::delivery_failed) == ExitCode::credentials);
    CHECK(worst_of(ExitCode::internal, ExitCode::config) == ExitCode::internal);
    CHECK(worst_of({ExitCode::ok, ExitCode::health_warn, ExitCode::health_critical}) ==
          ExitCode::health_critical);
    CHECK(frr::core::exit_codes_help().find(" 75  temporary") != std::string::npos);
}
