#pragma once
// WooCommerce's part of `frr doctor` (docs/operations.md, "First contact"): the consumer key is
// accepted and can read every resource the fetch reads (orders, customers);
// the shop's time zone against store.timezone; and look-ups of orders by id and by creation
// time for the destination's order-id mapping check.
#include "connectors/probe.hpp"
#include "connectors/woocommerce/rest_client.hpp"
#include "core/clock.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace frr::connectors::woocommerce {

ProbeResult probe_access(RestClient& client);

// WordPress's time zone (its REST index, GET /wp-json/: timezone_string) against the configured
// store.timezone, which groups the daily counts: the sales report counts the shop's own days.
ProbeResult probe_timezone(RestClient& client, const std::string& configured);

// Orders by id: id -> "#number" for those that exist (WooCommerce's `include` filter, 100 a page).
std::map<std::string, std::string> order_names(RestClient& client, const std::vector<std::string>& ids);

// Orders created in [from, to), by id: (id, "#number"), at most `limit`.
std::vector<std::pair<std::string, std::string>> orders_created(RestClient& client, core::TimePoint from,
                                                                core::TimePoint to, int limit);

}  // namespace frr::connectors::woocommerce
