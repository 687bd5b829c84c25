#pragma once
// The outside world's time, injected. A run reads "now" once (Clock::now) and
// passes it down; intervals and waits use the monotonic side (Sleeper).
#include <chrono>
#include <mutex>

namespace frr::core {

using TimePoint = std::chrono::sys_seconds;  // UTC, whole seconds
using Seconds = std::chrono::seconds;

class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
public:
    TimePoint now() const override;
};

// Always answers the same instant: --as-of, and tests.
class FixedClock final : public Clock {
public:
    explicit FixedClock(TimePoint t) : m_time(t) { }
    TimePoint now() const override { return m_time; }

private:
    TimePoint m_time;
};

// Waiting and measuring elapsed time. Policies never sleep themselves: they
// return a delay and the caller asks the Sleeper, so tests use a fake.
class Sleeper {
public:
    virtual ~Sleeper() = default;
    virtual void sleep_for(std::chrono::milliseconds d) = 0;
    virtual std::chrono::steady_clock::time_point steady_now() const = 0;
};

class RealSleeper final : public Sleeper {
public:
    void sleep_for(std::chrono::milliseconds d) override;
    std::chrono::steady_clock::time_point steady_now() const override;
};

// A sleeper for tests: sleeping advances a virtual steady clock instantly and
// records the total, so a test can assert the waits without waiting.
class FakeSleeper final : public Sleeper {
public:
    void sleep_for(std::chrono::milliseconds d) override;
    std::chrono::steady_clock::time_point steady_now() const override;
    std::chrono::milliseconds total_slept() const;

private:
    mutable std::mutex m_mutex;
    std::chrono::milliseconds m_elapsed{0};
    std::chrono::milliseconds m_slept{0};
};

}  // namespace frr::core
