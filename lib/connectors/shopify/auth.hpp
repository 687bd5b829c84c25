#pragma once
// The token provider for each auth mode (docs/fetching.md):
//   static_token       -> the Admin API token as is;
//   client_credentials -> the client-credentials grant, renewed before expiry;
//   refresh_token      -> expiring offline token, rotated refresh token cached 0600.
// Secrets are resolved here (core::Error config when unset) and never logged.
#include "connectors/shopify/settings.hpp"
#include "core/state_dir.hpp"
#include "net/oauth.hpp"

#include <memory>

namespace frr::connectors::shopify {

std::unique_ptr<net::TokenProvider> make_tokens(const Settings& config, const core::StateDir& state,
                                                const net::RequestContext& context);

}  // namespace frr::connectors::shopify
