#include "doctor_command.hpp"

#include "pipeline/doctor.hpp"

#include <iostream>

namespace frr::cli {

Command make_doctor_command(CLI::App& parent, GlobalOptions& /*globals*/)
{
    auto* app = parent.add_subcommand(
        "doctor",
        "Check, once on a new store, that frr's assumptions hold there (credentials, scopes, "
        "versions, time zone, how events name their orders); exit 0 when every check passed");
    return Command{app, [](Environment& env) {
                       const auto report = pipeline::run_doctor(env.context());
                       std::cout << pipeline::render_doctor(report) << std::flush;
                       return report.exit;
                   }};
}

}  // namespace frr::cli
