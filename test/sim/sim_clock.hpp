#pragma once
// The simulator's clock. Real time by default; fixed by --now; moved by POST /_sim/clock.
// Thread-safe. Data visibility (event arrival, token expiry, outages, audience drops) reads
// now(); rate limiters read limiter_now(), which runs in real monotonic time but also jumps
// forward by every advance of the sim clock, so a test can empty a bucket and "wait" for it
// to refill without sleeping.
#include <chrono>
#include <mutex>

#include "store.hpp"

namespace frr::sim {

class SimClock {
public:
    SimClock();                     // real time
    explicit SimClock(Time fixed);  // fixed at `fixed` until moved

    Time now() const;
    std::chrono::steady_clock::time_point limiter_now() const;

    // Moves forward (or backward: negative) by `delta`; fixed clocks stay fixed.
    void advance(std::chrono::seconds delta);
    // Sets the time; a forward jump also advances limiter_now() by the same amount.
    void set(Time t);
    bool fixed() const;

private:
    mutable std::mutex m_mutex;
    bool m_fixed = false;
    Time m_fixed_time{};
    std::chrono::seconds m_offset{0};  // added to system_clock in real mode
    std::chrono::seconds m_limiter_offset{0};
};

}  // namespace frr::sim
