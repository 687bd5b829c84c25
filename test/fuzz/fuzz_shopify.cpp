// Fuzz target: Shopify GraphQL response parsing. The body is parsed as the
// client does, classified, and every object in it is offered to the record
// parsers (orders, customers, checkouts, money bags).
#include "connectors/shopify/graphql_client.hpp"
#include "connectors/shopify/records.hpp"
#include "core/error.hpp"
#include "fuzz/json_walk.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    namespace shopify = frr::connectors::shopify;
    rapidjson::Document doc;
    doc.Parse(reinterpret_cast<const char*>(data), size);
    if (doc.HasParseError())
        return 0;
    static const frr::model::EmailHasher hasher(std::string(32, 'k'));
    try {
        (void)shopify::classify_body(doc);
        (void)shopify::throttle_status_of(doc);
        (void)shopify::error_messages(doc);
        frr::fuzz::each_object(doc, [](const rapidjson::Value& node) {
            (void)shopify::order_email(node);
            (void)shopify::parse_order(node, hasher);
            (void)shopify::parse_customer(node, hasher);
            (void)shopify::parse_checkout(node, hasher);
            (void)shopify::shop_money(node, "totalPriceSet");
        });
    } catch (const frr::core::Error&) {
    }
    return 0;
}
