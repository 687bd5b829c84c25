#pragma once
// Reuse of the previous snapshot (the newest run before as_of with a
// manifest, the source complete, same time zone).
//
// Daily counts: a day's count does not change once the day is complete, so
// the counts of days the previous snapshot already holds are carried forward
// and only the new days' orders are fetched.
//
// The window's records: when the previous run's window overlaps this one
// (runs closer together than the window; both platforms complete), what it
// fetched of the overlap [since, previous until) is kept and only what changed
// after it is fetched: customers and orders updated since (orders created
// since are among them), profiles looked up for those customers' emails, and
// every profile Klaviyo updated since (a consent change on Klaviyo's side
// alone). Merged, the window equals a full fetch's. Events are always fetched
// for the whole window: a late event carries its order's old time, so the
// previous snapshot cannot vouch for any range of them. Checkouts, audiences
// and daily Placed Order counts are small and fetched afresh.
//
// Late arrivals: an order the previous run judged without its Placed Order
// may get it later, when it has left the window by more than the grace
// period; so Placed Order events are fetched from the oldest such order
// (docs/sync-semantics.md, order_event_late), never more than one window
// before this one's start.
#include "connectors/connector.hpp"
#include "core/config.hpp"
#include "core/state_dir.hpp"
#include "model/snapshot.hpp"
#include "pipeline/fetch_window.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace frr::pipeline {

// The two sides' keys in a manifest's platforms: the configured kinds.
struct Sides {
    std::string source;
    std::string destination;
};
Sides sides_of(const core::Config& config);

// What the previous window holds of this one: records of [since, resume_at).
struct ReusedWindow {
    core::TimePoint resume_at = core::TimePoint::min();  // the previous run's until; min() = nothing reused
    std::vector<model::Order> orders;                    // created in [since, resume_at)
    std::vector<model::Customer> customers;              // updated in [since, resume_at)
    std::vector<model::Profile> profiles;                // the previous run's profiles of those customers
    std::vector<model::OrderChange> order_changes;       // happened in [since, resume_at)
};

class Incremental {
public:
    Incremental() = default;  // nothing to reuse: a full fetch
    Incremental(std::string run_id, std::map<std::string, std::int64_t> daily_orders,
                core::TimePoint late_from = core::TimePoint::max(), ReusedWindow reused = {});

    const std::string& run_id() const { return m_run_id; }
    core::TimePoint events_from(const FetchWindow& w) const { return w.events_from; }
    core::TimePoint customers_from(const FetchWindow& w) const
    {
        return std::max(w.since, m_reused.resume_at);
    }
    // Where Placed Order events start: the oldest order the previous snapshot
    // holds without one, or max() when there is none (then events_from).
    core::TimePoint placed_order_from() const { return m_late_from; }
    // Profiles updated since the previous run, or max() when nothing is reused.
    core::TimePoint profiles_updated_from() const
    {
        return m_reused.resume_at == core::TimePoint::min() ? core::TimePoint::max() : m_reused.resume_at;
    }
    // The reused customers who opted in to email in the window, as (email hash, Klaviyo profile
    // id): their emails are not handed over again (only hashes are kept), so the subscriber list
    // is asked about them by profile.
    std::vector<std::pair<std::string, std::string>> reused_new_subscribers(const FetchWindow& w) const;
    // Drops the reusable days from the source's request and starts the orders
    // fetch at the first day still needed (or the window); asks the window's
    // orders only when updated since the reused part ends.
    void narrow(connectors::SourceWindow& window) const;
    // Adds the carried-forward days and the reused window records to what
    // was fetched (only to a platform that answered).
    void merge(const FetchWindow& w, connectors::SourceFetch& source,
               connectors::DestinationFetch& destination) const;

private:
    void merge_window(connectors::SourceFetch& source, connectors::DestinationFetch& destination) const;

    std::string m_run_id;
    std::map<std::string, std::int64_t> m_daily_orders;  // date -> eligible orders
    core::TimePoint m_late_from = core::TimePoint::max();
    ReusedWindow m_reused;
};

// The creation time of the oldest order of `previous` that its window judged
// (eligible, created in [since, as_of - grace)) and that has no Placed Order
// in it, created at or after `floor`; max() when there is none or the destination was not complete.
core::TimePoint oldest_missing_placed_order(const model::Snapshot& previous, const core::ChecksConfig& checks,
                                            core::TimePoint floor, const Sides& sides);

// The part of `previous` (both platforms complete) that lies in this window
// and that the next fetch need not ask again; nothing when the windows do not overlap.
ReusedWindow reusable_window(model::Snapshot& previous, const FetchWindow& w, const Sides& sides);

// Reads the previous snapshot; an unreadable one means a full fetch.
Incremental load_previous(const core::StateDir& state, core::TimePoint as_of, const FetchWindow& w,
                          const core::Config& config);

}  // namespace frr::pipeline
