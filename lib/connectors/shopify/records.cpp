#include "connectors/shopify/records.hpp"

#include "connectors/json_access.hpp"
#include "core/redact.hpp"

#include <algorithm>

namespace frr::connectors::shopify {

namespace {

std::string customer_email(const rapidjson::Value* customer)
{
    std::string email = text(path(customer, {"defaultEmailAddress", "emailAddress"}));
    if (email.empty())
        email = text(member(customer, "email"));
    return model::normalize_email(email);
}

std::string legacy_id(const rapidjson::Value* node)
{
    std::string id = text(member(node, "legacyResourceId"));
    return id.empty() ? gid_tail(text(member(node, "id"))) : id;
}

}  // namespace

std::optional<model::Money> shop_money(const rapidjson::Value& node, const char* field)
{
    const auto* money = path(&node, {field, "shopMoney"});
    if (money == nullptr)
        return std::nullopt;
    auto minor = model::parse_minor_units(text(member(money, "amount")));
    if (!minor)
        return std::nullopt;
    return model::Money{*minor, text(member(money, "currencyCode"))};
}

std::string order_email(const rapidjson::Value& node)
{
    std::string email = model::normalize_email(text(member(&node, "email")));
    return email.empty() ? customer_email(member(&node, "customer")) : email;
}

std::optional<model::Order> parse_order(const rapidjson::Value& node, const model::EmailHasher& hasher)
{
    auto created = time_value(member(&node, "createdAt"));
    std::string id = legacy_id(&node);
    if (id.empty() || !created)
        return std::nullopt;
    model::Order o;
    o.id = std::move(id);
    o.name = text(member(&node, "name"));
    o.created_at = *created;
    o.updated_at = time_value(member(&node, "updatedAt")).value_or(*created);
    o.cancelled_at = time_value(member(&node, "cancelledAt"));
    o.test = truthy(member(&node, "test"));
    o.source_name = text(member(&node, "sourceName"));
    o.financial_status = text(member(&node, "displayFinancialStatus"));
    const auto* customer = member(&node, "customer");
    o.customer_id = customer ? legacy_id(customer) : std::string();
    std::string email = order_email(node);
    o.email_hash = hasher.hash(email);
    o.email_masked = core::mask_email(email);
    auto subtotal = shop_money(node, "subtotalPriceSet");
    auto shipping = shop_money(node, "totalShippingPriceSet");
    auto total = shop_money(node, "totalPriceSet");
    if (total)
        o.total = *total;
    // Revenue as Klaviyo's Placed Order $value: subtotal (after discounts) + shipping.
    if (subtotal) {
        o.revenue = *subtotal;
        if (shipping)
            o.revenue.minor += shipping->minor;
    } else if (total) {
        o.revenue = *total;
    }
    o.item_quantity = static_cast<int>(integer(member(&node, "subtotalLineItemsQuantity")).value_or(0));
    // An edit changes the totals; the revenue as placed is today's moved back by the edit's change
    // of the total (totalPriceSet - originalTotalPriceSet): exact where prices include tax, as in
    // the UK; elsewhere the edit's tax moves with it (docs/sync-semantics.md, "Edited orders").
    o.edited = truthy(member(&node, "edited"));
    o.revenue_as_placed = o.revenue;
    if (o.edited) {
        auto original = shop_money(node, "originalTotalPriceSet");
        if (original && total && original->currency == total->currency)
            o.revenue_as_placed.minor = o.revenue.minor - (total->minor - original->minor);
    }
    return o;
}

std::optional<ParsedCustomer> parse_customer(const rapidjson::Value& node, const model::EmailHasher& hasher)
{
    std::string id = legacy_id(&node);
    auto created = time_value(member(&node, "createdAt"));
    if (id.empty() || !created)
        return std::nullopt;
    ParsedCustomer out;
    auto& c = out.customer;
    c.id = std::move(id);
    c.created_at = *created;
    c.updated_at = time_value(member(&node, "updatedAt")).value_or(*created);
    out.email = customer_email(&node);
    c.email_hash = hasher.hash(out.email);
    c.email_masked = core::mask_email(out.email);
    const auto* modern = member(&node, "defaultEmailAddress");
    const auto* legacy = member(&node, "emailMarketingConsent");
    if (modern != nullptr && member(modern, "marketingState") != nullptr) {
        c.consent = model::source_consent_from(text(member(modern, "marketingState")));
        c.consent_updated_at = time_value(member(modern, "marketingUpdatedAt"));
    } else if (legacy != nullptr) {
        c.consent = model::source_consent_from(text(member(legacy, "marketingState")));
        c.consent_updated_at = time_value(member(legacy, "consentUpdatedAt"));
    }
    return out;
}

std::optional<model::Checkout> parse_checkout(const rapidjson::Value& node, const model::EmailHasher& hasher)
{
    auto created = time_value(member(&node, "createdAt"));
    std::string id = gid_tail(text(member(&node, "id")));
    if (id.empty() || !created)
        return std::nullopt;
    model::Checkout c;
    c.id = std::move(id);
    c.created_at = *created;
    c.completed_at = time_value(member(&node, "completedAt"));
    const auto* customer = member(&node, "customer");
    c.customer_id = customer ? legacy_id(customer) : std::string();
    c.email_hash = hasher.hash(customer_email(customer));
    if (auto total = shop_money(node, "totalPriceSet"))
        c.total = *total;
    return c;
}

std::vector<model::OrderChange> parse_order_changes(const rapidjson::Value& node,
                                                    const model::EmailHasher& hasher)
{
    std::vector<model::OrderChange> out;
    auto created = time_value(member(&node, "createdAt"));
    std::string id = legacy_id(&node);
    if (id.empty() || !created)
        return out;
    model::OrderChange base;
    base.order_id = std::move(id);
    base.order_name = text(member(&node, "name"));
    base.order_created_at = *created;
    base.test = truthy(member(&node, "test"));
    base.source_name = text(member(&node, "sourceName"));
    base.email_hash = hasher.hash(order_email(node));
    if (auto total = shop_money(node, "totalPriceSet"))
        base.total = *total;
    auto add = [&](model::OrderChangeKind kind, core::TimePoint at) {
        model::OrderChange c = base;
        c.kind = kind;
        c.at = at;
        out.push_back(std::move(c));
    };
    std::vector<core::TimePoint> shipped;
    if (const auto* list = member(&node, "fulfillments"); list && list->IsArray())
        for (const auto& f : list->GetArray())
            if (text(member(&f, "status")) == "SUCCESS")
                if (auto at = time_value(member(&f, "createdAt")))
                    shipped.push_back(*at);
    std::sort(shipped.begin(), shipped.end());
    const bool complete = text(member(&node, "displayFulfillmentStatus")) == "FULFILLED";
    for (std::size_t i = 0; i < shipped.size(); ++i)
        add(complete && i + 1 == shipped.size() ? model::OrderChangeKind::fulfilled
                                                : model::OrderChangeKind::partially_fulfilled,
            shipped[i]);
    if (auto cancelled = time_value(member(&node, "cancelledAt")))
        add(model::OrderChangeKind::cancelled, *cancelled);
    if (text(member(&node, "displayFinancialStatus")) == "REFUNDED") {
        std::optional<core::TimePoint> latest;
        if (const auto* list = member(&node, "refunds"); list && list->IsArray())
            for (const auto& r : list->GetArray())
                if (auto at = time_value(member(&r, "createdAt")); at && (!latest || *at > *latest))
                    latest = at;
        if (latest)
            add(model::OrderChangeKind::refunded, *latest);
    }
    return out;
}

}  // namespace frr::connectors::shopify
