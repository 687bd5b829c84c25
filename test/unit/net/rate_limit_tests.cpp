#include "net/rate_limit.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

using namespace frr::net;
using namespace std::chrono_literals;

namespace {
const SteadyTime t0{};  // an arbitrary origin of the steady clock
}

TEST_CASE("CostBucket imposes no wait until it has learned the bucket", "[rate]")
{
    CostBucket bucket;
    CHECK_FALSE(bucket.learned());
    CHECK(bucket.wait_before(1000, t0) == 0ms);
    CHECK(bucket.reserve(1000, t0) == 0ms);
    CHECK_FALSE(bucket.estimate(t0).has_value());
}

TEST_CASE("CostBucket waits exactly for the refill a query needs", "[rate]")
{
    CostBucket bucket;
    bucket.observe(ThrottleStatus{2000.0, 100.0, 100.0}, t0);
    CHECK(bucket.learned());
    CHECK(bucket.wait_before(100, t0) == 0ms);
    CHECK(bucket.wait_before(352, t0) == 2520ms);       // 252 points at 100/s
    CHECK(bucket.wait_before(352, t0 + 1s) == 1520ms);  // the bucket kept refilling
    CHECK(bucket.wait_before(352, t0 + 3s) == 0ms);
    REQUIRE(bucket.estimate(t0 + 5s).has_value());
    CHECK(*bucket.estimate(t0 + 5s) == Approx(600.0));
    // Never above the maximum, however long it rests.
    CHECK(*bucket.estimate(t0 + 3600s) == Approx(2000.0));
    // A query dearer than the whole bucket waits for a full bucket (1900 points).
    CHECK(bucket.wait_before(5000, t0) == 19'000ms);
}

TEST_CASE("CostBucket reservations share the bucket between concurrent queries", "[rate]")
{
    CostBucket bucket;
    bucket.observe(ThrottleStatus{1000.0, 250.0, 50.0}, t0);
    CHECK(bucket.reserve(200, t0) == 0ms);     // 50 left
    CHECK(bucket.reserve(200, t0) == 3000ms);  // needs 150 more at 50/s; sent at t0+3s, 0 left
    CHECK(bucket.reserve(100, t0) == 5000ms);  // owed until t0+3s, then 100 points = 2 s
    CHECK(*bucket.estimate(t0 + 5s) == Approx(0.0));
    // The server's view replaces the model once every reserved query is answered.
    bucket.observe(ThrottleStatus{1000.0, 1000.0, 50.0}, t0 + 1s, 500);
    CHECK(bucket.wait_before(1000, t0 + 1s) == 0ms);
}

TEST_CASE("CostBucket keeps points in flight out of a server view that may predate them", "[rate]")
{
    CostBucket bucket;
    bucket.observe(ThrottleStatus{400.0, 400.0, 20.0}, t0);
    CHECK(bucket.reserve(300, t0) == 0ms);  // query A in flight
    CHECK(bucket.reserve(50, t0) == 0ms);   // query B in flight
    // B's answer was computed before A reached the server: it says 350 are left.
    bucket.observe(ThrottleStatus{400.0, 350.0, 20.0}, t0, 50);
    // A's 300 points are still owed: a 300-point query must wait for 250 points (12.5 s).
    CHECK(bucket.wait_before(300, t0) == 12'500ms);
    // A's answer arrives (it was charged); nothing is in flight any more.
    bucket.observe(ThrottleStatus{400.0, 60.0, 20.0}, t0 + 1s, 300);
    CHECK(*bucket.estimate(t0 + 1s) == Approx(60.0));
    // An answer without a throttleStatus still takes its points out of flight.
    CHECK(bucket.reserve(60, t0 + 1s) == 0ms);
    bucket.release(60);
    bucket.observe(ThrottleStatus{400.0, 400.0, 20.0}, t0 + 100s);
    CHECK(*bucket.estimate(t0 + 100s) == Approx(400.0));
}

TEST_CASE("CostBucket copes with a bucket reported as not refilling", "[rate]")
{
    CostBucket bucket;
    bucket.observe(ThrottleStatus{40.0, 0.0, 0.0}, t0);
    CHECK(bucket.wait_before(10, t0) == 1000ms);
}

TEST_CASE("CostBook lets one caller learn a document while the others wait for its cost", "[rate]")
{
    CostBook book;
    auto first = book.acquire("query A");
    CHECK(first.cost == 0.0);  // unknown: this caller is the learner

    std::atomic<double> second_cost{-1.0};
    std::thread second([&] { second_cost = book.acquire("query A").cost; });
    // A different document is not held up by A's learner.
    CHECK(book.acquire("query B").cost == 0.0);
    std::this_thread::sleep_for(50ms);
    CHECK(second_cost.load() == -1.0);  // still waiting for A's first answer

    book.learn("query A", 252.0);
    second.join();
    CHECK(second_cost.load() == 252.0);
    CHECK(book.acquire("query A").cost == 252.0);
}

TEST_CASE("CostBook hands learning on when a learner gives up without a cost", "[rate]")
{
    CostBook book;
    std::atomic<double> second_cost{-1.0};
    {
        auto first = book.acquire("query A");
        REQUIRE(first.cost == 0.0);
        std::thread second([&] {
            auto next = book.acquire("query A");  // the next learner, once the first gives up
            second_cost = next.cost;
        });
        std::this_thread::sleep_for(50ms);
        CHECK(second_cost.load() == -1.0);
        book.learn("query A", 0.0);  // an answer that named no cost teaches nothing
        std::this_thread::sleep_for(20ms);
        CHECK(second_cost.load() == -1.0);
        first = {};  // the learner gives up
        second.join();
    }
    CHECK(second_cost.load() == 0.0);
}

TEST_CASE("WindowLimiter enforces the burst window", "[rate]")
{
    WindowLimiter limiter(3, 100);
    CHECK(limiter.reserve(t0) == 0ms);
    CHECK(limiter.reserve(t0 + 100ms) == 0ms);
    CHECK(limiter.reserve(t0 + 200ms) == 0ms);
    // The fourth within a second waits until the first leaves the window.
    CHECK(limiter.wait_before(t0 + 300ms) == 700ms);
    CHECK(limiter.reserve(t0 + 300ms) == 700ms);  // booked at t0+1s
    CHECK(limiter.reserve(t0 + 300ms) == 800ms);  // after t0+100ms leaves: t0+1.1s
    CHECK(limiter.wait_before(t0 + 2s) == 0ms);
}

TEST_CASE("WindowLimiter enforces the steady window", "[rate]")
{
    WindowLimiter limiter(10, 15);  // Klaviyo XS-like steady limit
    auto now = t0;
    for (int i = 0; i < 15; ++i) {
        now += limiter.reserve(now);
        now += 100ms;
    }
    // Fifteen sends within the minute: the sixteenth waits for the first to age out.
    CHECK(now < t0 + 60s);
    CHECK(limiter.wait_before(now) == std::chrono::duration_cast<std::chrono::milliseconds>(t0 + 60s - now));
    CHECK(limiter.wait_before(t0 + 60s) == 0ms);
}

TEST_CASE("WindowLimiter record and wait_before agree", "[rate]")
{
    WindowLimiter limiter(2, 60);
    limiter.record(t0);
    limiter.record(t0 + 10ms);
    CHECK(limiter.wait_before(t0 + 10ms) == 990ms);
    limiter.record(t0 + 1000ms);
    CHECK(limiter.wait_before(t0 + 1000ms) == 10ms);
}

TEST_CASE("WindowLimiter corrects itself from RateLimit headers", "[rate]")
{
    WindowLimiter limiter(10, 150);
    // Another client of the same account used most of the minute.
    limiter.observe_headers(150, 2, 40s, t0);
    CHECK(limiter.reserve(t0) == 0ms);
    CHECK(limiter.reserve(t0 + 200ms) == 0ms);
    CHECK(limiter.wait_before(t0 + 300ms) == 39'700ms);
    CHECK(limiter.wait_before(t0 + 40s) == 0ms);

    // The server's limit is authoritative for the steady window.
    HttpResult answer{
        HttpResponse{
            200,
            {{"ratelimit-limit", "750;w=60"}, {"ratelimit-remaining", "700"}, {"ratelimit-reset", "30"}},
            ""},
        std::nullopt};
    limiter.observe(answer, t0 + 41s);
    CHECK(limiter.steady() == 750);
}

TEST_CASE("WindowLimiter holds sends until a 429's Retry-After passes", "[rate]")
{
    WindowLimiter limiter(10, 150);
    HttpResult throttled{HttpResponse{429, {{"retry-after", "5"}}, ""}, std::nullopt};
    limiter.observe(throttled, t0);
    CHECK(limiter.wait_before(t0 + 1s) == 4000ms);
    CHECK(limiter.reserve(t0 + 1s) == 4000ms);
    // A 429 without Retry-After leaves pacing to the retry policy's backoff.
    WindowLimiter other(10, 150);
    other.observe(HttpResult{HttpResponse{429, {}, ""}, std::nullopt}, t0);
    CHECK(other.wait_before(t0) == 0ms);
}

TEST_CASE("WindowLimiter reservations from many threads never overfill a window", "[rate]")
{
    WindowLimiter limiter(5, 20);
    std::mutex mutex;
    std::vector<SteadyTime> sends;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 10; ++i) {
                const auto at = t0 + limiter.reserve(t0);
                std::lock_guard lock(mutex);
                sends.push_back(at);
            }
        });
    for (auto& thread : threads)
        thread.join();
    std::sort(sends.begin(), sends.end());
    REQUIRE(sends.size() == 40);
    for (std::size_t i = 0; i + 5 < sends.size(); ++i)
        CHECK(sends[i + 5] - sends[i] >= 1s);
    for (std::size_t i = 0; i + 20 < sends.size(); ++i)
        CHECK(sends[i + 20] - sends[i] >= 60s);
    // 40 sends at 20 a minute: the last goes out exactly a minute after the first 20.
    CHECK(sends.back() == t0 + 60s + 3s);
}
