#pragma once
// What every pipeline stage (fetch, check, score, report, send, run) is
// handed: the validated config, the state directory, the run's one "now"
// (--as-of or the clock, read once), and the injected outside world.
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/log.hpp"
#include "core/random.hpp"
#include "core/state_dir.hpp"
#include "net/http.hpp"

namespace frr::pipeline {

struct Services {
    core::Clock& clock;
    core::Sleeper& sleeper;
    core::Random& random;
    core::Logger& logger;
    net::HttpTransport& transport;
    // The real time of day, for what must carry it although the run is
    // --as-of another moment (an e-mail's Date). nullptr: use `clock`.
    const core::Clock* wall_clock = nullptr;
};

enum class Progress { off, terminal };

struct RunContext {
    const core::Config& config;
    const core::StateDir& state;
    core::TimePoint as_of;
    Services& services;
    Progress progress = Progress::off;
};

}  // namespace frr::pipeline
