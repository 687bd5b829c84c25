// event_properties of Klaviyo events, built on demand from the store records they copy
// (docs/sync-semantics.md "How Klaviyo's Shopify integration copies data"; in a WooCommerce
// world, docs/simulator.md "WooCommerce": the WooCommerce integration's shapes).
#include "store.hpp"
#include "woocommerce/wc_records.hpp"

namespace frr::sim {

namespace {

void append_json_string(std::string& out, std::string_view s)
{
    out.push_back('"');
    for (char ch : s) {
        switch (ch) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        default:
            if (static_cast<unsigned char>(ch) < 0x20) {
                static constexpr char k_hex[] = "0123456789abcdef";
                out += "\\u00";
                out.push_back(k_hex[(ch >> 4) & 0xF]);
                out.push_back(k_hex[ch & 0xF]);
            } else {
                out.push_back(ch);
            }
        }
    }
    out.push_back('"');
}

// A JSON number with two decimals: 1234 -> 12.34
std::string money_number(Money m)
{
    return money_string(m);
}

void append_line_items(std::string& out, const Store& s, std::span<const LineItem> items)
{
    out += "\"line_items\":[";
    bool first = true;
    for (const LineItem& li : items) {
        const Product& p = s.products[li.product];
        if (!first)
            out.push_back(',');
        first = false;
        out += "{\"id\":" + std::to_string(li.id) + ",\"product_id\":" + std::to_string(p.id) + ",\"title\":";
        append_json_string(out, p.title);
        out += ",\"sku\":";
        append_json_string(out, p.sku);
        out += ",\"quantity\":" + std::to_string(li.quantity) + ",\"price\":\"" +
            money_string(li.unit_price) + "\",\"line_price\":\"" + money_string(li.unit_price * li.quantity) +
            "\"}";
    }
    out.push_back(']');
}

void append_items(std::string& out, const Store& s, std::span<const LineItem> items)
{
    out += "\"Items\":[";
    bool first = true;
    for (const LineItem& li : items) {
        if (!first)
            out.push_back(',');
        first = false;
        append_json_string(out, s.products[li.product].title);
    }
    out += "],\"Item Count\":" + std::to_string(items.size());
}

std::string quoted(std::string_view text)
{
    std::string out;
    append_json_string(out, text);
    return out;
}

// The order id as the Placed Order's $event_id: the numeric id, or under `unmapped` an opaque
// token of the integration's own (no digits frr could take for an order id).
std::string placed_event_id(const Store& s, const Order& o)
{
    if (s.source == SourcePlatform::woocommerce)
        return std::to_string(woocommerce::order_id(o));
    if (s.order_id_field != OrderIdField::unmapped)
        return std::to_string(o.id);
    std::string token = "po_";
    for (std::int64_t v = o.id; v > 0; v /= 26)
        token.push_back(static_cast<char>('a' + v % 26));
    return token;
}

// The order's events copy it as placed (Klaviyo never re-syncs an edit): the line items with
// the quantities they had, not an edit's.
std::string order_properties(const Store& s, const Metric& m, const Event& e)
{
    const Order& o = s.orders[e.order];
    auto items = s.line_items_of(o);
    std::string out = "{\"$event_id\":";
    std::string id = placed_event_id(s, o);
    if (e.dup > 0)
        id += ":dup" + std::to_string(e.dup);
    append_json_string(out, id);
    out += ",\"$value\":" + money_number(e.value) + ",\"$currency_code\":\"" +
        std::string(currency_code(s.shop.currency)) + "\",";
    append_items(out, s, items);
    out += ",\"Total Discounts\":" + money_number(o.discount) + ",\"Discount Codes\":[]";
    if (m.kind == EventKind::placed_order) {
        out += ",\"Source Name\":";
        append_json_string(out, source_name(o.source));
    }
    out += ",\"$extra\":{";
    switch (s.order_id_field) {
    case OrderIdField::extra_id: out += "\"id\":" + std::to_string(o.id) + ","; break;
    case OrderIdField::extra_order_id: out += "\"order_id\":" + std::to_string(o.id) + ","; break;
    case OrderIdField::event_id: break;
    case OrderIdField::unmapped: out += "\"order_name\":" + quoted(order_name(s.shop, o)) + ","; break;
    }
    if (s.order_id_field != OrderIdField::unmapped)
        out += "\"name\":" + quoted(order_name(s.shop, o)) + ",\"order_number\":" + std::to_string(o.number) +
            ",";
    out += "\"presentment_currency\":\"" + std::string(currency_code(o.presentment_currency)) + "\",";
    append_line_items(out, s, items);
    out += "}}";
    return out;
}

std::string ordered_product_properties(const Store& s, const Event& e)
{
    const Order& o = s.orders[e.order];
    const LineItem& li = s.line_items[e.line_item];
    const Product& p = s.products[li.product];
    std::string out = "{\"$event_id\":\"" + placed_event_id(s, o) + ":" + std::to_string(li.id) + ":" +
        std::to_string(e.unit) + "\",\"$value\":" + money_number(e.value) + ",\"$currency_code\":\"" +
        std::string(currency_code(s.shop.currency)) + "\",\"Name\":";
    append_json_string(out, p.title);
    out += ",\"SKU\":";
    append_json_string(out, p.sku);
    out += ",\"ProductID\":" + std::to_string(p.id) + ",\"Quantity\":1,\"$extra\":{";
    if (s.order_id_field != OrderIdField::unmapped)
        out += "\"order_id\":" + std::to_string(o.id) + ",";
    out += "\"line_item_id\":" + std::to_string(li.id) + "}}";
    return out;
}

std::string checkout_properties(const Store& s, const Event& e)
{
    const AbandonedCheckout& c = s.checkouts[e.order];
    auto items = s.line_items_of(c);
    std::string out = "{\"$event_id\":\"" + std::to_string(c.id) + "\",\"$value\":" + money_number(e.value) +
        ",\"$currency_code\":\"" + std::string(currency_code(s.shop.currency)) + "\",";
    append_items(out, s, items);
    out += ",\"$extra\":{\"token\":\"chk" + std::to_string(c.id) + "\",";
    append_line_items(out, s, items);
    out += "}}";
    return out;
}

std::string decoy_properties(const Store& s, const Event& e, bool placed)
{
    // A custom (API) integration's own events: Klaviyo's custom-integration keys. Some carry a
    // real Shopify order's id (an app that re-sends orders): still not the Shopify integration's.
    if (e.order != k_none && placed) {
        const std::string id = std::to_string(s.orders[e.order].id);
        return "{\"$event_id\":\"" + id + "\",\"$value\":" + money_number(e.value) + ",\"OrderId\":\"" + id +
            "\",\"ItemNames\":[\"Gift card\"],\"$extra\":{\"id\":" + id + "}}";
    }
    std::string id = (placed ? "api-order-" : "api-checkout-") + std::to_string(e.line_item);
    return "{\"$event_id\":\"" + id + "\",\"$value\":" + money_number(e.value) + ",\"OrderId\":\"" + id +
        "\",\"ItemNames\":[\"Gift card\"]}";
}

// ---- Klaviyo's WooCommerce integration (docs/simulator.md "WooCommerce") ----

using woocommerce::JsonWriter;

void w_key(JsonWriter& w, std::string_view k)
{
    w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
}

void w_str(JsonWriter& w, std::string_view k, std::string_view v)
{
    w_key(w, k);
    w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
}

void w_money(JsonWriter& w, std::string_view k, Money m)
{
    w_key(w, k);
    const std::string number = money_string(m);
    w.RawValue(number.c_str(), number.size(), rapidjson::kNumberType);
}

void w_names(JsonWriter& w, std::string_view k, const Store& s, std::span<const LineItem> items)
{
    w_key(w, k);
    w.StartArray();
    for (const LineItem& li : items)
        w.String(s.products[li.product].title.c_str());
    w.EndArray();
}

void w_empty_array(JsonWriter& w, std::string_view k)
{
    w_key(w, k);
    w.StartArray();
    w.EndArray();
}

woocommerce::Status status_of_event(const Order& o, EventKind kind)
{
    switch (kind) {
    case EventKind::fulfilled_order: return woocommerce::Status::completed;
    case EventKind::cancelled_order: return woocommerce::Status::cancelled;
    case EventKind::refunded_order: return woocommerce::Status::refunded;
    default: return woocommerce::placed_status(o);
    }
}

// Placed, Fulfilled, Cancelled and Refunded Order: the order as the REST API showed it when its
// status changed, under $extra; $event_id the order id, as the Placed Order's.
std::string wc_order_properties(const Store& s, const Metric& m, const Event& e)
{
    const Order& o = s.orders[e.order];
    auto items = s.line_items_of(o);
    const std::string id = std::to_string(woocommerce::order_id(o));
    rapidjson::StringBuffer buf;
    JsonWriter w(buf);
    w.StartObject();
    w_str(w, "$event_id", e.dup > 0 ? id + ":dup" + std::to_string(e.dup) : id);
    w_money(w, "$value", e.value);
    w_str(w, "$currency_code", currency_code(s.shop.currency));
    w_key(w, "OrderId");
    w.Int64(woocommerce::order_id(o));
    w_str(w, "OrderNumber", id);
    w_names(w, "Items", s, items);
    w_names(w, "ItemNames", s, items);
    w_key(w, "Item Count");
    w.Uint(static_cast<unsigned>(items.size()));
    w_empty_array(w, "Categories");
    w_empty_array(w, "Discount Codes");
    w_money(w, "Discount Value", o.discount);
    w_key(w, "$extra");
    w.StartObject();
    w_key(w, "id");
    w.Int64(woocommerce::order_id(o));
    w_str(w, "number", id);
    w_str(w, "order_key", woocommerce::order_key(o));
    w_str(w, "status", woocommerce::status_name(status_of_event(o, m.kind)));
    w_str(w, "currency", currency_code(s.shop.currency));
    w_str(w, "created_via", woocommerce::created_via(o));
    w_str(w, "date_created_gmt", woocommerce::gmt_datetime(o.created_at));
    w_key(w, "line_items");
    woocommerce::write_placed_line_items(w, s, o);
    w.EndObject();
    w.EndObject();
    return buf.GetString();
}

std::string wc_ordered_product_properties(const Store& s, const Event& e)
{
    const Order& o = s.orders[e.order];
    const LineItem& li = s.line_items[e.line_item];
    const Product& p = s.products[li.product];
    rapidjson::StringBuffer buf;
    JsonWriter w(buf);
    w.StartObject();
    w_str(w, "$event_id",
          std::to_string(woocommerce::order_id(o)) + ":" + std::to_string(li.id) + ":" +
              std::to_string(e.unit));
    w_money(w, "$value", e.value);
    w_str(w, "$currency_code", currency_code(s.shop.currency));
    w_str(w, "ProductName", p.title);
    w_str(w, "SKU", p.sku);
    w_key(w, "ProductID");
    w.Int64(p.id);
    w_key(w, "Quantity");
    w.Int(1);
    w_key(w, "OrderId");
    w.Int64(woocommerce::order_id(o));
    w_key(w, "$extra");
    w.StartObject();
    w_key(w, "order_id");
    w.Int64(woocommerce::order_id(o));
    w_key(w, "line_item_id");
    w.Int64(li.id);
    w.EndObject();
    w.EndObject();
    return buf.GetString();
}

// Started Checkout, from the onsite script (help article "Data synced with the WooCommerce
// integration": $value, Categories, Currency, CurrencySymbol, ItemNames, extra.CartRebuildKey).
std::string wc_checkout_properties(const Store& s, const Event& e)
{
    const AbandonedCheckout& c = s.checkouts[e.order];
    rapidjson::StringBuffer buf;
    JsonWriter w(buf);
    w.StartObject();
    w_str(w, "$event_id", std::to_string(c.id));
    w_money(w, "$value", e.value);
    w_empty_array(w, "Categories");
    w_str(w, "Currency", currency_code(s.shop.currency));
    w_str(w, "CurrencySymbol", s.shop.currency == Currency::gbp ? "£" : "€");
    w_names(w, "ItemNames", s, s.line_items_of(c));
    w_key(w, "$extra");
    w.StartObject();
    w_str(w, "CartRebuildKey", "kl" + std::to_string(c.id * 7919 % 1000003));
    w.EndObject();
    w.EndObject();
    return buf.GetString();
}

}  // namespace

