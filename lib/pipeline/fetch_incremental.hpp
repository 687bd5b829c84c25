#pragma once
// Reuse of the previous snapshot (the newest run before as_of with a
// manifest). The costly part of a fetch on a big store is the volume
// look-back: every order of 28 days, only to count them per day. A day's
// count does not change once the day is complete, so the counts of days the
// previous snapshot already holds (Shopify complete, same time zone) are
// carried forward and only the new days' orders are fetched. The window's own
// data (orders, customers, events, profiles) is always fetched afresh: it is
// what the checks judge.
#include "connectors/klaviyo/klaviyo_source.hpp"
#include "connectors/shopify/shopify_source.hpp"
#include "core/state_dir.hpp"
#include "pipeline/fetch_window.hpp"

#include <map>
#include <string>

namespace frr::pipeline {

class Incremental {
public:
    Incremental() = default; // nothing to reuse: a full fetch
    Incremental(std::string run_id, std::map<std::string, std::int64_t> daily_orders);

    const std::string& run_id() const { return m_run_id; }
    core::TimePoint events_from(const FetchWindow& w) const { return w.events_from; }
    core::TimePoint customers_from(const FetchWindow& w) const { return w.since; }
    // Drops the reusable days from the Shopify request and starts the orders
    // fetch at the first day still needed (or the window).
    void narrow(connectors::shopify::SourceWindow& window) const;
    // Adds the carried-forward days to a successful Shopify fetch.
    void merge(const FetchWindow& w, connectors::shopify::SourceFetch& source,
               connectors::klaviyo::DestinationFetch& destination) const;

private:
    std::string m_run_id;
    std::map<std::string, std::int64_t> m_daily_orders; // date -> eligible orders
};

// Reads the previous snapshot; an unreadable one means a full fetch.
Incremental load_previous(const core::StateDir& state, core::TimePoint as_of, const FetchWindow& w,
                          const std::string& timezone);

} // namespace frr::pipeline
