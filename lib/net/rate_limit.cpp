#include "net/rate_limit.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>
#include <utility>

#include "net/retry.hpp"

namespace frr::net {

using std::chrono::milliseconds;

namespace {

// Rounds up so a caller that waits exactly this long finds the points there.
milliseconds ceil_ms(double seconds)
{
    return milliseconds{static_cast<milliseconds::rep>(std::ceil(seconds * 1000.0 - 1e-9))};
}

milliseconds until(SteadyTime from, SteadyTime to)
{
    if (to <= from)
        return milliseconds{0};
    return std::chrono::ceil<milliseconds>(to - from);
}

// The leading integer of a header value: "750" and the IETF draft's "750;w=60".
std::optional<int> leading_int(const std::optional<std::string>& value)
{
    if (!value)
        return std::nullopt;
    std::string_view text(*value);
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    int out = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (ec != std::errc{} || ptr == text.data() || out < 0)
        return std::nullopt;
    return out;
}

}  // namespace

// ---- CostBucket ------------------------------------------------------------

void CostBucket::observe(const ThrottleStatus& status, SteadyTime now, double answered)
{
    std::lock_guard lock(m_mutex);
    m_in_flight = std::max(0.0, m_in_flight - answered);
    m_status = status;
    m_status->currently_available -= m_in_flight;
    m_anchor = now;
}

void CostBucket::release(double answered)
{
    std::lock_guard lock(m_mutex);
    m_in_flight = std::max(0.0, m_in_flight - answered);
}

bool CostBucket::learned() const
{
    std::lock_guard lock(m_mutex);
    return m_status.has_value();
}

double CostBucket::estimate_locked(SteadyTime at) const
{
    const double elapsed = std::chrono::duration<double>(at - m_anchor).count();
    const double level = m_status->currently_available + m_status->restore_rate * elapsed;
    return std::min(m_status->maximum_available, level);
}

std::optional<double> CostBucket::estimate(SteadyTime now) const
{
    std::lock_guard lock(m_mutex);
    if (!m_status)
        return std::nullopt;
    return estimate_locked(now);
}

milliseconds CostBucket::wait_locked(double requested_cost, SteadyTime now) const
{
    if (!m_status)
        return milliseconds{0};
    const double needed = std::min(requested_cost, m_status->maximum_available);
    const double available = estimate_locked(now);
    if (available >= needed)
        return milliseconds{0};
    // A bucket reported as not refilling: wait one second and learn again.
    if (m_status->restore_rate <= 0.0)
        return milliseconds{1000};
    return ceil_ms((needed - available) / m_status->restore_rate);
}

milliseconds CostBucket::wait_before(double requested_cost, SteadyTime now) const
{
    std::lock_guard lock(m_mutex);
    return wait_locked(requested_cost, now);
}

milliseconds CostBucket::reserve(double requested_cost, SteadyTime now)
{
    std::lock_guard lock(m_mutex);
    const auto wait = wait_locked(requested_cost, now);
    if (m_status) {
        const SteadyTime send_at = now + wait;
        m_status->currently_available = estimate_locked(send_at) - requested_cost;
        m_anchor = send_at;
    }
    m_in_flight += requested_cost;
    return wait;
}

milliseconds CostPacer::reserve(SteadyTime now)
{
    m_reserved = m_cost > 0 ? m_cost : 0.0;
    return m_cost > 0 ? m_bucket.reserve(m_cost, now) : milliseconds{0};
}

void CostPacer::observe(const HttpResult& result, SteadyTime now)
{
    m_paces_retry = false;
    const double answered = std::exchange(m_reserved, 0.0);
    const CostReading reading = m_read ? m_read(result) : CostReading{};
    if (!reading.status) {
        m_bucket.release(answered);
        return;
    }
    m_bucket.observe(*reading.status, now, answered);
    if (reading.requested_cost && *reading.requested_cost > 0)
        m_cost = *reading.requested_cost;
    m_paces_retry = reading.throttled && reading.status && m_cost > 0;
}

// ---- CostBook --------------------------------------------------------------

void CostBook::Learning::finish() noexcept
{
    if (m_book == nullptr)
        return;
    {
        std::lock_guard lock(m_book->m_mutex);
        m_book->m_learning.erase(m_document);
    }
    m_book->m_changed.notify_all();
    m_book = nullptr;
}

CostBook::Acquired CostBook::acquire(const std::string& document)
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (auto known = m_costs.find(document); known != m_costs.end())
            return {known->second, {}};
        if (m_learning.insert(document).second)
            return {0.0, Learning(this, document)};
        m_changed.wait(lock);
    }
}

