#pragma once
// Shopify's part of `frr doctor` (docs/operations.md, "First contact"): credentials and scopes,
// the configured API version, and look-ups of orders by id for the order-id mapping check.
#include "connectors/probe.hpp"
#include "connectors/shopify/graphql_client.hpp"
#include "core/clock.hpp"

#include <map>
#include <string>
#include <vector>

namespace frr::connectors::shopify {

struct ShopFacts {
    std::string name;
    std::string timezone;  // ianaTimezone
};

// shop { name ianaTimezone } and the app's access scopes against k_required_scopes.
ProbeResult probe_access(GraphqlClient& client, ShopFacts& facts);

// The configured version against publicApiVersions and the version that answered
// (X-Shopify-API-Version: an unsupported version falls forward to the oldest supported one).
ProbeResult probe_version(GraphqlClient& client, const std::string& configured);

// The configured store.timezone against the shop's (a failure is a config error).
ProbeResult check_timezone(const std::string& configured, const ShopFacts& shop);

// Orders by numeric id: id -> name for those that exist (at most 50 ids per call).
std::map<std::string, std::string> order_names(GraphqlClient& client, const std::vector<std::string>& ids);

// Orders created in [from, to): (numeric id, name), at most `limit`.
std::vector<std::pair<std::string, std::string>> orders_created(GraphqlClient& client, core::TimePoint from,
                                                                core::TimePoint to, int limit);

}  // namespace frr::connectors::shopify
