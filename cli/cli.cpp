#include "cli.hpp"

#include "app.hpp"
#include "commands.hpp"
#include "core/version.hpp"

#include <cstdio>
#include <fmt/format.h>
#include <iostream>

namespace frr::cli {

int main(int argc, char** argv)
{
    GlobalOptions globals;
    if (const char* env = std::getenv("FRR_CONFIG"); env != nullptr && *env != '\0')
        globals.config_path = env;

    CLI::App app{"frr — Flow Reliability Report: is your Shopify data really reaching Klaviyo?"};
    app.name("frr");
    app.set_version_flag("--version", fmt::format("frr {} (git {})", core::version(), core::git_revision()));
    app.require_subcommand(1);
    app.footer(core::exit_codes_help());
    app.add_option("-c,--config", globals.config_path, "Configuration file (env FRR_CONFIG)")
        ->capture_default_str();
    app.add_option("--state-dir", globals.state_dir, "State directory (overrides state.dir)")
        ->envname("FRR_STATE_DIR");
    app.add_option("--as-of", globals.as_of,
                   "Behave as if it were this moment (ISO-8601, e.g. 2026-11-27T06:00:00Z)")
        ->envname("FRR_AS_OF");
    app.add_option("--log-format", globals.log_format, "Log format on stderr")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    app.add_flag("-v,--verbose", globals.verbose, "More detail on stderr");
    app.add_flag("-q,--quiet", globals.quiet, "Print nothing on success; errors still go to stderr");
    app.add_flag("--no-color", globals.no_color, "No colour (also when NO_COLOR is set)");

    std::vector<Command> commands;
    for (auto factory : all_commands()) {
        commands.push_back(factory(app, globals));
        // Global options may also follow the subcommand: `frr check -c x.yaml`.
        commands.back().app->fallthrough();
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? 0 : static_cast<int>(core::ExitCode::usage);
    }

    try {
        for (auto& c : commands) {
            if (c.app->parsed()) {
                Environment env(globals);
                return static_cast<int>(c.run(env));
            }
        }
        return static_cast<int>(core::ExitCode::usage);
    } catch (const core::Error& e) {
        std::cerr << e.render() << "\n";
        return static_cast<int>(e.code());
    } catch (const std::exception& e) {
        std::cerr << "frr: error: internal error: " << e.what()
                  << "\n  this is a bug in frr; please report it with the command you ran\n";
        return static_cast<int>(core::ExitCode::internal);
    }
}

}  // namespace frr::cli
