#pragma once
// Klaviyo's integration with the configured source platform: which of the account's metrics are
// that integration's, and what each metric means. The source is named by the registry
// (connectors::SourcePlatform: its kind and its name), so Klaviyo's code needs no list of the
// stores it can be fed by: a metric belongs to the integration when its
// attributes.integration.key is the source's kind or its integration name is the source's name
// (case-insensitive), and never by the metric's name alone (an API-integration "Placed Order" is
// a decoy: `other`).
#include "connectors/connector.hpp"
#include "model/records.hpp"

#include <rapidjson/document.h>
#include <string>
#include <string_view>

namespace frr::connectors::klaviyo {

struct Integration {
    std::string key;   // the source's kind, lower case: the metric's integration key
    std::string name;  // the source's name as Klaviyo shows it

    // True when `integration` (a metric's attributes.integration) is this one.
    bool owns(const rapidjson::Value* integration) const;
    // The EventKind of one of this integration's metric names ("Placed Order" -> placed_order).
    // Klaviyo's ecommerce integrations share the order metrics' names; the checkout one is
    // "Checkout Started" for Shopify and "Started Checkout" for the others (WooCommerce,
    // Magento 2, BigCommerce data references), and only Shopify's has "Fulfilled Partial Order".
    model::EventKind metric_kind(std::string_view metric_name) const;
};

Integration integration_with(const connectors::SourcePlatform& source);

}  // namespace frr::connectors::klaviyo
