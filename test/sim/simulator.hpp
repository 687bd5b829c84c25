#pragma once
// A whole simulator in one object: the generated store, its clock and context (credentials and
// faults from the scenario), and an HTTP server with every route. Used by main.cpp and by
// tests that run the simulator in-process on an ephemeral port.
#include <httplib.h>

#include <memory>
#include <thread>

#include "scenario.hpp"
#include "sim_context.hpp"
#include "store.hpp"

namespace frr::sim {

class Simulator {
public:
    // Generates the world at start time `now`; a fixed clock when `fixed_clock`, else real time
    // shifted so that the clock reads `now` at construction.
    Simulator(const Scenario& scenario, Time now, bool fixed_clock);
    ~Simulator();
    Simulator(const Simulator&) = delete;
    Simulator& operator=(const Simulator&) = delete;

    const Store& store() const { return m_store; }
    SimContext& context() { return *m_context; }

    // Binds `host`:`port` (0 = any free port), starts serving on a background thread, returns the port.
    // Throws std::runtime_error when the port cannot be bound.
    int start(const std::string& host = "127.0.0.1", int port = 0);
    // Stops serving and joins the thread; safe to call twice.
    void stop();

private:
    void setup_credentials(const Scenario& scenario);
    void setup_faults(const Scenario& scenario, Time now);

    Store m_store;
    SimClock m_clock;
    std::unique_ptr<SimContext> m_context;
    httplib::Server m_server;
    std::thread m_thread;
};

}  // namespace frr::sim
