#pragma once
// The Klaviyo destination's configuration (`destination: {kind: klaviyo, ...}`, formerly the
// top-level `klaviyo:`): every key is documented in docs/configuration.md.
#include "core/connector_config.hpp"

#include <memory>
#include <string>
#include <vector>

namespace frr::connectors::klaviyo {

enum class AuthMode { private_key, oauth };
const char* to_string(AuthMode m);

struct Settings final : core::ConnectorSettings {
    static constexpr const char* k_kind = "klaviyo";

    std::string revision = "2026-07-15";
    std::string base_url = "https://a.klaviyo.com";  // FRR_KLAVIYO_BASE_URL overrides
    AuthMode auth = AuthMode::private_key;
    core::SecretRef private_key;
    core::SecretRef client_id;
    core::SecretRef client_secret;
    core::SecretRef refresh_token;
    std::vector<std::string> audiences;  // list/segment ids to watch; empty = all
    // The list the store's integration adds email subscribers to; "" = discover it (the list
    // that triggers flows and holds the window's new subscribers).
    std::string subscriber_list;

    std::string effective_base_url() const override;
    std::vector<const core::SecretRef*> secrets() const override;
    std::string describe() const override;
};

// The section's parser for the connector registry.
std::shared_ptr<const core::ConnectorSettings> parse_settings(const core::YamlReader& r);

}  // namespace frr::connectors::klaviyo
