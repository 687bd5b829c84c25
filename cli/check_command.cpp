#include "check_command.hpp"

#include "checks/findings_json.hpp"
#include "checks/render.hpp"
#include "pipeline/check.hpp"
#include "pipeline/fetch.hpp"
#include "run_selection.hpp"

#include <iostream>

namespace frr::cli {

namespace {

struct CheckCommandOptions {
    std::string since;
    bool no_fetch = false;
    std::string format = "text";
    std::string run_id;
};

}  // namespace

Command make_check_command(CLI::App& parent, GlobalOptions& /*globals*/)
{
    auto o = std::make_shared<CheckCommandOptions>();
    auto* app = parent.add_subcommand("check", "Fetch (unless --no-fetch) and check the health of the flow");
    app->add_option("--since", o->since,
                    "Window length ending at --as-of (default: checks.window, reaching back over what "
                    "earlier runs could not check)");
    app->add_flag("--no-fetch", o->no_fetch, "Check the latest snapshot instead of fetching");
    app->add_option("--format", o->format, "Output on stdout")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    app->add_option("--run", o->run_id, "Check this run's snapshot (implies --no-fetch)");
    return Command{
        app, [o](Environment& env) {
            auto ctx = env.context();
            auto lock = ctx.state.lock(core::SystemClock().now());  // wall-clock start, not --as-of
            auto since = since_option(o->since, env.config());
            core::ExitCode fetch_exit = core::ExitCode::ok;
            core::RunInfo run;
            if (o->no_fetch || !o->run_id.empty()) {
                run = select_run(env, o->run_id, "manifest.json", "frr fetch");
            } else {
                auto fetched = pipeline::run_fetch(ctx, {since, pipeline::FullFetch::no});
                fetch_exit = fetched.exit;
                run = fetched.run;
            }
            auto result = pipeline::run_check(ctx, run, pipeline::CheckOptions{since});
            if (o->format == "json")
                std::cout << checks::to_json(result.findings);
            else
                env.out() << checks::render_check_table(
                    result.findings, env.color() == Color::on ? checks::Color::always : checks::Color::never);
            // Credentials problems from the fetch outrank the health verdict.
            return core::worst_of(fetch_exit, result.exit);
        }};
}

}  // namespace frr::cli
