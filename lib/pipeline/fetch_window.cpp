#include "pipeline/fetch_window.hpp"

#include "core/time.hpp"

#include <algorithm>
#include <vector>

namespace frr::pipeline {

FetchWindow fetch_window(core::TimePoint as_of, core::TimePoint since, const core::Config& config)
{
    FetchWindow w;
    const std::string& tz = config.store.timezone;
    w.until = as_of;
    w.since = since;
    w.events_from = w.since - config.checks.grace;
    const int days = std::max(1, config.checks.volume_lookback_days);
    const std::string last = core::add_days(core::local_date(w.since, tz), -1);
    const std::string first = core::add_days(last, -(days - 1));
    for (int i = 0; i < days; ++i)
        w.daily_dates.push_back(core::add_days(first, i));
    w.daily_from = core::local_midnight(first, tz);
    w.daily_until = core::local_midnight(core::add_days(last, 1), tz);
    const int baseline = std::max(1, config.checks.flow_baseline_days);
    const std::string first_window_day = core::local_date(w.since, tz);
    const std::string last_window_day = core::local_date(w.until - std::chrono::seconds(1), tz);
    for (std::string d = core::add_days(first_window_day, -baseline); d <= last_window_day;
         d = core::add_days(d, 1))
        w.flow_dates.push_back(d);
    w.flow_baseline_days = static_cast<std::size_t>(baseline);
    w.flow_days_from = core::local_midnight(w.flow_dates.front(), tz);
    return w;
}

std::chrono::seconds run_interval(const core::StateDir& state, core::TimePoint as_of,
                                  std::chrono::seconds configured)
{
    std::vector<core::TimePoint> times;
    for (const auto& run : state.runs())
        if (run.as_of < as_of && (times.empty() || run.as_of != times.back()))
            times.push_back(run.as_of);
    times.push_back(as_of);
    if (times.size() > 7)
        times.erase(times.begin(), times.end() - 7);
    std::vector<std::chrono::seconds> gaps;
    for (std::size_t i = 1; i < times.size(); ++i)
        gaps.push_back(std::chrono::duration_cast<std::chrono::seconds>(times[i] - times[i - 1]));
    if (gaps.size() < 2)
        return configured;
    std::nth_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(gaps.size() / 2), gaps.end());
    const auto median = gaps[gaps.size() / 2];
    return median.count() > 0 ? median : configured;
}

}  // namespace frr::pipeline
