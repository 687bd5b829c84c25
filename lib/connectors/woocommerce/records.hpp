#pragma once
// WooCommerce REST API v3 resources to canonical records (model/records.hpp). Emails are hashed
// and masked here and go no further raw, except the normalised email handed back separately
// for the destination's profile lookup (memory only). Times are the `*_gmt` fields (UTC
// without an offset); money is WooCommerce's decimal strings ("54.00") in the order's currency.
#include "model/email.hpp"
#include "model/records.hpp"

#include <optional>
#include <rapidjson/document.h>
#include <string>
#include <string_view>
#include <vector>

namespace frr::connectors::woocommerce {

// Statuses that are not purchases: nothing was paid (pending, failed), the checkout was never
// finished (checkout-draft) or the order was deleted (trash). They are left out of the orders.
bool is_purchase(std::string_view status);

// nullopt when the order lacks an id or date_created_gmt (the caller counts it as unreadable),
// and for an order that is not a purchase (`not_purchase` set then).
std::optional<model::Order> parse_order(const rapidjson::Value& node, const model::EmailHasher& hasher,
                                        bool* not_purchase = nullptr);

struct ParsedCustomer {
    model::Customer customer;
    std::string email;  // normalised, for the profile lookup; never written
};
// WooCommerce keeps no email-marketing consent: the customer's consent is `unknown`.
std::optional<ParsedCustomer> parse_customer(const rapidjson::Value& node, const model::EmailHasher& hasher);

// What happened to an order after it was placed, from its status (docs/sync-semantics.md):
// completed -> fulfilled at date_completed_gmt; cancelled -> cancelled and refunded -> refunded,
// both at date_modified_gmt (WooCommerce records no time of its own for either). WooCommerce
// has no partial fulfilment. Empty when the order is unreadable, not a purchase, or unchanged.
std::vector<model::OrderChange> parse_order_changes(const rapidjson::Value& node,
                                                    const model::EmailHasher& hasher);

// A decimal string ("54.00") with the order's currency; nullopt when absent or not a number.
std::optional<model::Money> money(const rapidjson::Value& node, const char* field,
                                  const std::string& currency);

}  // namespace frr::connectors::woocommerce
