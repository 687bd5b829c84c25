// frr-sim --scenario FILE [--port N] [--seed N] [--now ISO8601]   (CONTRACTS.md section 2)
#include <csignal>
#include <cstdio>
#include <iostream>
#include <pthread.h>

#include "simulator.hpp"

namespace {

constexpr const char* k_usage =
    "usage: frr-sim --scenario FILE [--port N] [--seed N] [--now ISO8601]\n"
    "  --port 0 (default) binds a free loopback port; the first stdout line is\n"
    "  'listening on http://127.0.0.1:PORT'. SIGTERM or SIGINT stops it. See docs/simulator.md.\n";

struct Options {
    std::string scenario;
    int port = 0;
    std::optional<std::uint64_t> seed;
    std::optional<frr::sim::Time> now;
};

// Exit codes follow CONTRACTS.md: 64 usage, 78 configuration (scenario) error, 70 internal.
std::optional<Options> parse_args(int argc, char** argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::cout << k_usage;
            std::exit(0);
        }
        if (i + 1 >= argc)
            return std::nullopt;
        std::string value = argv[++i];
        try {
            if (arg == "--scenario")
                o.scenario = value;
            else if (arg == "--port")
                o.port = std::stoi(value);
            else if (arg == "--seed")
                o.seed = std::stoull(value);
            else if (arg == "--now") {
                o.now = frr::sim::parse_iso(value);
                if (!o.now)
                    return std::nullopt;
            } else
                return std::nullopt;
        } catch (const std::exception&) {
            return std::nullopt;
        }
    }
    if (o.scenario.empty() || o.port < 0 || o.port > 65535)
        return std::nullopt;
    return o;
}

}  // namespace

int main(int argc, char** argv)
{
    auto options = parse_args(argc, argv);
    if (!options) {
        std::cerr << "frr-sim: error: bad arguments\n" << k_usage;
        return 64;
    }
    // Block the stop signals in every thread; the main thread waits for them with sigwait.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
    try {
        frr::sim::Scenario scenario = frr::sim::load_scenario(options->scenario);
        if (options->seed)
            scenario.seed = *options->seed;
        bool fixed = options->now.has_value() || scenario.now.has_value();
        frr::sim::Time now = options->now ? *options->now
            : scenario.now                ? *scenario.now
                           : std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
        frr::sim::Simulator sim(scenario, now, fixed);
        int port = sim.start("127.0.0.1", options->port);
        std::printf("listening on http://127.0.0.1:%d\n", port);
        std::fflush(stdout);
        int sig = 0;
        sigwait(&stop_signals, &sig);
        sim.stop();
        return 0;
    } catch (const frr::sim::ScenarioError& e) {
        std::cerr << "frr-sim: error: " << e.what() << "\n";
        return 78;
    } catch (const std::exception& e) {
        std::cerr << "frr-sim: error: " << e.what() << "\n";
        return 70;
    }
}
