#include "connectors/klaviyo/integration.hpp"

#include "connectors/json_access.hpp"
#include "text/utf8.hpp"

namespace frr::connectors::klaviyo {

namespace {

// The integration whose metric names differ from the others' (its data reference).
constexpr std::string_view k_checkout_started_integration = "shopify";

}  // namespace

Integration integration_with(const connectors::SourcePlatform& source)
{
    return {frr::text::ascii_lower(source.kind), source.name};
}

bool Integration::owns(const rapidjson::Value* integration) const
{
    const auto key_of = frr::text::ascii_lower(text(member(integration, "key")));
    const auto name_of = frr::text::ascii_lower(text(member(integration, "name")));
    return (!key.empty() && key_of == key) || (!name.empty() && name_of == frr::text::ascii_lower(name));
}

model::EventKind Integration::metric_kind(std::string_view metric) const
{
    using K = model::EventKind;
    const bool shopify_names = key == k_checkout_started_integration;
    if (metric == "Placed Order")
        return K::placed_order;
    if (metric == "Ordered Product")
        return K::ordered_product;
    if (metric == "Fulfilled Order")
        return K::fulfilled_order;
    if (metric == "Fulfilled Partial Order" && shopify_names)
        return K::fulfilled_partial_order;
    if (metric == "Cancelled Order")
        return K::cancelled_order;
    if (metric == "Refunded Order")
        return K::refunded_order;
    if (metric == (shopify_names ? "Checkout Started" : "Started Checkout"))
        return K::checkout_started;
    return K::other;
}

}  // namespace frr::connectors::klaviyo
