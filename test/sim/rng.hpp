#pragma once
// Deterministic, fast random numbers for generation (SplitMix64). Same seed, same world,
// on every platform: no std:: distributions, whose output is implementation-defined.
#include <cstdint>

namespace frr::sim {

class Rng {
public:
    explicit Rng(std::uint64_t seed) : m_state(seed ^ 0x853C49E6748FEA9BULL) { }
    // A stream independent of this one (for a sub-generator whose draws must not shift others).
    Rng fork(std::uint64_t salt) const { return Rng(m_state * 0x9E3779B97F4A7C15ULL + salt); }

    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // Uniform in [0, n); n > 0.
    std::uint64_t below(std::uint64_t n) { return next() % n; }
    // Uniform in [lo, hi].
    std::int64_t between(std::int64_t lo, std::int64_t hi)
    {
        return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
    }
    bool chance(double p) { return uniform() < p; }

private:
    std::uint64_t m_state;
};

}  // namespace frr::sim
