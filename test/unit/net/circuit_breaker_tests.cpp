#include "net/circuit_breaker.hpp"

#include "core/error.hpp"
#include "core/time.hpp"

#include <catch2/catch.hpp>

using namespace frr::net;
using namespace std::chrono_literals;

namespace {

frr::core::TimePoint at(const char* iso)
{
    return frr::core::parse_iso8601_or_throw(iso, "test time");
}

CircuitBreaker opened_breaker()
{
    CircuitBreaker breaker(BreakerConfig{3, 3600s, 0});
    for (const char* t : {"2026-11-25T06:00:00Z", "2026-11-26T06:00:00Z", "2026-11-27T06:00:00Z"}) {
        REQUIRE(breaker.decide(at(t)) == BreakerDecision::run);
        breaker.record_failure(at(t), "klaviyo answered 503 to every request");
    }
    return breaker;
}

}  // namespace

TEST_CASE("CircuitBreaker opens after N consecutive failed runs", "[breaker]")
{
    CircuitBreaker breaker(BreakerConfig{3, 3600s, 0});
    breaker.record_failure(at("2026-11-25T06:00:00Z"), "down");
    breaker.record_failure(at("2026-11-26T06:00:00Z"), "down");
    CHECK(breaker.state() == BreakerState::closed);
    CHECK(breaker.consecutive_failures() == 2);
    // A success in between starts the count again.
    breaker.record_success(at("2026-11-26T07:00:00Z"));
    CHECK(breaker.consecutive_failures() == 0);

    auto opened = opened_breaker();
    CHECK(opened.state() == BreakerState::open);
    CHECK(opened.opened_at() == at("2026-11-27T06:00:00Z"));
    CHECK(opened.retry_at() == at("2026-11-27T07:00:00Z"));
    CHECK(opened.last_failure() == "klaviyo answered 503 to every request");
}

TEST_CASE("CircuitBreaker skips while cooling down then lets one probe through", "[breaker]")
{
    auto breaker = opened_breaker();
    CHECK(breaker.decide(at("2026-11-27T06:30:00Z")) == BreakerDecision::skip);
    CHECK(breaker.decide(at("2026-11-27T06:59:59Z")) == BreakerDecision::skip);
    CHECK(breaker.state() == BreakerState::open);
    // A back-dated run counts as cooling down.
    CHECK(breaker.decide(at("2026-11-20T06:00:00Z")) == BreakerDecision::skip);
    CHECK(breaker.decide(at("2026-11-27T07:00:00Z")) == BreakerDecision::probe);
    CHECK(breaker.state() == BreakerState::half_open);
    // The probe's run crashed before reporting: the next run probes again.
    CHECK(breaker.decide(at("2026-11-27T07:05:00Z")) == BreakerDecision::probe);
}

TEST_CASE("CircuitBreaker half-open probe success closes it", "[breaker]")
{
    auto breaker = opened_breaker();
    REQUIRE(breaker.decide(at("2026-11-27T08:00:00Z")) == BreakerDecision::probe);
    breaker.record_success(at("2026-11-27T08:00:00Z"));
    CHECK(breaker.state() == BreakerState::closed);
    CHECK(breaker.consecutive_failures() == 0);
    CHECK_FALSE(breaker.retry_at().has_value());
    CHECK(breaker.decide(at("2026-11-27T08:01:00Z")) == BreakerDecision::run);
}

TEST_CASE("CircuitBreaker half-open probe failure reopens for a full cool-down", "[breaker]")
{
    auto breaker = opened_breaker();
    REQUIRE(breaker.decide(at("2026-11-27T08:00:00Z")) == BreakerDecision::probe);
    breaker.record_failure(at("2026-11-27T08:00:00Z"), "still down");
    CHECK(breaker.state() == BreakerState::open);
    CHECK(breaker.consecutive_failures() == 4);
    CHECK(breaker.opened_at() == at("2026-11-27T08:00:00Z"));
    CHECK(breaker.decide(at("2026-11-27T08:30:00Z")) == BreakerDecision::skip);
    CHECK(breaker.decide(at("2026-11-27T09:00:00Z")) == BreakerDecision::probe);
}

