#pragma once
// Shopify GraphQL nodes to canonical records (model/records.hpp). Emails are
// hashed and masked here and go no further raw, except the normalised email
// handed back separately for the Klaviyo profile lookup (memory only).
#include "model/email.hpp"
#include "model/records.hpp"

#include <optional>
#include <rapidjson/document.h>
#include <string>
#include <vector>

namespace frr::connectors::shopify {

// The normalised email of an order: Order.email, else the customer's
// defaultEmailAddress.emailAddress (or the deprecated customer.email).
std::string order_email(const rapidjson::Value& node);
// nullopt when the node lacks an id or createdAt (the caller counts it as unreadable).
std::optional<model::Order> parse_order(const rapidjson::Value& node, const model::EmailHasher& hasher);

struct ParsedCustomer {
    model::Customer customer;
    std::string email;  // normalised, for the profile lookup; never written
};
std::optional<ParsedCustomer> parse_customer(const rapidjson::Value& node, const model::EmailHasher& hasher);
std::optional<model::Checkout> parse_checkout(const rapidjson::Value& node, const model::EmailHasher& hasher);
// An order's fulfilments, cancellation and full refund (docs/sync-semantics.md "Flow triggers"):
// the successful fulfilment that completed a FULFILLED order is `fulfilled`, every other
// successful one `partially_fulfilled`; cancelledAt is `cancelled`; a REFUNDED order's latest
// refund is `refunded`. Empty when the node is unreadable or nothing happened.
std::vector<model::OrderChange> parse_order_changes(const rapidjson::Value& node,
                                                    const model::EmailHasher& hasher);

// Sum of a MoneyBag's shopMoney amounts ("subtotalPriceSet", ...), in minor units.
std::optional<model::Money> shop_money(const rapidjson::Value& node, const char* field);

}  // namespace frr::connectors::shopify