void CostBook::learn(const std::string& document, double cost)
{
    if (cost <= 0)
        return;
    {
        std::lock_guard lock(m_mutex);
        m_costs[document] = cost;
    }
    m_changed.notify_all();
}

// ---- WindowLimiter ---------------------------------------------------------

WindowLimiter::WindowLimiter(int burst_per_second, int steady_per_minute)
    : m_burst(std::max(1, burst_per_second)),
      m_steady(std::max(1, steady_per_minute))
{
}

int WindowLimiter::burst() const
{
    std::lock_guard lock(m_mutex);
    return m_burst;
}

int WindowLimiter::steady() const
{
    std::lock_guard lock(m_mutex);
    return m_steady;
}

SteadyTime WindowLimiter::earliest_locked(SteadyTime now) const
{
    SteadyTime t = std::max(now, m_blocked_until);
    // A send at t fits a window of length w when fewer than `limit` sends lie
    // in (t - w, infinity): i.e. t >= (the limit-th most recent send) + w.
    const auto n = static_cast<long>(m_sent.size());
    if (n >= m_burst)
        t = std::max(t, m_sent[static_cast<std::size_t>(n - m_burst)] + k_burst_window);
    if (n >= m_steady)
        t = std::max(t, m_sent[static_cast<std::size_t>(n - m_steady)] + k_steady_window);
    if (m_hint && t < m_hint->reset_at) {
        const auto since = std::count_if(m_sent.begin(), m_sent.end(),
                                         [&](SteadyTime s) { return s >= m_hint->observed_at; });
        if (since >= m_hint->remaining)
            t = m_hint->reset_at;
    }
    return t;
}

void WindowLimiter::prune_locked(SteadyTime now)
{
    while (!m_sent.empty() && m_sent.front() + k_steady_window <= now)
        m_sent.pop_front();
    if (m_hint && m_hint->reset_at <= now)
        m_hint.reset();
}

milliseconds WindowLimiter::wait_before(SteadyTime now) const
{
    std::lock_guard lock(m_mutex);
    return until(now, earliest_locked(now));
}

void WindowLimiter::record(SteadyTime now)
{
    std::lock_guard lock(m_mutex);
    prune_locked(now);
    m_sent.insert(std::upper_bound(m_sent.begin(), m_sent.end(), now), now);
}

milliseconds WindowLimiter::reserve(SteadyTime now)
{
    std::lock_guard lock(m_mutex);
    prune_locked(now);
    const SteadyTime at = earliest_locked(now);
    m_sent.insert(std::upper_bound(m_sent.begin(), m_sent.end(), at), at);
    return until(now, at);
}

void WindowLimiter::observe_headers(int limit, int remaining, std::chrono::seconds reset, SteadyTime now)
{
    std::lock_guard lock(m_mutex);
    if (limit > 0)
        m_steady = limit;
    if (remaining >= 0 && reset.count() >= 0)
        m_hint = ServerHint{remaining, now + reset, now};
}

void WindowLimiter::observe(const HttpResult& result, SteadyTime now)
{
    if (!result.response)
        return;
    const auto& response = *result.response;
    if (response.status == 429) {
        if (auto delay = retry_after_of(response)) {
            std::lock_guard lock(m_mutex);
            m_blocked_until = std::max(m_blocked_until, now + *delay);
        }
        return;
    }
    auto limit = leading_int(response.header("ratelimit-limit"));
    auto remaining = leading_int(response.header("ratelimit-remaining"));
    auto reset = leading_int(response.header("ratelimit-reset"));
    if (limit && remaining && reset)
        observe_headers(*limit, *remaining, std::chrono::seconds{*reset}, now);
}

}  // namespace frr::net
