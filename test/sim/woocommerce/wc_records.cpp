#include "woocommerce/wc_records.hpp"

#include <date/tz.h>

#include <algorithm>
#include <array>
#include <vector>

namespace frr::sim::woocommerce {

namespace {

void key(JsonWriter& w, std::string_view k)
{
    w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
}

void str(JsonWriter& w, std::string_view k, std::string_view v)
{
    key(w, k);
    w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
}

void str_or_null(JsonWriter& w, std::string_view k, const std::optional<std::string>& v)
{
    key(w, k);
    if (v)
        w.String(v->data(), static_cast<rapidjson::SizeType>(v->size()));
    else
        w.Null();
}

void money(JsonWriter& w, std::string_view k, Money m)
{
    str(w, k, money_string(m));
}

std::string_view currency_symbol(Currency c)
{
    return c == Currency::gbp ? "£" : "€";
}

// An address block (billing or shipping); the generated world keeps no street addresses.
void write_address(JsonWriter& w, std::string_view name, std::string_view first, std::string_view last,
                   std::string_view email, std::string_view phone, bool with_contact)
{
    key(w, name);
    w.StartObject();
    str(w, "first_name", first);
    str(w, "last_name", last);
    str(w, "company", "");
    str(w, "address_1", "");
    str(w, "address_2", "");
    str(w, "city", "");
    str(w, "state", "");
    str(w, "postcode", "");
    str(w, "country", "GB");
    if (with_contact) {
        str(w, "email", email);
        str(w, "phone", phone);
    } else {
        str(w, "phone", "");
    }
    w.EndObject();
}

void write_links(JsonWriter& w, const std::string& self, const std::string& collection)
{
    key(w, "_links");
    w.StartObject();
    for (const auto& [rel, href] : {std::pair{"self", &self}, std::pair{"collection", &collection}}) {
        key(w, rel);
        w.StartArray();
        w.StartObject();
        str(w, "href", *href);
        w.EndObject();
        w.EndArray();
    }
    w.EndObject();
}

// Each line's share of the order's discount (WooCommerce spreads a coupon over the lines: a
// line's `total` is after it, its `subtotal` before), the last line taking the remainder.
std::vector<Money> line_discounts(const Store& s, const Order& o)
{
    auto items = s.line_items_of(o);
    std::vector<Money> out(items.size(), 0);
    Money gross = 0;
    for (std::uint32_t i = 0; i < items.size(); ++i)
        gross += items[i].unit_price * line_quantity(o, i, items[i]);
    Money given = 0;
    for (std::uint32_t i = 0; i + 1 < items.size() && gross > 0; ++i) {
        out[i] = o.discount * (items[i].unit_price * line_quantity(o, i, items[i])) / gross;
        given += out[i];
    }
    if (!items.empty())
        out.back() = o.discount - given;
    return out;
}

void write_line(JsonWriter& w, const Store& s, const LineItem& li, std::uint32_t quantity, Money discount)
{
    const Product& p = s.products[li.product];
    w.StartObject();
    key(w, "id");
    w.Int64(li.id);
    str(w, "name", p.title);
    key(w, "product_id");
    w.Int64(p.id);
    key(w, "variation_id");
    w.Int(0);
    key(w, "quantity");
    w.Uint(quantity);
    str(w, "tax_class", "");
    money(w, "subtotal", li.unit_price * quantity);
    str(w, "subtotal_tax", "0.00");
    money(w, "total", li.unit_price * quantity - discount);
    str(w, "total_tax", "0.00");
    key(w, "taxes");
    w.StartArray();
    w.EndArray();
    key(w, "meta_data");
    w.StartArray();
    w.EndArray();
    str(w, "sku", p.sku);
    key(w, "price");
    w.Double(static_cast<double>(li.unit_price) / 100.0);
    w.EndObject();
}

std::string payment_method(const Order& o)
{
    switch (o.source) {
    case SourceName::pos: return "cod";
    case SourceName::shopify_draft_order: return "bacs";
    case SourceName::web: break;
    }
    return "stripe";
}

std::string payment_method_title(const Order& o)
{
    switch (o.source) {
    case SourceName::pos: return "Pay in store";
    case SourceName::shopify_draft_order: return "Direct bank transfer";
    case SourceName::web: break;
    }
    return "Credit card (Stripe)";
}

std::optional<Time> date_paid(const Order& o)
{
    switch (order_status(o)) {
    case Status::processing:
    case Status::completed:
    case Status::refunded: return o.created_at;
    default: return std::nullopt;
    }
}

}  // namespace

std::string_view status_name(Status s)
{
    switch (s) {
    case Status::pending: return "pending";
    case Status::processing: return "processing";
    case Status::on_hold: return "on-hold";
    case Status::completed: return "completed";
    case Status::cancelled: return "cancelled";
    case Status::refunded: return "refunded";
    case Status::failed: return "failed";
    }
    return "pending";
}

Status order_status(const Order& o)
{
    if (o.test)
        return Status::failed;
    if (o.cancelled_at)
        return Status::cancelled;
    if (o.financial_status == FinancialStatus::refunded && o.refunded_at)
        return Status::refunded;
    if (o.fulfilled_at)
        return Status::completed;
    if (o.financial_status == FinancialStatus::pending)
        return Status::on_hold;
    return Status::processing;
}

Status placed_status(const Order& o)
{
    if (o.test)
        return Status::failed;
    return o.financial_status == FinancialStatus::pending ? Status::on_hold : Status::processing;
}

std::int64_t customer_id(const Store& s, const Order& o)
{
    const Customer* c = s.customer_of(o);
    return c != nullptr && c->has_email() ? c->id : 0;
}

std::string_view billing_email(const Store& s, const Order& o)
{
    const Customer* c = s.customer_of(o);
    return c != nullptr ? std::string_view(c->email) : std::string_view();
}

std::string_view created_via(const Order& o)
{
    switch (o.source) {
    case SourceName::pos: return "rest-api";
    case SourceName::shopify_draft_order: return "admin";
    case SourceName::web: break;
    }
    return "checkout";
}

std::string order_key(const Order& o)
{
    static constexpr std::string_view k_chars =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::uint64_t z = static_cast<std::uint64_t>(o.id) * 0x9E3779B97F4A7C15ULL;
    std::string out = "wc_order_";
    for (int i = 0; i < 13; ++i) {
        z ^= z >> 29;
        z *= 0xBF58476D1CE4E5B9ULL;
        out.push_back(k_chars[(z >> 33) % k_chars.size()]);
    }
    return out;
}

std::uint32_t line_quantity(const Order& o, std::uint32_t line, const LineItem& li)
{
    if (!o.edited || line != o.edit_line)
        return li.quantity;
    return static_cast<std::uint32_t>(static_cast<std::int64_t>(li.quantity) + o.edit_units);
}

Money refunded_amount(const Store& s, const Order& o)
{
    if (o.financial_status == FinancialStatus::refunded && o.refunded_at)
        return o.total;
    if (o.financial_status == FinancialStatus::partially_refunded && o.line_item_count > 0)
        return std::min(o.total, s.line_items[o.first_line_item].unit_price);
    return 0;
}

std::string site_datetime(const Store& s, Time t)
{
    const date::time_zone* tz = date::locate_zone(s.shop.timezone);
    return date::format("%FT%T", date::floor<std::chrono::seconds>(tz->to_local(t)));
}

std::string gmt_datetime(Time t)
{
    return date::format("%FT%T", t);
}

std::optional<Time> parse_wp_datetime(const Store& s, std::string_view text, bool gmt)
{
    // rest_parse_date: #^\d{4}-\d{2}-\d{2}[Tt
    // ]\d{2}:\d{2}:\d{2}(?:\.\d+|,\d+)?(?:[Zz]|[+-]\d{2}(?::\d{2})?)?$#
    std::string normal(text);
    if (normal.size() >= 11 && normal[10] == 't')
        normal[10] = 'T';
    if (auto comma = normal.find(','); comma == 19)
        normal[19] = '.';
    std::size_t end = 19;
    if (normal.size() > end && normal[end] == '.')
        for (++end; end < normal.size() && normal[end] >= '0' && normal[end] <= '9'; ++end) { }
    const bool zoned = normal.size() > end;
    if (zoned && normal.size() == end + 3 && (normal[end] == '+' || normal[end] == '-'))
        normal += ":00";  // "+01" is "+01:00"
    auto t = parse_iso(zoned ? normal : normal + "Z");
    if (!t || zoned || gmt)
        return t;
    const date::time_zone* tz = date::locate_zone(s.shop.timezone);
    return date::floor<std::chrono::seconds>(
        tz->to_sys(date::local_seconds(t->time_since_epoch()), date::choose::earliest));
}

void write_placed_line_items(JsonWriter& w, const Store& s, const Order& o)
{
    // As placed: the quantities before any edit, the discount spread over them.
    auto items = s.line_items_of(o);
    Money gross = 0;
    for (const LineItem& li : items)
        gross += li.unit_price * li.quantity;
    Money given = 0;
    w.StartArray();
    for (std::uint32_t i = 0; i < items.size(); ++i) {
        Money share = i + 1 < items.size() && gross > 0
            ? o.discount * (items[i].unit_price * items[i].quantity) / gross
            : o.discount - given;
        given += share;
        write_line(w, s, items[i], items[i].quantity, share);
    }
    w.EndArray();
}

void write_order(JsonWriter& w, const Store& s, const Order& o, const std::string& api_base)
{
    const Customer* c = s.customer_of(o);
    const std::int64_t id = order_id(o);
    const Status status = order_status(o);
    w.StartObject();
    key(w, "id");
    w.Int64(id);
    key(w, "parent_id");
    w.Int(0);
    str(w, "status", status_name(status));
    str(w, "currency", currency_code(s.shop.currency));
    str(w, "version", "9.4.2");
    key(w, "prices_include_tax");
    w.Bool(true);
    str(w, "date_created", site_datetime(s, o.created_at));
    str(w, "date_modified", site_datetime(s, o.updated_at));
    money(w, "discount_total", o.discount);
    str(w, "discount_tax", "0.00");
    money(w, "shipping_total", o.shipping);
    str(w, "shipping_tax", "0.00");
    str(w, "cart_tax", "0.00");
    money(w, "total", o.total);
    str(w, "total_tax", "0.00");
    key(w, "customer_id");
    w.Int64(customer_id(s, o));
    str(w, "order_key", order_key(o));
    const std::string_view first = c != nullptr ? c->first_name : std::string_view();
    const std::string_view last = c != nullptr ? c->last_name : std::string_view();
    write_address(w, "billing", first, last, billing_email(s, o),
                  c != nullptr ? std::string_view(c->phone) : "", true);
    write_address(w, "shipping", first, last, "", "", false);
    str(w, "payment_method", payment_method(o));
    str(w, "payment_method_title", payment_method_title(o));
    str(w, "transaction_id", "");
    str(w, "customer_ip_address", "");
    str(w, "customer_user_agent", "");
    str(w, "created_via", created_via(o));
    str(w, "customer_note", "");
    const std::optional<Time> paid = date_paid(o);
    str_or_null(w, "date_completed",
                o.fulfilled_at ? std::optional(site_datetime(s, *o.fulfilled_at)) : std::nullopt);
    str_or_null(w, "date_paid", paid ? std::optional(site_datetime(s, *paid)) : std::nullopt);
    str(w, "cart_hash", "");
    str(w, "number", std::to_string(id));
    key(w, "meta_data");
    w.StartArray();
    w.EndArray();
    key(w, "line_items");
    w.StartArray();
    auto items = s.line_items_of(o);
    const std::vector<Money> discounts = line_discounts(s, o);
    for (std::uint32_t i = 0; i < items.size(); ++i)
        write_line(w, s, items[i], line_quantity(o, i, items[i]), discounts[i]);
    w.EndArray();
    for (const char* empty : {"tax_lines", "fee_lines", "coupon_lines"}) {
        key(w, empty);
        w.StartArray();
        w.EndArray();
    }
    key(w, "shipping_lines");
    w.StartArray();
    if (o.shipping > 0) {
        w.StartObject();
        key(w, "id");
        w.Int64(o.id * 10 + 3);
        str(w, "method_title", "Royal Mail Tracked 48");
        str(w, "method_id", "flat_rate");
        money(w, "total", o.shipping);
        str(w, "total_tax", "0.00");
        w.EndObject();
    }
    w.EndArray();
    key(w, "refunds");
    w.StartArray();
    if (const Money refunded = refunded_amount(s, o); refunded > 0) {
        w.StartObject();
        key(w, "id");
        w.Int64(900'000 + id);
        str(w, "reason", status == Status::refunded ? "Order fully refunded." : "Item returned");
        money(w, "total", -refunded);
        w.EndObject();
    }
    w.EndArray();
    str(w, "payment_url", "");
    key(w, "is_editable");
    w.Bool(status == Status::pending || status == Status::on_hold);
    key(w, "needs_payment");
    w.Bool(status == Status::pending || status == Status::failed);
    key(w, "needs_processing");
    w.Bool(true);
    str(w, "date_created_gmt", gmt_datetime(o.created_at));
    str(w, "date_modified_gmt", gmt_datetime(o.updated_at));
    str_or_null(w, "date_completed_gmt",
                o.fulfilled_at ? std::optional(gmt_datetime(*o.fulfilled_at)) : std::nullopt);
    str_or_null(w, "date_paid_gmt", paid ? std::optional(gmt_datetime(*paid)) : std::nullopt);
    str(w, "currency_symbol", currency_symbol(s.shop.currency));
    write_links(w, api_base + "/orders/" + std::to_string(id), api_base + "/orders");
    w.EndObject();
}

void write_customer(JsonWriter& w, const Store& s, const Customer& c, bool is_paying,
                    const std::string& api_base)
{
    w.StartObject();
    key(w, "id");
    w.Int64(c.id);
    str(w, "date_created", site_datetime(s, c.created_at));
    str(w, "date_created_gmt", gmt_datetime(c.created_at));
    str(w, "date_modified", site_datetime(s, c.updated_at));
    str(w, "date_modified_gmt", gmt_datetime(c.updated_at));
    str(w, "email", c.email);
    str(w, "first_name", c.first_name);
    str(w, "last_name", c.last_name);
    str(w, "role", "customer");
    const std::string_view email = c.email;
    str(w, "username", email.substr(0, email.find('@')));
    write_address(w, "billing", c.first_name, c.last_name, c.email, c.phone, true);
    write_address(w, "shipping", c.first_name, c.last_name, "", "", false);
    key(w, "is_paying_customer");
    w.Bool(is_paying);
    str(w, "avatar_url", "https://secure.gravatar.com/avatar/?s=96&d=mm&r=g");
    key(w, "meta_data");
    w.StartArray();
    w.EndArray();
    write_links(w, api_base + "/customers/" + std::to_string(c.id), api_base + "/customers");
    w.EndObject();
}

}  // namespace frr::sim::woocommerce
