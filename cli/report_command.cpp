#include "report_command.hpp"

#include "pipeline/report.hpp"
#include "pipeline/score.hpp"
#include "run_selection.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <iostream>

namespace frr::cli {

namespace {
struct ReportCommandOptions {
    std::string run_id;
};
}  // namespace

Command make_report_command(CLI::App& parent, GlobalOptions& /*globals*/)
{
    auto o = std::make_shared<ReportCommandOptions>();
    auto* app = parent.add_subcommand("report", "Render the report of the latest checked run");
    app->add_option("--run", o->run_id, "Render this run's report");
    return Command{
        app, [o](Environment& env) {
            auto ctx = env.context();
            auto lock = ctx.state.lock(core::SystemClock().now());  // wall-clock start, not --as-of
            auto run = select_run(env, o->run_id, "checks.json", "frr check");
            // A checked run that was never scored is scored first.
            if (!std::filesystem::exists(run.dir / "score.json"))
                pipeline::run_score(ctx, run);
            auto r = pipeline::run_report(ctx, run);
            env.out() << r.subject << "\n"
                      << fmt::format("  html:     {}\n  text:     {}\n  markdown: {}\n  json:     {}\n",
                                     r.html.string(), r.text.string(), r.markdown.string(), r.json.string());
            return core::ExitCode::ok;
        }};
}

}  // namespace frr::cli
