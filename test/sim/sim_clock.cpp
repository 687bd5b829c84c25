#include "sim_clock.hpp"

namespace frr::sim {

namespace {
Time system_now()
{
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}
}  // namespace

SimClock::SimClock() = default;

SimClock::SimClock(Time fixed) : m_fixed(true), m_fixed_time(fixed) { }

Time SimClock::now() const
{
    std::lock_guard lock(m_mutex);
    return m_fixed ? m_fixed_time : system_now() + m_offset;
}

std::chrono::steady_clock::time_point SimClock::limiter_now() const
{
    std::lock_guard lock(m_mutex);
    return std::chrono::steady_clock::now() + m_limiter_offset;
}

void SimClock::advance(std::chrono::seconds delta)
{
    std::lock_guard lock(m_mutex);
    if (m_fixed)
        m_fixed_time += delta;
    else
        m_offset += delta;
    if (delta.count() > 0)
        m_limiter_offset += delta;
}

void SimClock::set(Time t)
{
    std::lock_guard lock(m_mutex);
    Time current = m_fixed ? m_fixed_time : system_now() + m_offset;
    auto delta = t - current;
    if (m_fixed)
        m_fixed_time = t;
    else
        m_offset += delta;
    if (delta.count() > 0)
        m_limiter_offset += delta;
}

bool SimClock::fixed() const
{
    std::lock_guard lock(m_mutex);
    return m_fixed;
}

}  // namespace frr::sim
