#include "net/executor.hpp"

#include "core/clock.hpp"
#include "core/random.hpp"
#include "net/rate_limit.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <deque>
#include <string>

using namespace frr::net;
using namespace std::chrono_literals;

namespace {

// Answers from a script, one per send, and remembers how many were sent.
class ScriptedTransport final : public HttpTransport {
public:
    explicit ScriptedTransport(std::deque<HttpResult> script) : m_script(std::move(script)) { }
    HttpResult send(const HttpRequest&) override
    {
        ++sent;
        if (m_script.empty())
            return HttpResult{HttpResponse{200, {}, "fallback"}, std::nullopt};
        auto next = std::move(m_script.front());
        m_script.pop_front();
        return next;
    }
    int sent = 0;

private:
    std::deque<HttpResult> m_script;
};

HttpResult status(long code, std::string body = {}, Headers headers = {})
{
    return HttpResult{HttpResponse{code, std::move(headers), std::move(body)}, std::nullopt};
}

HttpResult failure(TransportErrorKind kind)
{
    return HttpResult{std::nullopt, TransportError{kind, "simulated"}};
}

RetryPolicy policy(int attempts)
{
    RetryOptions options;
    options.max_attempts = attempts;
    options.base_delay = 1000ms;
    options.max_delay = 10'000ms;
    return RetryPolicy(options);
}

HttpRequest request()
{
    HttpRequest r;
    r.url = "https://a.klaviyo.com/api/events";
    return r;
}

}  // namespace

TEST_CASE("execute retries a 503 then succeeds and counts it", "[executor]")
{
    ScriptedTransport transport({status(503), status(503), status(200, "ok")});
    frr::core::FakeSleeper sleeper;
    frr::core::SeededRandom random(3), replay(3);
    RequestStats stats;
    const auto p = policy(5);

    auto out = execute(transport, request(), p, sleeper, random, stats);
    REQUIRE(out.result.ok());
    CHECK(out.result.response->body == "ok");
    CHECK(out.attempts == 3);
    CHECK_FALSE(out.gave_up());

    const auto first = p.next_delay(1, std::nullopt, replay);
    const auto expected = first + p.next_delay(2, std::nullopt, replay);
    CHECK(sleeper.total_slept() == expected);
    auto counts = stats.snapshot();
    CHECK(counts.requests == 3);
    CHECK(counts.retries == 2);
    CHECK(counts.throttled == 0);
    CHECK(counts.bytes_received == 2);
    CHECK(counts.wait_seconds == Approx(static_cast<double>(expected.count()) / 1000.0));
}

TEST_CASE("execute gives up after max attempts and returns the last answer", "[executor]")
{
    ScriptedTransport transport({failure(TransportErrorKind::reset), status(502), status(504), status(200)});
    frr::core::FakeSleeper sleeper;
    frr::core::SeededRandom random(9);
    RequestStats stats;

    auto out = execute(transport, request(), policy(3), sleeper, random, stats);
    CHECK(transport.sent == 3);
    CHECK(out.attempts == 3);
    CHECK(out.gave_up());
    REQUIRE(out.result.ok());
    CHECK(out.result.response->status == 504);
    auto counts = stats.snapshot();
    CHECK(counts.requests == 3);
    CHECK(counts.retries == 2);
    CHECK(counts.transport_errors == 1);
}

TEST_CASE("execute does not retry a final answer", "[executor]")
{
    ScriptedTransport transport({status(404)});
    frr::core::FakeSleeper sleeper;
    frr::core::SeededRandom random(1);
    RequestStats stats;
    auto out = execute(transport, request(), policy(5), sleeper, random, stats);
    CHECK(out.attempts == 1);
    CHECK(out.result.response->status == 404);
    CHECK(sleeper.total_slept() == 0ms);

    ScriptedTransport tls({failure(TransportErrorKind::tls)});
    auto refused = execute(tls, request(), policy(5), sleeper, random, stats);
    CHECK(refused.attempts == 1);
    CHECK(refused.result.error->kind == TransportErrorKind::tls);
}

TEST_CASE("execute honours Retry-After on a 429 and counts it as throttled", "[executor]")
{
    ScriptedTransport transport({status(429, "", {{"retry-after", "7"}}), status(200)});
    frr::core::FakeSleeper sleeper;
    frr::core::SeededRandom random(1);
    RequestStats stats;
    auto out = execute(transport, request(), policy(5), sleeper, random, stats);
    CHECK(out.attempts == 2);
    CHECK(sleeper.total_slept() == 7000ms);
    CHECK(stats.snapshot().throttled == 1);
    CHECK(stats.snapshot().wait_seconds == Approx(7.0));
}

