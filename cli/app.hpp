#pragma once
// What every subcommand shares: the global options, and the environment they
// build (config, state directory, the run's "now", services). Subcommands are
// thin: they turn their options into a library call and return an exit code.
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "core/random.hpp"
#include "core/redact.hpp"
#include "core/state_dir.hpp"
#include "net/http.hpp"
#include "pipeline/context.hpp"

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace frr::cli {

enum class Color { off, on };

struct GlobalOptions {
    std::string config_path = "frr.yaml";
    std::string state_dir;
    std::string as_of;
    std::string log_format = "text";
    int verbose = 0;
    bool quiet = false;
    bool no_color = false;
};

// Built after parsing, inside main's try/catch.
class Environment {
public:
    explicit Environment(const GlobalOptions& options);
    const core::Config& config() const { return m_config; }
    core::Logger& logger() { return *m_logger; }
    core::TimePoint as_of() const { return m_as_of; }
    Color color() const { return m_color; }
    bool stderr_is_terminal() const { return m_stderr_tty; }
    // Where a subcommand prints its human summary: stdout, or nowhere with
    // -q (errors still reach stderr; output asked for by --format stays on stdout).
    std::ostream& out();
    // The state directory (created on first use).
    const core::StateDir& state();
    pipeline::RunContext context();

private:
    GlobalOptions m_options;
    core::Config m_config;
    core::Redactor m_redactor;
    std::unique_ptr<core::Logger> m_logger;
    core::SystemClock m_system_clock;
    std::unique_ptr<core::FixedClock> m_clock;
    core::RealSleeper m_sleeper;
    core::SystemRandom m_random;
    std::unique_ptr<net::HttpTransport> m_transport;
    std::unique_ptr<pipeline::Services> m_services;
    std::optional<core::StateDir> m_state;
    core::TimePoint m_as_of{};
    Color m_color = Color::off;
    bool m_stderr_tty = false;
    std::ostream m_null{nullptr};  // a stream without a buffer writes nothing
};

// A subcommand: set up its options on `app`; `run` executes after parsing.
struct Command {
    CLI::App* app = nullptr;
    std::function<core::ExitCode(Environment&)> run;
};

using CommandFactory = Command (*)(CLI::App& parent, GlobalOptions& globals);

}  // namespace frr::cli
