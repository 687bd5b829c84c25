#include "run_selection.hpp"

#include <fmt/format.h>

namespace frr::cli {

core::RunInfo select_run(Environment& env, const std::string& run_id, const std::string& marker,
                         const std::string& produced_by)
{
    const auto& state = env.state();
    if (!run_id.empty()) {
        auto run = state.find_run(run_id);
        if (!run)
            throw core::Error(core::ExitCode::usage, fmt::format("no run '{}'", run_id),
                              state.root().string(), "list the runs with: ls <state-dir>/runs");
        return *run;
    }
    auto run = state.latest_run(marker);
    if (!run)
        throw core::Error(core::ExitCode::bad_input, fmt::format("no run has {} yet", marker),
                          state.root().string(), fmt::format("run `{}` first", produced_by));
    return *run;
}

}  // namespace frr::cli
