#pragma once
// The Admin GraphQL documents frr sends (api/shopify.md section 4). Selections
// depend on the API version: Customer.defaultEmailAddress exists from 2025-04,
// before which the deprecated Customer.email / emailMarketingConsent are used.
#include "core/clock.hpp"

#include <string>

namespace frr::connectors::shopify {

enum class EmailFields { legacy, default_email_address };
// legacy below "2025-04"; "unstable" and every later version use defaultEmailAddress.
EmailFields email_fields_for(const std::string& api_version);

enum class OrderSort { created_at, updated_at };

std::string shop_info_query();
// Variables: $first, $after, $query.
std::string orders_query(EmailFields fields, OrderSort sort);
// The look-back days' orders with only what a daily eligible count needs.
std::string order_counts_query();
std::string customers_query(EmailFields fields);
std::string checkouts_query(EmailFields fields);
// Orders updated in a range with what their fulfilments, cancellation and refunds need
// (fulfillments and refunds are short lists on the order, not connections).
std::string order_changes_query(EmailFields fields);
// Variables: $query. ordersCount with limit: null (exact).
std::string orders_count_query();
// The inner document of a bulk operation over orders matching `search`.
std::string bulk_orders_document(EmailFields fields, const std::string& search);
// The same over the look-back days with only order_counts_query's scalars: no
// nested connection, about a seventh of the full document's bytes.
std::string bulk_order_days_document(const std::string& search);
std::string bulk_run_mutation();  // variables: $query
std::string bulk_poll_query();    // variables: $id

// `field:>='ISO' AND field:<'ISO'` (dates quoted, as the search syntax asks).
std::string time_range_search(const std::string& field, core::TimePoint from, core::TimePoint to);

}  // namespace frr::connectors::shopify
