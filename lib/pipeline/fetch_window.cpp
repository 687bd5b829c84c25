#include "pipeline/fetch_window.hpp"

#include "core/time.hpp"

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
    return w;
}

}  // namespace frr::pipeline
