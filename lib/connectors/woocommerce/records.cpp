#include "connectors/woocommerce/records.hpp"

#include "connectors/json_access.hpp"
#include "core/redact.hpp"
#include "core/time.hpp"

#include <array>
#include <limits>

namespace frr::connectors::woocommerce {

namespace {

// An id WooCommerce sends as a number (or, from some plugins, a string); "" for none or 0
// (customer_id 0 is a guest).
std::string id_text(const rapidjson::Value* v)
{
    auto id = text(v);
    return id == "0" ? std::string() : id;
}

std::string order_email(const rapidjson::Value& node)
{
    return model::normalize_email(text(path(&node, {"billing", "email"})));
}

int units_of(const rapidjson::Value& node)
{
    std::int64_t units = 0;
    if (const auto* items = member(&node, "line_items"); items && items->IsArray())
        for (const auto& item : items->GetArray())
            if (auto q = integer(member(&item, "quantity")); q && *q > 0 && *q < 1'000'000)
                units += *q;
    return units > std::numeric_limits<int>::max() ? std::numeric_limits<int>::max()
                                                   : static_cast<int>(units);
}

}  // namespace

bool is_purchase(std::string_view status)
{
    static constexpr std::array<std::string_view, 4> k_not{"pending", "failed", "checkout-draft", "trash"};
    for (auto s : k_not)
        if (status == s)
            return false;
    return true;
}

std::optional<model::Money> money(const rapidjson::Value& node, const char* field,
                                  const std::string& currency)
{
    const auto* v = member(&node, field);
    if (v == nullptr)
        return std::nullopt;
    std::optional<std::int64_t> minor;
    if (v->IsString())
        minor = model::parse_minor_units(std::string_view(v->GetString(), v->GetStringLength()));
    else if (v->IsNumber())
        minor = model::minor_units_from_double(v->GetDouble());
    if (!minor)
        return std::nullopt;
    return model::Money{*minor, currency};
}

std::optional<model::Order> parse_order(const rapidjson::Value& node, const model::EmailHasher& hasher,
                                        bool* not_purchase)
{
    auto created = time_value(member(&node, "date_created_gmt"));
    std::string id = id_text(member(&node, "id"));
    if (id.empty() || !created)
        return std::nullopt;
    const std::string status = text(member(&node, "status"));
    if (!is_purchase(status)) {
        if (not_purchase != nullptr)
            *not_purchase = true;
        return std::nullopt;
    }
    model::Order o;
    o.id = std::move(id);
    std::string number = text(member(&node, "number"));
    o.name = "#" + (number.empty() ? o.id.str() : number);
    o.created_at = *created;
    o.updated_at = time_value(member(&node, "date_modified_gmt")).value_or(*created);
    if (status == "cancelled")
        o.cancelled_at = o.updated_at;
    o.source_name = text(member(&node, "created_via"));
    o.financial_status = status;
    o.customer_id = id_text(member(&node, "customer_id"));
    const std::string email = order_email(node);
    o.email_hash = hasher.hash(email);
    o.email_masked = core::mask_email(email);
    const std::string currency = text(member(&node, "currency"));
    if (auto total = money(node, "total", currency)) {
        o.total = *total;
        o.revenue = *total;
    }
    o.revenue_as_placed = o.revenue;
    o.item_quantity = units_of(node);
    return o;
}

std::optional<ParsedCustomer> parse_customer(const rapidjson::Value& node, const model::EmailHasher& hasher)
{
    std::string id = id_text(member(&node, "id"));
    auto created = time_value(member(&node, "date_created_gmt"));
    if (id.empty() || !created)
        return std::nullopt;
    ParsedCustomer out;
    auto& c = out.customer;
    c.id = std::move(id);
    c.created_at = *created;
    c.updated_at = time_value(member(&node, "date_modified_gmt")).value_or(*created);
    out.email = model::normalize_email(text(member(&node, "email")));
    c.email_hash = hasher.hash(out.email);
    c.email_masked = core::mask_email(out.email);
    c.has_phone = !text(path(&node, {"billing", "phone"})).empty();
    c.consent = model::SourceConsent::unknown;
    return out;
}

std::vector<model::OrderChange> parse_order_changes(const rapidjson::Value& node,
                                                    const model::EmailHasher& hasher)
{
    std::vector<model::OrderChange> out;
    auto created = time_value(member(&node, "date_created_gmt"));
    std::string id = id_text(member(&node, "id"));
    const std::string status = text(member(&node, "status"));
    if (id.empty() || !created || !is_purchase(status))
        return out;
    std::optional<core::TimePoint> at;
    model::OrderChangeKind kind = model::OrderChangeKind::fulfilled;
    if (status == "completed") {
        at = time_value(member(&node, "date_completed_gmt"));
    } else if (status == "cancelled" || status == "refunded") {
        kind = status == "cancelled" ? model::OrderChangeKind::cancelled : model::OrderChangeKind::refunded;
        at = time_value(member(&node, "date_modified_gmt"));
    }
    if (!at)
        return out;
    model::OrderChange c;
    c.order_id = std::move(id);
    std::string number = text(member(&node, "number"));
    c.order_name = "#" + (number.empty() ? c.order_id.str() : number);
    c.kind = kind;
    c.at = *at;
    c.order_created_at = *created;
    c.source_name = text(member(&node, "created_via"));
    c.email_hash = hasher.hash(order_email(node));
    if (auto total = money(node, "total", text(member(&node, "currency"))))
        c.total = *total;
    out.push_back(std::move(c));
    return out;
}

}  // namespace frr::connectors::woocommerce
