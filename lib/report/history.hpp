#pragma once
// Past runs' scores, for trends and "since the last report".
#include "report/view.hpp"

#include "core/state_dir.hpp"

namespace frr::report {

// The newest `max_points` runs strictly before `as_of` that have a readable
// score.json, oldest first. An unreadable old score.json is skipped, not fatal:
// one damaged past run must not stop today's report.
std::vector<HistoryPoint> load_history(const core::StateDir& state, core::TimePoint as_of,
                                       std::size_t max_points);

}  // namespace frr::report
