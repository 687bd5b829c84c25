#pragma once
// The time ranges one fetch covers, derived from as_of and the config
// (docs/sync-semantics.md): the check window [since, until), the events range
// (since - grace), and the volume look-back: `volume_lookback_days` complete
// store-local days, the last one ending at or before `since`.
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/state_dir.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace frr::pipeline {

struct FetchWindow {
    core::TimePoint since{};
    core::TimePoint until{};
    core::TimePoint events_from{};
    core::TimePoint daily_from{};   // local midnight of the first look-back day
    core::TimePoint daily_until{};  // local midnight after the last look-back day
    std::vector<std::string> daily_dates;
    // Flows: `checks.flow_baseline_days` complete local days before the day of `since`, then
    // the window's days up to `until` (docs/sync-semantics.md "Flows").
    core::TimePoint flow_days_from{};
    std::vector<std::string> flow_dates;
    std::size_t flow_baseline_days = 0;  // the first this many of flow_dates
};

// The window [since, as_of) (pipeline/watermarks.hpp says where `since` comes from).
FetchWindow fetch_window(core::TimePoint as_of, core::TimePoint since, const core::Config& config);

// The time between scheduled runs, for dating the next one: the median gap
// between the last few runs in history up to `as_of` (an hourly and a daily
// cron both show it; one missed or extra run does not move a median), else
// `configured` (delivery.schedule_interval) while there are fewer than three runs.
std::chrono::seconds run_interval(const core::StateDir& state, core::TimePoint as_of,
                                  std::chrono::seconds configured);

}  // namespace frr::pipeline
