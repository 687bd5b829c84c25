#include "app.hpp"

#include "connectors/registry.hpp"
#include "core/time.hpp"
#include "net/curl_transport.hpp"

#include <cstdlib>
#include <iostream>
#include <unistd.h>

namespace frr::cli {

namespace {

core::LogLevel level_for(const GlobalOptions& o)
{
    if (o.quiet)
        return core::LogLevel::error;
    if (o.verbose > 0)
        return core::LogLevel::debug;
    return core::LogLevel::info;
}

std::filesystem::path resolve_state_dir(const GlobalOptions& o, const core::Config& c)
{
    if (!o.state_dir.empty())
        return o.state_dir;
    if (const char* env = std::getenv("FRR_STATE_DIR"); env != nullptr && *env != '\0')
        return env;
    if (c.state.dir.empty())
        throw core::Error(core::ExitCode::config, "no state directory configured", c.file.string(),
                          "set state.dir in the config, FRR_STATE_DIR, or pass --state-dir DIR");
    if (c.state.dir.is_relative())
        return c.file.parent_path() / c.state.dir;
    return c.state.dir;
}

}  // namespace

Environment::Environment(const GlobalOptions& options) : m_options(options)
{
    auto format = options.log_format == "json" ? core::LogFormat::json : core::LogFormat::text;
    m_logger = std::make_unique<core::Logger>(level_for(options), format);
    m_logger->set_redactor(&m_redactor);
    m_config = connectors::load_config(options.config_path);
    for (const auto& note : m_config.deprecations)
        m_logger->warn("config", note);
    for (auto& s : core::resolvable_secrets(m_config))
        m_redactor.add_secret(std::move(s));
    m_as_of = m_system_clock.now();
    if (!options.as_of.empty()) {
        auto parsed = core::parse_iso8601(options.as_of);
        if (!parsed)
            throw core::Error(core::ExitCode::usage, "'" + options.as_of + "' is not an ISO-8601 date-time",
                              "--as-of", "write it like 2026-11-27T06:00:00Z");
        m_as_of = *parsed;
    }
    m_clock = std::make_unique<core::FixedClock>(m_as_of);
    m_stderr_tty = ::isatty(STDERR_FILENO) != 0;
    bool no_color = options.no_color || std::getenv("NO_COLOR") != nullptr;
    m_color = (!no_color && ::isatty(STDOUT_FILENO) != 0) ? Color::on : Color::off;
    m_transport = std::make_unique<net::CurlTransport>();
    m_services = std::make_unique<pipeline::Services>(
        pipeline::Services{*m_clock, m_sleeper, m_random, *m_logger, *m_transport, &m_system_clock});
}

std::ostream& Environment::out()
{
    return m_options.quiet ? m_null : std::cout;
}

const core::StateDir& Environment::state()
{
    if (!m_state)
        m_state.emplace(resolve_state_dir(m_options, m_config));
    return *m_state;
}

pipeline::RunContext Environment::context()
{
    auto progress = m_stderr_tty && !m_options.quiet && m_options.log_format == "text"
        ? pipeline::Progress::terminal
        : pipeline::Progress::off;
    return pipeline::RunContext{m_config, state(), m_as_of, *m_services, progress};
}

}  // namespace frr::cli
