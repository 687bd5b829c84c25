#pragma once
// Fetches what the checks need from WooCommerce's REST API v3 (docs/fetching.md, "WooCommerce"):
//   a first request (one order) that tells refused credentials from an unreachable shop;
//   orders created in the volume look-back up to `until` (status any, GMT dates): eligible
//     orders per store-local day of the look-back (daily_orders), and the window's purchases;
//   every customer, kept when modified in [customers_from, until) (v3 has no date filter on
//     customers, so frr pages all of them and filters itself);
//   orders modified since the window's start -> their fulfilment (completed), cancellation and
//     refund in the window (order_changes).
// Abandoned checkouts and email-marketing consent are not in WooCommerce's API: the manifest
// says so (not offered), and what needs them is not applicable.
#include "connectors/connector.hpp"
#include "connectors/woocommerce/rest_client.hpp"
#include "connectors/woocommerce/settings.hpp"
#include "model/email.hpp"

#include <memory>

namespace frr::connectors::woocommerce {

class WooCommerceSource {
public:
    WooCommerceSource(RestClient& client, const model::EmailHasher& hasher, const Settings& settings,
                      connectors::Progress progress = {});
    connectors::SourceFetch fetch(const connectors::SourceWindow& window,
                                  const connectors::EmailHandoff& emails);

private:
    bool preflight(connectors::SourceFetch& out);
    void fetch_orders(const connectors::SourceWindow& window, connectors::SourceFetch& out);
    void fetch_customers(const connectors::SourceWindow& window, connectors::SourceFetch& out,
                         const connectors::EmailHandoff& emails);
    void fetch_order_changes(const connectors::SourceWindow& window, connectors::SourceFetch& out);

    RestClient& m_client;
    const model::EmailHasher& m_hasher;
    const Settings& m_settings;
    connectors::Progress m_progress;
};

// The WooCommerce source of the connector registry: the REST client with the consumer key's
// Basic authorization and the WooCommerceSource, owned together.
std::unique_ptr<connectors::Source> make_source(const core::ConnectorConfig& config,
                                                const connectors::ConnectorServices& services);

}  // namespace frr::connectors::woocommerce
