#pragma once
// When to try a request again and how long to wait first. The policy only
// computes: it returns a delay and the caller sleeps (executor.hpp does).
//
// Backoff is exponential with FULL jitter (AWS architecture blog, "Exponential
// Backoff and Jitter"): after failed attempt n (1-based) the delay is
// uniform(0, min(max_delay, base_delay * 2^(n-1))). A server's Retry-After, when
// present, replaces the backoff (capped at max_retry_after) because the server
// knows when capacity returns.
#include "core/clock.hpp"
#include "net/http.hpp"

#include <chrono>
#include <optional>
#include <string_view>

namespace frr::core {
class Random;
}

namespace frr::net {

// How a result should be treated.
enum class Verdict {
    done,       // a final answer (success or an error not worth repeating)
    retry,      // transient: try again after a backoff
    throttled,  // rate limited: try again, and count it as throttled
};

struct RetryOptions {
    int max_attempts = 5;  // including the first; 1 means never retry
    // Throttled answers (429, Shopify THROTTLED) have their own, larger budget: a rate limit
    // says "later", not "broken", and a storm of them must not exhaust max_attempts.
    int max_throttled = 20;
    std::chrono::milliseconds base_delay{500};
    std::chrono::milliseconds max_delay{60'000};         // cap of the backoff
    std::chrono::milliseconds max_retry_after{120'000};  // cap of a server's Retry-After
};

class RetryPolicy {
public:
    RetryPolicy() = default;
    explicit RetryPolicy(RetryOptions options);

    const RetryOptions& options() const { return m_options; }
    // True when another attempt is allowed after `failures` transient failures.
    bool may_retry(int failures) const { return failures < m_options.max_attempts; }
    // True when another attempt is allowed after `throttles` throttled answers.
    bool may_retry_throttled(int throttles) const { return throttles < m_options.max_throttled; }

    // The wait after failed attempt `attempt` (1-based). A `retry_after` from the
    // server is honoured (capped at max_retry_after); otherwise full-jitter
    // backoff drawing one number from `random`.
    std::chrono::milliseconds next_delay(int attempt, std::optional<std::chrono::milliseconds> retry_after,
                                         core::Random& random) const;
    // The backoff ceiling for `attempt`: min(max_delay, base_delay * 2^(attempt-1)).
    std::chrono::milliseconds backoff_ceiling(int attempt) const;

private:
    RetryOptions m_options;
};

// Retry-After is either delta-seconds ("120") or an HTTP-date. A date is
// measured against `reference` (the response's own Date header is the right
// reference: it cancels clock skew); without one, a date yields nullopt.
// Past dates yield zero; garbage yields nullopt.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::optional<core::TimePoint> reference);
// An HTTP-date (IMF-fixdate, RFC 850 or asctime) as a UTC instant.
std::optional<core::TimePoint> parse_http_date(std::string_view value);
// The response's Retry-After, resolved against its Date header.
std::optional<std::chrono::milliseconds> retry_after_of(const HttpResponse& response);

// 429 is throttled; 408, 425, 500, 502, 503, 504, 520-524 and 530 are worth
// another try; every other status is final (other 4xx are the caller's fault
// and repeating them changes nothing).
Verdict classify_status(long status);
// connect, timeout and reset are transient; tls, insecure_url, stopped and other are not.
Verdict classify_error(TransportErrorKind kind);
// The default classification of a whole result.
Verdict classify_result(const HttpResult& result);

}  // namespace frr::net