TEST_CASE("execute gives throttled answers their own budget, apart from max attempts", "[executor]")
{
    std::deque<HttpResult> script(6, status(429));
    script.push_back(status(200));
    ScriptedTransport transport(script);
    frr::core::FakeSleeper sleeper;
    frr::core::SeededRandom random(3);
    RequestStats stats;
    auto out = execute(transport, request(), policy(2), sleeper, random, stats);
    CHECK(out.result.ok());
    CHECK(out.attempts == 7);
    CHECK(stats.snapshot().throttled == 6);

    RetryOptions strict;
    strict.max_attempts = 5;
    strict.max_throttled = 3;
    ScriptedTransport storm(std::deque<HttpResult>(10, status(429)));
    auto gave_up = execute(storm, request(), RetryPolicy(strict), sleeper, random, stats);
    CHECK(gave_up.attempts == 3);
    CHECK(gave_up.verdict == Verdict::throttled);
}

TEST_CASE("execute lets the caller classify a 200 as throttled", "[executor]")
{
    const std::string throttled_body =
        R"({"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}]})";
    ScriptedTransport transport({status(200, throttled_body), status(200, "{\"data\":{}}")});
    frr::core::FakeSleeper sleeper;
    frr::core::SeededRandom random(5);
    RequestStats stats;
    Classifier shopify = [](const HttpResult& r) {
        if (r.response && r.response->status == 200 &&
            r.response->body.find("\"THROTTLED\"") != std::string::npos)
            return Verdict::throttled;
        return classify_result(r);
    };
    auto out = execute(transport, request(), policy(4), sleeper, random, stats, shopify);
    CHECK(out.attempts == 2);
    CHECK(out.result.response->body == "{\"data\":{}}");
    CHECK(stats.snapshot().throttled == 1);
    CHECK(stats.snapshot().retries == 1);
}

TEST_CASE("execute paces every attempt through the pacer", "[executor]")
{
    ScriptedTransport transport({status(200), status(200), status(200)});
    frr::core::FakeSleeper sleeper;
    frr::core::SeededRandom random(5);
    RequestStats stats;
    WindowLimiter limiter(1, 60);
    RequestContext context{transport, policy(3), sleeper, random, stats, &limiter};
    for (int i = 0; i < 3; ++i)
        REQUIRE(execute(context, request()).result.ok());
    // One per second: the second and third sends each waited a full second.
    CHECK(sleeper.total_slept() == 2000ms);
    CHECK(stats.snapshot().wait_seconds == Approx(2.0));
    CHECK(stats.snapshot().requests == 3);
}

TEST_CASE("execute reserves Shopify query cost before every attempt", "[executor]")
{
    ScriptedTransport transport({status(200, "THROTTLED"), status(200, "{\"data\":{}}")});
    frr::core::FakeSleeper sleeper;
    frr::core::SeededRandom random(5), replay(5);
    RequestStats stats;
    CostBucket bucket;
    bucket.observe(ThrottleStatus{1000.0, 100.0, 50.0}, sleeper.steady_now());
    CostPacer pacer(bucket, 200.0);
    Classifier shopify = [&](const HttpResult& r) {
        if (r.response && r.response->body == "THROTTLED") {
            // The connector reads throttleStatus from the body and teaches the bucket.
            bucket.observe(ThrottleStatus{1000.0, 0.0, 50.0}, sleeper.steady_now());
            return Verdict::throttled;
        }
        return classify_result(r);
    };
    const auto p = policy(3);
    auto out = execute(transport, request(), p, sleeper, random, stats, shopify, &pacer);
    CHECK(out.attempts == 2);
    // 2 s for the first 100 missing points; after THROTTLED, backoff, then the
    // bucket's refill for 200 points counted from the THROTTLED answer.
    const auto backoff = p.next_delay(1, std::nullopt, replay);
    const auto refill = std::max(std::chrono::milliseconds{0}, 4000ms - backoff);
    CHECK(sleeper.total_slept() == 2000ms + backoff + refill);
    CHECK(stats.snapshot().throttled == 1);
}
