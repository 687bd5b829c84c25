#include "net/retry.hpp"

#include "core/random.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace frr::net;
using namespace std::chrono_literals;
using std::chrono::milliseconds;

namespace {

RetryPolicy policy()
{
    RetryOptions options;
    options.max_attempts = 4;
    options.base_delay = 500ms;
    options.max_delay = 8000ms;
    options.max_retry_after = 30'000ms;
    return RetryPolicy(options);
}

}  // namespace

TEST_CASE("RetryPolicy backoff ceiling doubles from the base up to the cap", "[retry]")
{
    auto p = policy();
    CHECK(p.backoff_ceiling(1) == 500ms);
    CHECK(p.backoff_ceiling(2) == 1000ms);
    CHECK(p.backoff_ceiling(3) == 2000ms);
    CHECK(p.backoff_ceiling(5) == 8000ms);
    CHECK(p.backoff_ceiling(6) == 8000ms);
    CHECK(p.backoff_ceiling(1000) == 8000ms);
}

TEST_CASE("RetryPolicy full jitter draws exactly uniform times the ceiling", "[retry]")
{
    auto p = policy();
    frr::core::SeededRandom random(42);
    frr::core::SeededRandom replay(42);
    for (int attempt = 1; attempt <= 8; ++attempt) {
        const auto expected = milliseconds{static_cast<milliseconds::rep>(
            std::floor(replay.uniform() * static_cast<double>(p.backoff_ceiling(attempt).count())))};
        CHECK(p.next_delay(attempt, std::nullopt, random) == expected);
    }
}

TEST_CASE("RetryPolicy full jitter stays within zero and the capped ceiling", "[retry]")
{
    auto p = policy();
    frr::core::SeededRandom random(7);
    milliseconds smallest{1'000'000}, largest{0};
    for (int i = 0; i < 2000; ++i) {
        const int attempt = 1 + i % 10;
        auto d = p.next_delay(attempt, std::nullopt, random);
        CHECK(d >= 0ms);
        CHECK(d <= p.backoff_ceiling(attempt));
        smallest = std::min(smallest, d);
        largest = std::max(largest, d);
    }
    // Full jitter really spreads: near zero and near the cap both occur.
    CHECK(smallest < 50ms);
    CHECK(largest > 7000ms);
}

TEST_CASE("RetryPolicy honours Retry-After and caps it", "[retry]")
{
    auto p = policy();
    frr::core::SeededRandom random(1);
    CHECK(p.next_delay(1, 7000ms, random) == 7000ms);
    CHECK(p.next_delay(3, 0ms, random) == 0ms);
    CHECK(p.next_delay(1, 120'000ms, random) == 30'000ms);
    CHECK(p.may_retry(3));
    CHECK_FALSE(p.may_retry(4));
}

TEST_CASE("parse_retry_after reads seconds and HTTP dates", "[retry]")
{
    CHECK(parse_retry_after("120", std::nullopt) == milliseconds{120'000});
    CHECK(parse_retry_after(" 0 ", std::nullopt) == 0ms);
    CHECK_FALSE(parse_retry_after("", std::nullopt).has_value());
    CHECK_FALSE(parse_retry_after("soon", std::nullopt).has_value());
    CHECK_FALSE(parse_retry_after("-5", std::nullopt).has_value());
    CHECK_FALSE(parse_retry_after("1.5", parse_http_date("Wed, 21 Oct 2026 07:28:00 GMT")).has_value());
    CHECK_FALSE(parse_http_date("12:00").has_value());

    auto reference = parse_http_date("Wed, 21 Oct 2026 07:28:00 GMT");
    REQUIRE(reference.has_value());
    CHECK(parse_retry_after("Wed, 21 Oct 2026 07:28:30 GMT", reference) == 30'000ms);
    CHECK(parse_retry_after("Wednesday, 21-Oct-26 07:29:00 GMT", reference) == 60'000ms);
    CHECK(parse_retry_after("Wed, 21 Oct 2026 07:00:00 GMT", reference) == 0ms);
    // A date without a reference cannot be turned into a delay.
    CHECK_FALSE(parse_retry_after("Wed, 21 Oct 2026 07:28:30 GMT", std::nullopt).has_value());
}

TEST_CASE("retry_after_of measures a date against the response's Date header", "[retry]")
{
    HttpResponse response;
    response.status = 503;
    response.headers = {{"date", "Fri, 27 Nov 2026 06:00:00 GMT"},
                        {"retry-after", "Fri, 27 Nov 2026 06:00:05 GMT"}};
    CHECK(retry_after_of(response) == 5000ms);
    response.headers = {{"retry-after", "3"}};
    CHECK(retry_after_of(response) == 3000ms);
    response.headers.clear();
    CHECK_FALSE(retry_after_of(response).has_value());
}

TEST_CASE("classify_status separates throttled and transient from final", "[retry]")
{
    CHECK(classify_status(429) == Verdict::throttled);
    for (long s : {408L, 425L, 500L, 502L, 503L, 504L, 520L, 521L, 522L, 523L, 524L, 530L})
        CHECK(classify_status(s) == Verdict::retry);
    for (long s : {200L, 201L, 204L, 301L, 400L, 401L, 402L, 403L, 404L, 422L, 423L, 501L, 505L, 540L})
        CHECK(classify_status(s) == Verdict::done);
}

TEST_CASE("classify_error retries only transient transport failures", "[retry]")
{
    CHECK(classify_error(TransportErrorKind::connect) == Verdict::retry);
    CHECK(classify_error(TransportErrorKind::timeout) == Verdict::retry);
    CHECK(classify_error(TransportErrorKind::reset) == Verdict::retry);
    CHECK(classify_error(TransportErrorKind::tls) == Verdict::done);
    CHECK(classify_error(TransportErrorKind::insecure_url) == Verdict::done);
    CHECK(classify_error(TransportErrorKind::stopped) == Verdict::done);
    CHECK(classify_error(TransportErrorKind::other) == Verdict::done);

    HttpResult failed{std::nullopt, TransportError{TransportErrorKind::reset, "dropped"}};
    CHECK(classify_result(failed) == Verdict::retry);
    HttpResult answered{HttpResponse{503, {}, ""}, std::nullopt};
    CHECK(classify_result(answered) == Verdict::retry);
}
