#pragma once
// Shopify's cost bucket (api/shopify.md section 2): `size` points, refilled
// continuously at `restore_rate` points per second against an injected
// time, never above `size`. A query must find its requested cost in the
// bucket; afterwards the unused part is refunded.
#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace frr::sim::shopify {

// The limiter clock (SimClock::limiter_now): monotonic, jumps with sim-clock advances.
using BucketClock = std::chrono::steady_clock::time_point;

struct BucketDecision {
    bool allowed = false;
    int currently_available = 0;               // floor of the level after the charge (or at refusal)
    std::chrono::milliseconds retry_after{0};  // when refused: until the cost is available
};

class LeakyBucket {
public:
    LeakyBucket(double size, double restore_rate, BucketClock now)
        : m_size(size),
          m_rate(restore_rate),
          m_level(size),
          m_last(now)
    {
    }

    BucketDecision try_take(double cost, BucketClock now);
    // Returns points (requested minus actual cost); the level stays <= size.
    void refund(double points, BucketClock now);
    double level(BucketClock now);
    double size() const { return m_size; }
    double restore_rate() const { return m_rate; }

private:
    void refill(BucketClock now);

    double m_size;
    double m_rate;
    double m_level;
    BucketClock m_last;
};

// One bucket per key (the app/token identity), created full on first use.
class BucketRegistry {
public:
    // Takes `cost`; the callback-free interface keeps the lock short.
    BucketDecision take(const std::string& key, double size, double rate, double cost, BucketClock now);
    // Refunds and reports the level after the refund (floored).
    int refund(const std::string& key, double points, BucketClock now);

private:
    std::mutex m_mutex;
    std::map<std::string, LeakyBucket> m_buckets;
};

}  // namespace frr::sim::shopify