std::string Store::event_properties_json(Index metric, const Event& e) const
{
    const Metric& m = metrics[metric];
    if (m.integration == Integration::woocommerce) {
        switch (m.kind) {
        case EventKind::ordered_product: return wc_ordered_product_properties(*this, e);
        case EventKind::checkout_started: return wc_checkout_properties(*this, e);
        default: return wc_order_properties(*this, m, e);
        }
    }
    switch (m.kind) {
    case EventKind::placed_order:
    case EventKind::fulfilled_order:
    case EventKind::fulfilled_partial_order:
    case EventKind::cancelled_order:
    case EventKind::refunded_order: return order_properties(*this, m, e);
    case EventKind::ordered_product: return ordered_product_properties(*this, e);
    case EventKind::checkout_started: return checkout_properties(*this, e);
    case EventKind::decoy_placed_order: return decoy_properties(*this, e, true);
    case EventKind::decoy_started_checkout: return decoy_properties(*this, e, false);
    }
    return "{}";
}

std::string Store::event_unique_id(Index metric, const Event& e) const
{
    switch (metrics[metric].kind) {
    case EventKind::placed_order:
    case EventKind::fulfilled_order:
    case EventKind::fulfilled_partial_order:
    case EventKind::cancelled_order:
    case EventKind::refunded_order: {
        std::string id = placed_event_id(*this, orders[e.order]);
        if (e.dup > 0)
            id += ":dup" + std::to_string(e.dup);
        return id;
    }
    case EventKind::ordered_product:
        return placed_event_id(*this, orders[e.order]) + ":" + std::to_string(line_items[e.line_item].id) +
            ":" + std::to_string(e.unit);
    case EventKind::checkout_started: return std::to_string(checkouts[e.order].id);
    case EventKind::decoy_placed_order:
        return e.order != k_none ? std::to_string(orders[e.order].id)
                                 : "api-order-" + std::to_string(e.line_item);
    case EventKind::decoy_started_checkout: return "api-checkout-" + std::to_string(e.line_item);
    }
    return {};
}

}  // namespace frr::sim
