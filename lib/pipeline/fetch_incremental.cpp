#include "pipeline/fetch_incremental.hpp"

#include "core/error.hpp"
#include "core/time.hpp"
#include "model/snapshot.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <set>
#include <tuple>

namespace frr::pipeline {

namespace {

bool complete_in(const model::Manifest& m, const std::string& platform)
{
    auto it = m.platforms.find(platform);
    return it != m.platforms.end() && it->second.status == model::Coverage::complete;
}

}  // namespace

Incremental::Incremental(std::string run_id, std::map<std::string, std::int64_t> daily_orders,
                         core::TimePoint late_from, ReusedWindow reused)
    : m_run_id(std::move(run_id)),
      m_daily_orders(std::move(daily_orders)),
      m_late_from(late_from),
      m_reused(std::move(reused))
{
}

Sides sides_of(const core::Config& config)
{
    return {config.source.kind, config.destination.kind};
}

ReusedWindow reusable_window(model::Snapshot& previous, const FetchWindow& w, const Sides& sides)
{
    ReusedWindow out;
    const auto& m = previous.manifest;
    if (!complete_in(m, sides.source) || !complete_in(m, sides.destination))
        return out;
    if (!(m.since <= w.since && w.since < m.until && m.until <= w.until))
        return out;  // no overlap (e.g. a daily run with a 24 h window), or not an earlier window
    out.resume_at = m.until;
    auto in_overlap = [&](core::TimePoint t) { return t >= w.since && t < m.until; };
    for (auto& o : previous.source.orders)
        if (in_overlap(o.created_at))
            out.orders.push_back(std::move(o));
    std::set<std::string> hashes;
    for (auto& c : previous.source.customers)
        if (in_overlap(c.updated_at)) {
            if (!c.email_hash.empty())
                hashes.insert(c.email_hash.str());
            out.customers.push_back(std::move(c));
        }
    for (auto& p : previous.destination.profiles)
        if (hashes.count(p.email_hash.str()))
            out.profiles.push_back(std::move(p));
    for (auto& c : previous.source.order_changes)
        if (in_overlap(c.at))
            out.order_changes.push_back(std::move(c));
    return out;
}

core::TimePoint oldest_missing_placed_order(const model::Snapshot& previous, const core::ChecksConfig& checks,
                                            core::TimePoint floor, const Sides& sides)
{
    if (!complete_in(previous.manifest, sides.destination))
        return core::TimePoint::max();  // events missing for want of the destination, not late
    std::set<std::string> placed;
    for (const auto& e : previous.destination.events)
        if (e.kind == model::EventKind::placed_order && !e.order_id.empty())
            placed.insert(e.order_id);
    const core::TimePoint judge_before = previous.manifest.as_of - checks.grace;
    core::TimePoint oldest = core::TimePoint::max();
    for (const auto& o : previous.source.orders)
        if (o.created_at >= std::max(previous.manifest.since, floor) && o.created_at < judge_before &&
            o.created_at < oldest && connectors::eligible(o, checks.exclude_channels) && !placed.count(o.id))
            oldest = o.created_at;
    return oldest;
}

void Incremental::narrow(connectors::SourceWindow& window) const
{
    if (m_run_id.empty())
        return;
    window.orders_updated_from = std::max(window.since, m_reused.resume_at);
    std::erase_if(window.daily_dates, [&](const std::string& d) { return m_daily_orders.count(d) > 0; });
    window.orders_from = window.daily_dates.empty()
        ? window.since
        : std::min(window.since, core::local_midnight(window.daily_dates.front(), window.timezone));
}

namespace {

bool answered(const model::PlatformManifest& m)
{
    return m.status == model::Coverage::complete || m.status == model::Coverage::partial;
}

// Appends the records of `reused` whose id `fetched` lacks (a fetched one is newer).
template <typename Record>
std::size_t add_missing(std::vector<Record>& fetched, const std::vector<Record>& reused)
{
    std::set<std::string> have;
    for (const auto& r : fetched)
        have.insert(r.id);
    std::size_t added = 0;
    for (const auto& r : reused)
        if (have.insert(r.id).second) {
            fetched.push_back(r);
            ++added;
        }
    return added;
}

}  // namespace

void Incremental::merge_window(connectors::SourceFetch& source,
                               connectors::DestinationFetch& destination) const
{
    if (m_reused.resume_at == core::TimePoint::min() || !answered(source.manifest))
        return;
    auto& data = source.data;
    std::set<std::string> refetched_customers;
    for (const auto& c : data.customers)
        refetched_customers.insert(c.id);
    const std::size_t orders = add_missing(data.orders, m_reused.orders);
    const std::size_t customers = add_missing(data.customers, m_reused.customers);
    // Order changes that happened before the previous run's end were fetched by it (their order
    // was updated then); the ones fetched again now win.
    std::set<std::tuple<std::string, model::OrderChangeKind, core::TimePoint>> fetched_changes;
    for (const auto& c : data.order_changes)
        fetched_changes.emplace(c.order_id, c.kind, c.at);
    for (const auto& c : m_reused.order_changes)
        if (!fetched_changes.count({c.order_id, c.kind, c.at}))
            data.order_changes.push_back(c);
    source.manifest.counts["order_changes"] = static_cast<std::int64_t>(data.order_changes.size());
    std::sort(data.orders.begin(), data.orders.end(),
              [](const auto& a, const auto& b) { return a.created_at < b.created_at; });
    source.manifest.counts["orders"] = static_cast<std::int64_t>(data.orders.size());
    source.manifest.counts["customers"] = static_cast<std::int64_t>(data.customers.size());
    source.manifest.info.push_back(fmt::format(
        "{} order(s) and {} customer(s) of the window up to {} reused from run {} (unchanged since)", orders,
        customers, core::format_iso8601(m_reused.resume_at), m_run_id));
    if (!answered(destination.manifest))
        return;
    // The reused customers' profiles: the destination's newer version when it updated
    // one since the previous run, else the previous run's.
    std::set<std::string> reused_hashes;
    for (const auto& c : m_reused.customers)
        if (!refetched_customers.count(c.id) && !c.email_hash.empty())
            reused_hashes.insert(c.email_hash.str());
    std::map<std::string, model::Profile> by_hash;
    for (const auto& p : m_reused.profiles)
        if (auto hash = p.email_hash.str(); reused_hashes.count(hash))
            by_hash[hash] = p;
    for (auto& p : destination.updated_profiles)
        if (auto hash = p.email_hash.str(); reused_hashes.count(hash))
            by_hash[hash] = std::move(p);
    destination.updated_profiles.clear();
    std::vector<model::Profile> reused_profiles;
    for (auto& [hash, p] : by_hash)
        reused_profiles.push_back(std::move(p));
    add_missing(destination.data.profiles, reused_profiles);
    destination.manifest.counts["profiles"] = static_cast<std::int64_t>(destination.data.profiles.size());
}

std::vector<std::pair<std::string, std::string>>
Incremental::reused_new_subscribers(const FetchWindow& w) const
{
    std::vector<std::pair<std::string, std::string>> out;
    std::map<std::string, std::string> profile_of;
    for (const auto& p : m_reused.profiles)
        profile_of[p.email_hash.str()] = p.id;
    for (const auto& c : m_reused.customers) {
        const auto& opted = c.consent_updated_at;
        if (c.email_hash.empty() || c.consent != model::SourceConsent::subscribed || !opted ||
            *opted < w.since || *opted >= w.until)
            continue;
        if (auto found = profile_of.find(c.email_hash.str()); found != profile_of.end())
            out.emplace_back(c.email_hash.str(), found->second);
    }
    return out;
}

void Incremental::merge(const FetchWindow& w, connectors::SourceFetch& source,
                        connectors::DestinationFetch& destination) const
{
    merge_window(source, destination);
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
        source.manifest.info.push_back(fmt::format(
            "daily order counts of {} complete day(s) carried forward from run {}", reused, m_run_id));
}

namespace {

// The newest run before `as_of` whose snapshot is whole (both platforms complete).
std::optional<core::RunInfo> newest_whole_run(const core::StateDir& state, core::TimePoint as_of)
{
    const auto all = state.runs();
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        if (it->as_of >= as_of || !std::filesystem::exists(it->dir / "checks.json"))
            continue;
        try {
            const auto m = model::read_manifest(it->dir);
            if (std::all_of(m.platforms.begin(), m.platforms.end(),
                            [](const auto& p) { return p.second.status == model::Coverage::complete; }))
                return *it;
        } catch (const core::Error&) {
            continue;
        }
    }
    return std::nullopt;
}

}  // namespace

