#pragma once
// Pacing before each attempt: a rate limiter seen from the executor. A Pacer
// computes, never sleeps: reserve() answers how long to wait before the next
// send and counts that send as made at (now + wait), so concurrent callers
// each get their own slot instead of all seeing "go" at once.
#include "net/http.hpp"

#include <chrono>

namespace frr::net {

using SteadyTime = std::chrono::steady_clock::time_point;

class Pacer {
public:
    virtual ~Pacer() = default;
    virtual std::chrono::milliseconds reserve(SteadyTime now) = 0;
    // Learns from an answer (rate-limit headers, a 429's Retry-After).
    virtual void observe(const HttpResult& result, SteadyTime now) = 0;
    // True when the last observed answer was a throttle whose end the pacer knows (Shopify's
    // throttleStatus): the next reserve() waits exactly for it, and the executor adds no backoff.
    virtual bool paces_retry() const { return false; }
};

}  // namespace frr::net
