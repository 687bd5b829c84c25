// Klaviyo's per-endpoint rate limits (api/klaviyo.md §5): two fixed windows, 1 s (burst) and
// 60 s (steady), counted per account (all private keys of an account share them) or per OAuth
// app install, separately for each endpoint bucket.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace frr::sim::klaviyo {

// Requests per window, as in `x-klaviyo-ratelimit` (`{"burst":"75/s","steady":"750/m"}`).
// A third, daily window exists for a few endpoints (the Reporting API: `"daily":"225/d"`).
struct RateLimit {
    int burst_per_second = 0;
    int steady_per_minute = 0;
    int daily = 0;  // requests per day; 0 = no daily window
};

// Window lengths. SimContext::scaled() stretches or shrinks them (the counts stay as
// documented, so headers keep the real numbers while tests need not wait real minutes).
struct WindowSpans {
    std::chrono::nanoseconds burst{std::chrono::seconds(1)};
    std::chrono::nanoseconds steady{std::chrono::seconds(60)};
    std::chrono::nanoseconds daily{std::chrono::hours(24)};
};

// What the limiter decided for one request. Header values describe the steady window (§5).
struct RateDecision {
    bool allowed = true;
    int limit = 0;                // RateLimit-Limit: steady requests per window
    int remaining = 0;            // RateLimit-Remaining: left in the current steady window
    int reset_seconds = 0;        // RateLimit-Reset: whole seconds (>= 1) until it resets
    int retry_after_seconds = 0;  // 429 only: whole seconds (>= 1) until the exhausted window resets
};

// Thread-safe. Policy only: decides and counts, never sleeps; time comes from the caller
// (SimContext's limiter clock). A window opens at the first request after the previous one
// closed and lasts its span (a fixed window, anchored so that back-to-back requests in a test
// always share it). A rejected request is not counted.
class RateLimiter {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    // `owner`: the quota holder (account, or an OAuth app install); `bucket`: the endpoint (and
    // variant, e.g. "get_list:profile_count") whose limit applies.
    RateDecision admit(const std::string& owner, const std::string& bucket, RateLimit limit, TimePoint now,
                       WindowSpans spans = {});

private:
    struct Window {
        TimePoint opened{};
        bool open = false;
        int used = 0;
    };
    struct Counters {
        Window burst;
        Window steady;
        Window daily;
    };

    std::mutex m_mutex;
    std::map<std::pair<std::string, std::string>, Counters> m_counters;
};

}  // namespace frr::sim::klaviyo
