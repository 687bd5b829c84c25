#include "pipeline/fetch_incremental.hpp"

#include "core/error.hpp"
#include "core/time.hpp"
#include "model/snapshot.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace frr::pipeline {

Incremental::Incremental(std::string run_id, std::map<std::string, std::int64_t> daily_orders)
    : m_run_id(std::move(run_id)), m_daily_orders(std::move(daily_orders))
{
}

void Incremental::narrow(connectors::shopify::SourceWindow& window) const
{
    if (m_run_id.empty())
        return;
    std::erase_if(window.daily_dates, [&](const std::string& d) { return m_daily_orders.count(d) > 0; });
    window.orders_from = window.daily_dates.empty()
                             ? window.since
                             : std::min(window.since, core::local_midnight(window.daily_dates.front(), window.timezone));
}

void Incremental::merge(const FetchWindow& w, connectors::shopify::SourceFetch& source,
                        connectors::klaviyo::DestinationFetch&) const
{
    if (m_run_id.empty() || source.manifest.status == model::Coverage::unavailable ||
        source.manifest.status == model::Coverage::paused)
        return;
    auto& days = source.data.daily_orders;
    std::size_t reused = 0;
    for (const auto& date : w.daily_dates) {
        auto it = m_daily_orders.find(date);
        if (it == m_daily_orders.end())
            continue;
        days.push_back({date, it->second});
        ++reused;
    }
    std::sort(days.begin(), days.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
    source.manifest.counts["daily_orders"] = static_cast<std::int64_t>(days.size());
    if (reused > 0)
        source.manifest.notes.push_back(
            fmt::format("daily order counts of {} complete day(s) carried forward from run {}", reused, m_run_id));
}

Incremental load_previous(const core::StateDir& state, core::TimePoint as_of, const FetchWindow& w,
                          const std::string& timezone)
{
    auto run = state.previous_run(as_of, "manifest.json");
    if (!run)
        return {};
    try {
        model::Snapshot previous = model::read_snapshot(run->dir);
        auto shopify = previous.manifest.platforms.find("shopify");
        if (shopify == previous.manifest.platforms.end() || shopify->second.status != model::Coverage::complete ||
            previous.manifest.timezone != timezone)
            return {};
        std::map<std::string, std::int64_t> days;
        // Only days that were complete before the previous run's window began.
        const std::string last_complete = core::add_days(core::local_date(previous.manifest.since, timezone), -1);
        for (const auto& d : previous.source.daily_orders)
            if (d.date <= last_complete &&
                std::find(w.daily_dates.begin(), w.daily_dates.end(), d.date) != w.daily_dates.end())
                days[d.date] = d.count;
        return Incremental(run->id, std::move(days));
    } catch (const core::Error&) {
        return {};
    }
}

} // namespace frr::pipeline