TEST_CASE("CircuitBreaker JSON round trip keeps every field", "[breaker]")
{
    auto breaker = opened_breaker();
    const auto json = breaker.to_json();
    CHECK(json.find("\"state\":\"open\"") != std::string::npos);
    auto loaded = CircuitBreaker::from_json(json, BreakerConfig{3, 3600s, 0}, "breaker.json");
    CHECK(loaded.state() == BreakerState::open);
    CHECK(loaded.consecutive_failures() == 3);
    CHECK(loaded.opened_at() == breaker.opened_at());
    CHECK(loaded.last_failure() == breaker.last_failure());
    CHECK(loaded.last_failure_at() == breaker.last_failure_at());
    CHECK(loaded.to_json() == json);

    CircuitBreaker fresh;
    auto closed = CircuitBreaker::from_json(fresh.to_json(), {}, "breaker.json");
    CHECK(closed.state() == BreakerState::closed);
    CHECK_FALSE(closed.opened_at().has_value());
}

TEST_CASE("CircuitBreaker with the default cool-down of one run fits a daily cron", "[breaker]")
{
    // Daily runs: three failed days open it, the fourth day is skipped (the paused
    // notice), the fifth probes. A cool-down in time (1h) would make every daily run a probe.
    CircuitBreaker breaker;
    REQUIRE(breaker.config().cool_down_runs == 1);
    for (const char* t : {"2026-11-28T06:00:00Z", "2026-11-29T06:00:00Z", "2026-11-30T06:00:00Z"}) {
        REQUIRE(breaker.decide(at(t)) == BreakerDecision::run);
        breaker.record_failure(at(t), "klaviyo answered 503");
    }
    CHECK(breaker.state() == BreakerState::open);
    CHECK(breaker.first_failure_at() == at("2026-11-28T06:00:00Z"));
    CHECK_FALSE(breaker.retry_at().has_value());
    CHECK(breaker.runs_before_probe() == 1);
    CHECK(breaker.decide(at("2026-12-01T06:00:00Z")) == BreakerDecision::skip);
    CHECK(breaker.runs_before_probe() == 0);
    CHECK_FALSE(breaker.notified());
    breaker.mark_notified();
    // The state survives the file between runs.
    auto loaded = CircuitBreaker::from_json(breaker.to_json(), {}, "breaker.json");
    CHECK(loaded.notified());
    CHECK(loaded.first_failure_at() == at("2026-11-28T06:00:00Z"));
    CHECK(loaded.decide(at("2026-12-02T06:00:00Z")) == BreakerDecision::probe);
    // A failed probe reopens it for another skipped run, in the same episode.
    loaded.record_failure(at("2026-12-02T06:00:00Z"), "still down");
    CHECK(loaded.state() == BreakerState::open);
    CHECK(loaded.notified());
    CHECK(loaded.first_failure_at() == at("2026-11-28T06:00:00Z"));
    CHECK(loaded.decide(at("2026-12-03T06:00:00Z")) == BreakerDecision::skip);
    CHECK(loaded.decide(at("2026-12-04T06:00:00Z")) == BreakerDecision::probe);
    loaded.record_success(at("2026-12-04T06:00:00Z"));
    CHECK(loaded.state() == BreakerState::closed);
    CHECK_FALSE(loaded.notified());
    CHECK_FALSE(loaded.first_failure_at().has_value());
}

TEST_CASE("CircuitBreaker with a cool-down of several runs skips that many", "[breaker]")
{
    CircuitBreaker breaker(BreakerConfig{1, 0s, 3});
    breaker.record_failure(at("2026-11-28T06:00:00Z"), "down");
    REQUIRE(breaker.state() == BreakerState::open);
    for (const char* t : {"2026-11-28T07:00:00Z", "2026-11-28T08:00:00Z", "2026-11-28T09:00:00Z"})
        CHECK(breaker.decide(at(t)) == BreakerDecision::skip);
    CHECK(breaker.decide(at("2026-11-28T10:00:00Z")) == BreakerDecision::probe);
}

TEST_CASE("CircuitBreaker refuses a corrupt state file with bad_input", "[breaker]")
{
    const char* corrupt[] = {
        "",
        "{\"state\":\"open\"",
        "[]",
        "{\"state\":\"ajar\",\"consecutive_failures\":1}",
        "{\"state\":\"closed\",\"consecutive_failures\":-1}",
        "{\"state\":\"open\",\"consecutive_failures\":3,\"opened_at\":null}",
        "{\"state\":\"open\",\"consecutive_failures\":3,\"opened_at\":\"yesterday\"}",
    };
    for (const char* text : corrupt) {
        INFO(text);
        try {
            CircuitBreaker::from_json(text, {}, "/state/breaker-klaviyo.json");
            FAIL("accepted a corrupt file");
        } catch (const frr::core::Error& e) {
            CHECK(e.code() == frr::core::ExitCode::bad_input);
            CHECK(e.where() == "/state/breaker-klaviyo.json");
            CHECK(e.remedy().find("delete /state/breaker-klaviyo.json") != std::string::npos);
        }
    }
}
