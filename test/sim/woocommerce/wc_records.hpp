#pragma once
// The generated store as WooCommerce's REST API v3 shows it (docs/simulator.md "WooCommerce"):
// an order's status, its dates in the site's time zone and in GMT, and the order and customer
// resources. Shared by the /wp-json/wc/v3 routes and by the Klaviyo events of a WooCommerce
// world, which copy the order as the REST API showed it.
#include <cstdint>
#include <string>
#include <string_view>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "store.hpp"

namespace frr::sim::woocommerce {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// WooCommerce's order statuses, without the `wc-` prefix.
enum class Status : std::uint8_t { pending, processing, on_hold, completed, cancelled, refunded, failed };
std::string_view status_name(Status s);  // "pending", "processing", "on-hold", ...

// The order's status now (the world is final at the start; nothing changes it later):
// test orders failed (never paid), cancelled, fully refunded, completed (shipped), draft orders
// awaiting payment on-hold, else processing.
Status order_status(const Order& o);
// The status an order had when it was placed (what its Placed Order copied).
Status placed_status(const Order& o);

// The WooCommerce order id and number: the generated order number.
inline std::int64_t order_id(const Order& o)
{
    return o.number;
}
// The order's customer_id: the customer's id when the customer has an account (an email), 0 for
// a guest order.
std::int64_t customer_id(const Store& s, const Order& o);
// The billing email ("" for a guest order without one).
std::string_view billing_email(const Store& s, const Order& o);
// "checkout", "admin" (draft orders), "rest-api" (point-of-sale apps).
std::string_view created_via(const Order& o);
// "wc_order_" and 13 characters, fixed by the order.
std::string order_key(const Order& o);
// Units of a line as the order is now (an edit changes one line's quantity).
std::uint32_t line_quantity(const Order& o, std::uint32_t line, const LineItem& li);
// The amount refunded (positive, minor units): the total when fully refunded, one unit of the
// first line when partially, else 0.
Money refunded_amount(const Store& s, const Order& o);

// "2026-11-26T14:03:07" in the site's time zone / in GMT (WooCommerce's two forms).
std::string site_datetime(const Store& s, Time t);
std::string gmt_datetime(Time t);
// Parses WordPress's date-time format (rest_parse_date): "YYYY-MM-DDTHH:MM:SS", optional
// fraction, optional "Z" or "+HH:MM"; without an offset the time is GMT when `gmt`, else in the
// site's time zone. nullopt when malformed.
std::optional<Time> parse_wp_datetime(const Store& s, std::string_view text, bool gmt);

// The order resource of GET /wp-json/wc/v3/orders.
void write_order(JsonWriter& w, const Store& s, const Order& o, const std::string& api_base);
// The customer resource of GET /wp-json/wc/v3/customers.
void write_customer(JsonWriter& w, const Store& s, const Customer& c, bool is_paying,
                    const std::string& api_base);

// The WooCommerce line items of an order, as the order was placed (Klaviyo's copy), as JSON.
void write_placed_line_items(JsonWriter& w, const Store& s, const Order& o);

}  // namespace frr::sim::woocommerce
