#include "score_command.hpp"

#include "checks/health_score.hpp"
#include "pipeline/score.hpp"
#include "run_selection.hpp"

#include <fmt/format.h>
#include <iostream>

namespace frr::cli {

namespace {
struct ScoreCommandOptions {
    std::string run_id;
    std::string format = "text";
};
}  // namespace

Command make_score_command(CLI::App& parent, GlobalOptions& /*globals*/)
{
    auto o = std::make_shared<ScoreCommandOptions>();
    auto* app =
        parent.add_subcommand("score", "Turn the latest checks into a health score (writes score.json)");
    app->add_option("--run", o->run_id, "Score this run instead of the latest checked one");
    app->add_option("--format", o->format, "Output on stdout")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    return Command{app, [o](Environment& env) {
                       auto ctx = env.context();
                       auto lock =
                           ctx.state.lock(core::SystemClock().now());  // wall-clock start, not --as-of
                       auto run = select_run(env, o->run_id, "checks.json", "frr check");
                       auto result = pipeline::run_score(ctx, run);
                       if (o->format == "json") {
                           std::cout << checks::score_json(result.findings, result.score);
                       } else {
                           env.out() << fmt::format("score {}/100 ({}, confidence {})\n", result.score.score,
                                                    checks::to_string(result.score.status),
                                                    checks::to_string(result.score.confidence));
                           for (const auto& d : result.score.deductions)
                               env.out() << "  " << checks::describe(d) << "\n";
                       }
                       return result.exit;
                   }};
}

}  // namespace frr::cli
