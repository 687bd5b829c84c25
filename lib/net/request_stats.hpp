#pragma once
// Request statistics of one platform for the snapshot manifest (CONTRACTS.md
// section 6: requests, retries, throttled, wait_seconds). One RequestStats per
// platform, shared by every thread fetching from it; updates are atomic.
#include <atomic>
#include <chrono>
#include <cstdint>

namespace frr::net {

// A consistent-enough copy for the manifest (each field read atomically).
struct RequestCounts {
    std::uint64_t requests = 0;          // attempts sent, retries included
    std::uint64_t retries = 0;           // attempts after the first of a request
    std::uint64_t throttled = 0;         // answers that said "slow down" (429, THROTTLED)
    std::uint64_t transport_errors = 0;  // attempts that got no HTTP answer
    std::uint64_t bytes_received = 0;    // decoded response bodies
    double wait_seconds = 0.0;           // time spent waiting: backoff and pacing
};

class RequestStats {
public:
    void count_request() { m_requests.fetch_add(1, std::memory_order_relaxed); }
    void count_retry() { m_retries.fetch_add(1, std::memory_order_relaxed); }
    void count_throttled() { m_throttled.fetch_add(1, std::memory_order_relaxed); }
    void count_transport_error() { m_transport_errors.fetch_add(1, std::memory_order_relaxed); }
    void add_bytes(std::uint64_t n) { m_bytes.fetch_add(n, std::memory_order_relaxed); }
    void add_wait(std::chrono::milliseconds waited)
    {
        if (waited.count() > 0)
            m_wait_ms.fetch_add(static_cast<std::uint64_t>(waited.count()), std::memory_order_relaxed);
    }

    RequestCounts snapshot() const
    {
        RequestCounts out;
        out.requests = m_requests.load(std::memory_order_relaxed);
        out.retries = m_retries.load(std::memory_order_relaxed);
        out.throttled = m_throttled.load(std::memory_order_relaxed);
        out.transport_errors = m_transport_errors.load(std::memory_order_relaxed);
        out.bytes_received = m_bytes.load(std::memory_order_relaxed);
        out.wait_seconds = static_cast<double>(m_wait_ms.load(std::memory_order_relaxed)) / 1000.0;
        return out;
    }

private:
    std::atomic<std::uint64_t> m_requests{0};
    std::atomic<std::uint64_t> m_retries{0};
    std::atomic<std::uint64_t> m_throttled{0};
    std::atomic<std::uint64_t> m_transport_errors{0};
    std::atomic<std::uint64_t> m_bytes{0};
    std::atomic<std::uint64_t> m_wait_ms{0};  // milliseconds: atomic doubles cannot fetch_add portably
};

}  // namespace frr::net
