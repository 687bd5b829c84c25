// Cursors, revisions and the tier rate limiter (policies compute; tests assert exactly).
#include <catch2/catch.hpp>

#include <date/date.h>

#include "../base64.hpp"
#include "../klaviyo/api_error.hpp"
#include "../klaviyo/cursor.hpp"
#include "../klaviyo/iso_time.hpp"
#include "../klaviyo/rate_limiter.hpp"
#include "../klaviyo/revision.hpp"

using namespace frr::sim::klaviyo;
using namespace std::chrono_literals;

namespace {

int revision_status(const char* header, std::chrono::sys_days today)
{
    try {
        resolve_revision(header, today);
        return 200;
    } catch (const ApiError& e) {
        return e.status();
    }
}

}  // namespace

TEST_CASE("klaviyo cursor: round trip, binding to filter and sort, tamper detection")
{
    std::multimap<std::string, std::string> params{{"filter", "equals(metric_id,\"X\")"},
                                                   {"page[size]", "50"}};
    const auto binding = query_binding("/api/events/", params);
    CHECK(binding == query_binding("/api/events", params));
    params.emplace("unknown-extra", "1");
    CHECK(binding == query_binding("/api/events", params));
    params.emplace("sort", "-datetime");
    CHECK(binding != query_binding("/api/events", params));

    Cursor cursor{binding, CursorDirection::before, {1793629867, "a|b,c", "01ABC"}};
    const std::string text = encode_cursor(cursor);
    const Cursor back = decode_cursor(text, binding);
    CHECK(back.direction == CursorDirection::before);
    CHECK(back.position.number == 1793629867);
    CHECK(back.position.text == "a|b,c");
    CHECK(back.position.id == "01ABC");
    CHECK_THROWS_AS(decode_cursor(text, binding + 1), ApiError);
    CHECK_THROWS_AS(decode_cursor("not-a-cursor", binding), ApiError);
    CHECK_THROWS_AS(decode_cursor(frr::sim::base64_encode("hello"), binding), ApiError);
}

TEST_CASE("klaviyo revision: served, future, retired, between releases")
{
    const auto today = date::sys_days{date::year{2026} / 11 / 27};
    CHECK(resolve_revision("2026-07-15", today) == revision_of(2026, 7, 15));
    CHECK(resolve_revision("2026-07-15.pre", today) == revision_of(2026, 7, 15));
    CHECK(resolve_revision("2026-10-15", today) == revision_of(2026, 7, 15));
    CHECK(resolve_revision("2025-11-01", today) == revision_of(2025, 10, 15));
    CHECK(revision_status("2026-12-15", today) == 400);
    CHECK(revision_status("2024-10-15", today) == 410);
    CHECK(revision_status("", today) == 400);
    CHECK(revision_status("latest", today) == 400);
    CHECK(revision_status("2026-07-15.", today) == 400);
    CHECK_FALSE(events_page_size_supported(revision_of(2025, 10, 15)));
    CHECK(events_page_size_supported(revision_of(2026, 1, 15)));
    CHECK(large_tier_steady_per_minute(revision_of(2025, 10, 15)) == 700);
    CHECK(large_tier_steady_per_minute(revision_of(2026, 4, 15)) == 750);
}

TEST_CASE("klaviyo rate limiter: XS tier throttles at 1/s and 15/m and recovers")
{
    RateLimiter limiter;
    const RateLimit xs{1, 15};
    const RateLimiter::TimePoint t0{std::chrono::hours(1000)};
    auto first = limiter.admit("acct", "get_list:profile_count", xs, t0);
    CHECK(first.allowed);
    CHECK(first.limit == 15);
    CHECK(first.remaining == 14);
    CHECK(first.reset_seconds == 60);
    auto second = limiter.admit("acct", "get_list:profile_count", xs, t0 + 500ms);
    CHECK_FALSE(second.allowed);
    CHECK(second.retry_after_seconds == 1);
    // A different endpoint bucket and a different owner are independent.
    CHECK(limiter.admit("acct", "get_lists", xs, t0 + 500ms).allowed);
    CHECK(limiter.admit("oauth:install-2", "get_list:profile_count", xs, t0 + 500ms).allowed);
    for (int i = 1; i < 15; ++i) {
        INFO(i);
        CHECK(limiter.admit("acct", "get_list:profile_count", xs, t0 + std::chrono::seconds(i)).allowed);
    }
    auto exhausted = limiter.admit("acct", "get_list:profile_count", xs, t0 + 15s);
    CHECK_FALSE(exhausted.allowed);
    CHECK(exhausted.retry_after_seconds == 45);
    CHECK(exhausted.remaining == 0);
    CHECK_FALSE(limiter.admit("acct", "get_list:profile_count", xs, t0 + 59s).allowed);
    CHECK(limiter.admit("acct", "get_list:profile_count", xs, t0 + 60s).allowed);
}

TEST_CASE("klaviyo rate limiter: burst window of the S tier and scaled spans")
{
    RateLimiter limiter;
    const RateLimit s{3, 60};
    const RateLimiter::TimePoint t0{std::chrono::hours(5)};
    for (int i = 0; i < 3; ++i) {
        CHECK(limiter.admit("acct", "aggregates", s, t0).allowed);
    }
    auto throttled = limiter.admit("acct", "aggregates", s, t0 + 100ms);
    CHECK_FALSE(throttled.allowed);
    CHECK(throttled.retry_after_seconds == 1);
    CHECK(throttled.remaining == 57);
    CHECK(limiter.admit("acct", "aggregates", s, t0 + 1s).allowed);

    // Windows 20x longer: counts unchanged, waits reported in scaled whole seconds.
    const WindowSpans slow{20s, 1200s};
    RateLimiter scaled;
    CHECK(scaled.admit("acct", "x", RateLimit{1, 15}, t0, slow).allowed);
    auto wait = scaled.admit("acct", "x", RateLimit{1, 15}, t0 + 5s, slow);
    CHECK_FALSE(wait.allowed);
    CHECK(wait.retry_after_seconds == 15);
    CHECK(wait.reset_seconds == 1195);
}