Incremental load_previous(const core::StateDir& state, core::TimePoint as_of, const FetchWindow& w,
                          const core::Config& config)
{
    const std::string& timezone = config.store.timezone;
    auto run = state.previous_run(as_of, "manifest.json");
    if (!run)
        return {};
    try {
        model::Snapshot previous = model::read_snapshot(run->dir);
        const Sides sides = sides_of(config);
        if (!complete_in(previous.manifest, sides.source) || previous.manifest.timezone != timezone)
            return {};
        std::map<std::string, std::int64_t> days;
        // Only days that were complete before the previous run's window began.
        const std::string last_complete =
            core::add_days(core::local_date(previous.manifest.since, timezone), -1);
        for (const auto& d : previous.source.daily_orders)
            if (d.date <= last_complete &&
                std::find(w.daily_dates.begin(), w.daily_dates.end(), d.date) != w.daily_dates.end())
                days[d.date] = d.count;
        const core::TimePoint floor = w.since - (w.until - w.since);
        core::TimePoint late_from = oldest_missing_placed_order(previous, config.checks, floor, sides);
        // The previous run could not read the destination: the orders missing at the last run
        // that could are still followed, so late arrivals are found across an outage.
        if (!complete_in(previous.manifest, sides.destination))
            if (const auto baseline = newest_whole_run(state, as_of))
                late_from = oldest_missing_placed_order(model::read_snapshot(baseline->dir), config.checks,
                                                        floor, sides);
        return Incremental(run->id, std::move(days), late_from, reusable_window(previous, w, sides));
    } catch (const core::Error&) {
        return {};
    }
}

}  // namespace frr::pipeline
