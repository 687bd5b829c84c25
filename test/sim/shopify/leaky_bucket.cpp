#include "leaky_bucket.hpp"

#include <algorithm>
#include <cmath>

namespace frr::sim::shopify {

void LeakyBucket::refill(BucketClock now)
{
    if (now > m_last) {
        std::chrono::duration<double> elapsed = now - m_last;
        m_level = std::min(m_size, m_level + elapsed.count() * m_rate);
        m_last = now;
    }
}

double LeakyBucket::level(BucketClock now)
{
    refill(now);
    return m_level;
}

BucketDecision LeakyBucket::try_take(double cost, BucketClock now)
{
    refill(now);
    BucketDecision decision;
    if (m_level + 1e-9 >= cost) {
        m_level = std::max(0.0, m_level - cost);
        decision.allowed = true;
    } else if (m_rate > 0) {
        double seconds = (cost - m_level) / m_rate;
        decision.retry_after = std::chrono::milliseconds(static_cast<long long>(std::ceil(seconds * 1000.0)));
    }
    decision.currently_available = static_cast<int>(std::floor(m_level + 1e-9));
    return decision;
}

void LeakyBucket::refund(double points, BucketClock now)
{
    refill(now);
    if (points > 0)
        m_level = std::min(m_size, m_level + points);
}

BucketDecision BucketRegistry::take(const std::string& key, double size, double rate, double cost,
                                    BucketClock now)
{
    std::lock_guard lock(m_mutex);
    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        it = m_buckets.emplace(key, LeakyBucket(size, rate, now)).first;
    return it->second.try_take(cost, now);
}

int BucketRegistry::refund(const std::string& key, double points, BucketClock now)
{
    std::lock_guard lock(m_mutex);
    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        return 0;
    it->second.refund(points, now);
    return static_cast<int>(std::floor(it->second.level(now) + 1e-9));
}

}  // namespace frr::sim::shopify
