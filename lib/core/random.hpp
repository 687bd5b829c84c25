#pragma once
// Randomness, injected (jitter, run-id suffixes, hash secrets). Tests use a
// seeded source so retry delays are exact.
#include <cstdint>
#include <mutex>
#include <random>
#include <string>

namespace frr::core {

class Random {
public:
    virtual ~Random() = default;
    // Uniform in [0, 1).
    virtual double uniform() = 0;
    // n cryptographically strong bytes (for secrets); a seeded source is not
    // strong and must only be used in tests.
    virtual std::string bytes(std::size_t n) = 0;
};

class SystemRandom final : public Random {
public:
    double uniform() override;
    std::string bytes(std::size_t n) override;

private:
    std::mutex m_mutex;
    std::mt19937_64 m_engine{std::random_device{}()};
};

class SeededRandom final : public Random {
public:
    explicit SeededRandom(std::uint64_t seed) : m_engine(seed) { }
    double uniform() override;
    std::string bytes(std::size_t n) override;

private:
    std::mutex m_mutex;
    std::mt19937_64 m_engine;
};

}  // namespace frr::core
