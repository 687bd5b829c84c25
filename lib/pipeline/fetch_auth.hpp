#pragma once
// Token providers for each configured auth mode (docs/fetching.md):
//   Shopify static_token       -> the Admin API token as is;
//   Shopify client_credentials -> the client-credentials grant, renewed before expiry;
//   Shopify refresh_token      -> expiring offline token, rotated refresh token cached 0600;
//   Klaviyo private_key        -> the pk_ key as is (header Klaviyo-API-Key);
//   Klaviyo oauth              -> refresh grant with Basic client auth, rotation cached 0600.
// Secrets are resolved here (core::Error config when unset) and never logged.
#include "connectors/klaviyo/settings.hpp"
#include "connectors/shopify/settings.hpp"
#include "core/state_dir.hpp"
#include "net/oauth.hpp"

#include <memory>

namespace frr::pipeline {

std::unique_ptr<net::TokenProvider> shopify_tokens(const connectors::shopify::Settings& config,
                                                   const core::StateDir& state,
                                                   const net::RequestContext& context);
std::unique_ptr<net::TokenProvider> klaviyo_tokens(const connectors::klaviyo::Settings& config,
                                                   const core::StateDir& state,
                                                   const net::RequestContext& context);

}  // namespace frr::pipeline
