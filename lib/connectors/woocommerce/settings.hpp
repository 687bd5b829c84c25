#pragma once
// The WooCommerce source's configuration (`source: {kind: woocommerce, ...}`): every key is
// documented in docs/configuration.md.
#include "core/connector_config.hpp"

#include <memory>
#include <string>

namespace frr::connectors::woocommerce {

struct Settings final : core::ConnectorSettings {
    static constexpr const char* k_kind = "woocommerce";

    // The WordPress site's root ("https://shop.example.com"); the REST API is under
    // /wp-json/wc/v3. FRR_WOOCOMMERCE_BASE_URL overrides it.
    std::string base_url;
    core::SecretRef consumer_key;     // HTTP Basic user ("ck_...")
    core::SecretRef consumer_secret;  // HTTP Basic password ("cs_...")
    int page_size = 100;              // per_page: WooCommerce refuses more than 100
    // Requests per second at most: WooCommerce itself sets no limit, the shop's server and its
    // host do (a 429 or 503 with Retry-After is honoured besides).
    int requests_per_second = 5;

    std::string effective_base_url() const override;
    std::string account() const override;
    std::vector<const core::SecretRef*> secrets() const override;
    std::string describe() const override;
};

// The section's parser for the connector registry.
std::shared_ptr<const core::ConnectorSettings> parse_settings(const core::YamlReader& r);

}  // namespace frr::connectors::woocommerce
