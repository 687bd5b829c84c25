#include "rate_limiter.hpp"

#include <algorithm>

namespace frr::sim::klaviyo {

namespace {

void roll(RateLimiter::TimePoint now, std::chrono::nanoseconds span, auto& window)
{
    if (!window.open || now >= window.opened + span || now < window.opened) {
        window.opened = now;
        window.open = true;
        window.used = 0;
    }
}

// Whole seconds until `deadline`, rounded up, at least 1 (a client that waits this long is
// guaranteed a fresh window).
int seconds_until(RateLimiter::TimePoint now, RateLimiter::TimePoint deadline)
{
    const auto left = std::chrono::ceil<std::chrono::seconds>(deadline - now).count();
    return static_cast<int>(std::max<std::int64_t>(1, left));
}

}  // namespace

RateDecision RateLimiter::admit(const std::string& owner, const std::string& bucket, RateLimit limit,
                                TimePoint now, WindowSpans spans)
{
    const std::lock_guard lock(m_mutex);
    Counters& counters = m_counters[{owner, bucket}];
    roll(now, spans.burst, counters.burst);
    roll(now, spans.steady, counters.steady);
    roll(now, spans.daily, counters.daily);

    RateDecision decision;
    decision.limit = limit.steady_per_minute;
    decision.reset_seconds = seconds_until(now, counters.steady.opened + spans.steady);
    if (limit.daily > 0 && counters.daily.used >= limit.daily) {
        decision.allowed = false;
        decision.retry_after_seconds = seconds_until(now, counters.daily.opened + spans.daily);
    } else if (counters.steady.used >= limit.steady_per_minute) {
        decision.allowed = false;
        decision.retry_after_seconds = decision.reset_seconds;
    } else if (counters.burst.used >= limit.burst_per_second) {
        decision.allowed = false;
        decision.retry_after_seconds = seconds_until(now, counters.burst.opened + spans.burst);
    } else {
        ++counters.burst.used;
        ++counters.steady.used;
        ++counters.daily.used;
    }
    decision.remaining = std::max(0, limit.steady_per_minute - counters.steady.used);
    return decision;
}

}  // namespace frr::sim::klaviyo
