#include "fetch_command.hpp"

#include "check_command.hpp"

#include "core/duration.hpp"
#include "core/time.hpp"
#include "pipeline/fetch.hpp"

#include <fmt/format.h>
#include <iostream>

namespace frr::cli {

namespace {

struct FetchCommandOptions {
    std::string since;
    bool full = false;
};

void print_manifest(const model::Manifest& m, std::ostream& out)
{
    out << fmt::format("run {}: window {} .. {}\n", m.run_id, core::format_iso8601(m.since),
                       core::format_iso8601(m.until));
    for (const auto& [name, p] : m.platforms) {
        std::vector<std::string> counts;
        for (const auto& [k, v] : p.counts)
            counts.push_back(fmt::format("{} {}", v, k));
        out << fmt::format("  {:<8} {:<11} {} ({} requests, {} retries, {} throttled, waited {:.1f}s)\n",
                           name, model::to_string(p.status), fmt::join(counts, ", "), p.requests, p.retries,
                           p.throttled, p.wait_seconds);
        for (const auto& e : p.errors)
            out << fmt::format("           error: {}\n", e);
        for (const auto& n : p.notes)
            out << fmt::format("           note: {}\n", n);
        for (const auto& n : p.info)
            out << fmt::format("           info: {}\n", n);
        for (const auto& [id, d] : p.datasets)
            if (d.status != model::Coverage::complete)
                out << fmt::format("           {} {}: {}\n", id, model::to_string(d.status), d.missing);
    }
    if (m.catch_up.watermark)
        out << fmt::format("  catching up from {} ({} earlier run(s) could not read everything){}\n",
                           core::format_iso8601(*m.catch_up.watermark), m.catch_up.runs.size(),
                           m.catch_up.skipped_since ? "; older than checks.max_catch_up: not checked" : "");
}

}  // namespace

std::chrono::seconds since_option(const std::string& text, const core::Config& /*config*/)
{
    // 0: no explicit window; the run's window comes from the watermarks.
    if (text.empty())
        return std::chrono::seconds{0};
    return core::parse_duration_or_throw(text, "--since", true);
}

Command make_fetch_command(CLI::App& parent, GlobalOptions& /*globals*/)
{
    auto o = std::make_shared<FetchCommandOptions>();
    auto* app =
        parent.add_subcommand("fetch", "Pull the window from Shopify and Klaviyo into a new snapshot");
    app->add_option("--since", o->since,
                    "Window length ending at --as-of, e.g. 24h, 7d (default: checks.window, reaching back "
                    "over what earlier runs could not check)");
    app->add_flag("--full", o->full, "Ignore the previous snapshot and fetch everything again");
    return Command{
        app, [o](Environment& env) {
            auto ctx = env.context();
            auto lock = ctx.state.lock(core::SystemClock().now());  // wall-clock start, not --as-of
            pipeline::FetchOptions options{since_option(o->since, env.config()),
                                           o->full ? pipeline::FullFetch::yes : pipeline::FullFetch::no};
            auto result = pipeline::run_fetch(ctx, options);
            print_manifest(result.manifest, env.out());
            return result.exit;
        }};
}

}  // namespace frr::cli
