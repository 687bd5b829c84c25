#include "pipeline/doctor.hpp"

#include "connectors/registry.hpp"
#include "model/email.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace frr::pipeline {

DoctorReport run_doctor(const RunContext& ctx)
{
    const core::Config& config = ctx.config;
    Services& services = ctx.services;
    net::RetryOptions retry;
    retry.max_attempts = config.fetch.max_attempts;
    retry.base_delay = config.fetch.retry_base_delay;
    retry.max_delay = std::max(config.fetch.retry_max_delay, config.fetch.retry_base_delay);
    const net::RetryPolicy policy(retry);
    // Nothing is stored, so no email is kept: a hashing key for this run only, not the state's.
    const model::EmailHasher hasher(services.random.bytes(32));
    net::RequestStats source_stats, destination_stats;
    auto services_for = [&](net::RequestStats& stats) {
        net::RequestContext requests{services.transport, policy, services.sleeper, services.random, stats};
        requests.timeout = config.fetch.timeout;
        return connectors::ConnectorServices{requests, ctx.state, hasher, services.clock, {}};
    };
    const auto source_services = services_for(source_stats);
    const auto destination_services = services_for(destination_stats);

    DoctorReport report;
    auto add = [&](std::vector<connectors::ProbeResult> results) {
        for (auto& r : results)
            report.checks.push_back(std::move(r));
    };
    auto source = connectors::make_source(config.source, source_services);
    auto destination = connectors::make_destination(config.destination, config.source, destination_services);
    bool source_ok = false;
    bool destination_ok = false;
    add(source->probe(config, source_ok));
    add(destination->probe(ctx.as_of, destination_ok));
    if (source_ok && destination_ok)
        add(destination->probe_pair(*source, connectors::vocabulary(config.source, config.destination),
                                    config.store.timezone, ctx.as_of));
    for (const auto& c : report.checks)
        if (!c.passed)
            report.exit = core::worst_of(report.exit, c.failure);
    return report;
}

std::string render_doctor(const DoctorReport& report)
{
    std::string out;
    int failed = 0;
    for (const auto& c : report.checks) {
        failed += c.passed ? 0 : 1;
        out += fmt::format("{} {}\n", c.passed ? "\u2714" : "\u2718", c.title);
        for (const auto& e : c.evidence)
            out += fmt::format("    {}\n", e);
        if (!c.action.empty())
            out += fmt::format("    \u2192 {}\n", c.action);
    }
    out += fmt::format("{} of {} checks passed{}\n", report.checks.size() - static_cast<std::size_t>(failed),
                       report.checks.size(), failed ? fmt::format(", {} failed", failed) : "");
    return out;
}

}  // namespace frr::pipeline
