#pragma once
// The token provider for each auth mode (docs/fetching.md):
//   private_key -> the pk_ key as is (header Klaviyo-API-Key);
//   oauth       -> refresh grant with Basic client auth, rotation cached 0600.
// Secrets are resolved here (core::Error config when unset) and never logged.
#include "connectors/klaviyo/settings.hpp"
#include "core/state_dir.hpp"
#include "net/oauth.hpp"

#include <memory>

namespace frr::connectors::klaviyo {

std::unique_ptr<net::TokenProvider> make_tokens(const Settings& config, const core::StateDir& state,
                                                const net::RequestContext& context);

}  // namespace frr::connectors::klaviyo
