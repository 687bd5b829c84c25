#pragma once
// The per-platform circuit breakers, persisted in <state>/breaker.json as
// {"shopify": <net::CircuitBreaker JSON>, "klaviyo": ...} across runs.
// A run that leaves a platform `unavailable` is a failed run; any other
// outcome (complete or partial) is a success.
#include "core/config.hpp"
#include "core/state_dir.hpp"
#include "net/circuit_breaker.hpp"

#include <map>
#include <string>

namespace frr::pipeline {

class BreakerFile {
public:
    // Reads the file if present; throws core::Error(bad_input) when corrupt.
    BreakerFile(const core::StateDir& state, const core::BreakerConfig& config);
    net::CircuitBreaker& of(const std::string& platform);
    // Every breaker the file holds, by platform name.
    const std::map<std::string, net::CircuitBreaker>& all() const { return m_breakers; }
    // Atomic write of every breaker.
    void save() const;

private:
    std::filesystem::path m_path;
    net::BreakerConfig m_config;
    std::map<std::string, net::CircuitBreaker> m_breakers;
};

}  // namespace frr::pipeline
