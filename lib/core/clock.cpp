#include "core/clock.hpp"

#include <thread>

namespace frr::core {

TimePoint SystemClock::now() const
{
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

void RealSleeper::sleep_for(std::chrono::milliseconds d)
{
    if (d.count() > 0)
        std::this_thread::sleep_for(d);
}

std::chrono::steady_clock::time_point RealSleeper::steady_now() const
{
    return std::chrono::steady_clock::now();
}

void FakeSleeper::sleep_for(std::chrono::milliseconds d)
{
    std::lock_guard lock(m_mutex);
    if (d.count() > 0) {
        m_elapsed += d;
        m_slept += d;
    }
}

std::chrono::steady_clock::time_point FakeSleeper::steady_now() const
{
    std::lock_guard lock(m_mutex);
    return std::chrono::steady_clock::time_point{} + m_elapsed;
}

std::chrono::milliseconds FakeSleeper::total_slept() const
{
    std::lock_guard lock(m_mutex);
    return m_slept;
}

}  // namespace frr::core
