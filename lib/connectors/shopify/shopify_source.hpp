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
#include "connectors/connector.hpp"
#include "connectors/shopify/graphql_client.hpp"
#include "connectors/shopify/queries.hpp"
#include "connectors/shopify/settings.hpp"
#include "core/error.hpp"
#include "model/email.hpp"
#include "model/handover.hpp"
#include "model/snapshot.hpp"

#include <functional>
#include <set>
#include <string>
#include <vector>

namespace frr::connectors::shopify {

using connectors::EmailHandoff;
using connectors::SourceFetch;
using connectors::SourceWindow;
using SourceProgress = connectors::Progress;

// The scopes frr needs; read_all_orders is optional (without it Shopify hides
// orders older than 60 days and the coverage is reduced).
inline const std::vector<std::string> k_required_scopes{"read_orders", "read_customers"};

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

// The Shopify source of the connector registry: the token provider of the configured auth
// mode, the GraphQL client and the ShopifySource, owned together.
std::unique_ptr<connectors::Source> make_source(const core::ConnectorConfig& config,
                                                const connectors::ConnectorServices& services);

}  // namespace frr::connectors::shopify
