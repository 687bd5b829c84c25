#pragma once
// Fetches what the checks need from Shopify (docs/sync-semantics.md):
//   orders created in the volume look-back up to `until` -> eligible orders per
//     store-local day (daily_orders) and, for the check window, the orders;
//   customers updated in [customers_from, until);
//   abandoned checkouts created in the window;
//   orders updated since the window's start -> their fulfilments, cancellations and full
//     refunds that happened in the window (order_changes).
// First a preflight (shop + access scopes) that names missing scopes and
// detects the 60-day order limit (no read_all_orders: reduced coverage).
#include "connectors/shopify/graphql_client.hpp"
#include "connectors/shopify/queries.hpp"
#include "connectors/shopify/settings.hpp"
#include "core/config.hpp"
#include "core/error.hpp"
#include "model/email.hpp"
#include "model/handover.hpp"
#include "model/snapshot.hpp"

#include <functional>
#include <set>
#include <string>
#include <vector>

namespace frr::connectors::shopify {

struct SourceWindow {
    core::TimePoint since{};  // the check window [since, until)
    core::TimePoint until{};
    core::TimePoint orders_from{};  // oldest createdAt fetched (start of the volume look-back)
    // Incremental: the window's orders only when updated at or after this
    // (the previous run's end); <= since: all of them.
    core::TimePoint orders_updated_from{};
    core::TimePoint customers_from{};      // customers updated since
    std::vector<std::string> daily_dates;  // store-local dates wanted in daily_orders
    std::string timezone;
    std::vector<std::string> exclude_channels;
};

struct SourceFetch {
    model::SourceData data;
    model::PlatformManifest manifest;
    core::ExitCode exit = core::ExitCode::ok;
    std::set<std::string> order_ids_seen;  // ids of every order fetched (incremental merge)
};

// Called once per dataset page: (dataset, pages so far, records so far).
using SourceProgress = std::function<void(const std::string&, int, std::int64_t)>;
// Receives the normalised emails of the fetched customers (and which of them opted in to
// email marketing in the window) exactly once, even when the fetch fails (then possibly
// empty): the Klaviyo profile and subscriber-list lookups wait on it.
using EmailHandoff = std::function<void(model::WindowEmails)>;

// The scopes frr needs; read_all_orders is optional (without it Shopify hides
// orders older than 60 days and the coverage is reduced).
inline const std::vector<std::string> k_required_scopes{"read_orders", "read_customers"};

bool eligible(const model::Order& order, const std::vector<std::string>& exclude_channels);

class ShopifySource {
public:
    ShopifySource(GraphqlClient& client, const net::RequestContext& download,
                  const model::EmailHasher& hasher, const Settings& config, SourceProgress progress = {});
    SourceFetch fetch(const SourceWindow& window, const EmailHandoff& emails);

private:
    bool preflight(const SourceWindow& window, SourceFetch& out);
    using NodeSink = std::function<void(const rapidjson::Value&)>;
    void fetch_orders(const SourceWindow& window, SourceFetch& out);
    // Above the bulk threshold; an empty days_search: no look-back days to count.
    void fetch_orders_bulk(const std::string& days_search, const std::string& window_search,
                           const NodeSink& day_sink, const NodeSink& window_sink, SourceFetch& out);
    void fetch_customers(const SourceWindow& window, SourceFetch& out, const EmailHandoff& emails);
    void fetch_checkouts(const SourceWindow& window, SourceFetch& out);
    void fetch_order_changes(const SourceWindow& window, SourceFetch& out);
    std::optional<std::int64_t> count_orders(const std::string& search);

    GraphqlClient& m_client;
    net::RequestContext m_download;
    const model::EmailHasher& m_hasher;
    const Settings& m_config;
    SourceProgress m_progress;
    EmailFields m_fields;
};

}  // namespace frr::connectors::shopify
