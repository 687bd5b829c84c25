#include "run_command.hpp"

#include "check_command.hpp"
#include "pipeline/run.hpp"
#include "send_command.hpp"

#include <fmt/format.h>
#include <iostream>

namespace frr::cli {

namespace {
struct RunCommandOptions {
    std::string since;
    bool dry_run = false;
    std::string fail_on = "never";
};
}  // namespace

Command make_run_command(CLI::App& parent, GlobalOptions& /*globals*/)
{
    auto o = std::make_shared<RunCommandOptions>();
    auto* app = parent.add_subcommand("run", "Fetch, check, score, report and send: the one cron line");
    app->add_option("--since", o->since,
                    "Window length ending at --as-of (default: checks.window, reaching back over what "
                    "earlier runs could not check)");
    app->add_flag("--dry-run", o->dry_run, "Render the report but send nothing");
    app->add_option("--fail-on", o->fail_on, "Also exit 1/2 for a warning/critical verdict (for CI)")
        ->check(CLI::IsMember({"never", "warn", "critical"}))
        ->capture_default_str();
    return Command{
        app, [o](Environment& env) {
            auto ctx = env.context();
            pipeline::RunOptions options;
            options.since = since_option(o->since, env.config());
            options.dry_run = o->dry_run ? delivery::DryRun::yes : delivery::DryRun::no;
            options.fail_on = o->fail_on == "warn" ? pipeline::FailOn::warn
                : o->fail_on == "critical"         ? pipeline::FailOn::critical
                                                   : pipeline::FailOn::never;
            auto r = pipeline::run_pipeline(ctx, options);
            env.out() << r.report.subject << "\n"
                      << fmt::format("  run:    {}\n  report: {}\n", r.run.id, r.report.html.string());
            if (r.delivery == pipeline::DeliveryDecision::held_while_paused)
                env.out() << "  send:   held (monitoring is still paused; the notice already went out)\n";
            else
                print_send_result(r.send, env.out());
            return r.exit;
        }};
}

}  // namespace frr::cli
