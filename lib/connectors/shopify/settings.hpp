#pragma once
// The Shopify source's configuration (`source: {kind: shopify, ...}`, formerly the top-level
// `shopify:`): every key is documented in docs/configuration.md.
#include "core/connector_config.hpp"

#include <cstdint>
#include <memory>
#include <string>

namespace frr::connectors::shopify {

enum class AuthMode { static_token, client_credentials, refresh_token };
const char* to_string(AuthMode m);

struct Settings final : core::ConnectorSettings {
    static constexpr const char* k_kind = "shopify";

    std::string shop;  // "example.myshopify.com"
    std::string api_version = "2026-10";
    std::string base_url;  // "" -> https://<shop>; FRR_SHOPIFY_BASE_URL overrides
    AuthMode auth = AuthMode::static_token;
    core::SecretRef access_token;  // static_token
    core::SecretRef client_id;     // client_credentials, refresh_token
    core::SecretRef client_secret;
    core::SecretRef refresh_token;  // refresh_token (rotated value cached in the state dir)
    int page_size = 250;
    std::int64_t bulk_threshold = 25000;  // above this many records, use a bulk operation

    std::string effective_base_url() const override;
    std::string account() const override { return shop; }
    std::vector<const core::SecretRef*> secrets() const override;
    std::string describe() const override;
};

// The section's parser for the connector registry.
std::shared_ptr<const core::ConnectorSettings> parse_settings(const core::YamlReader& r);

}  // namespace frr::connectors::shopify
