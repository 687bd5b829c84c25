// Resolvers of the record types: field names and nullability follow the
// 2025-01 schema (see schema.cpp); values come from the generated store.
#include <algorithm>
#include <cctype>

#include "exec_state.hpp"

namespace frr::sim::shopify {

namespace {

constexpr std::string_view k_access_denied =
    "This app is not approved to access the Customer object. See "
    "https://partners.shopify.com/1/apps/1/customer_data for more details.";

// Protected customer data under a graphql_partial fault: null plus an
// ACCESS_DENIED error at the field's path (a partial response).
bool redacted(ExecState& st)
{
    if (!st.redact_customer_data)
        return false;
    st.out.Null();
    st.add_error(std::string(k_access_denied), "ACCESS_DENIED");
    return true;
}

std::string handle_of(std::string_view title)
{
    std::string out;
    for (char c : title) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!out.empty() && out.back() != '-') {
            out += '-';
        }
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out;
}

// `first` caps a list field (Order.fulfillments, Order.refunds); absent: all of them.
std::size_t list_limit(const Field& f, std::size_t n)
{
    const Value* first = f.argument("first");
    if (first == nullptr || first->kind != ValueKind::Int || first->int_value < 0)
        return n;
    return std::min<std::size_t>(n, static_cast<std::size_t>(first->int_value));
}

// Ids of an order's fulfilments and refunds, derived from the order id (two fulfilments at most).
std::int64_t child_id(const Order& o, int k)
{
    return o.id % 1'000'000'000 * 4 + 4'400'000'000'000 + k;
}

// An order's fulfilments in time order: a partial one (some line items) before the one that
// completed the order, when there was one.
void write_fulfillments(ExecState& st, const Order& o, const Field& f)
{
    std::vector<std::pair<Time, std::uint32_t>> parts;  // (createdAt, quantity)
    if (o.fulfilled_at) {
        const auto items = st.store().line_items_of(o);
        std::uint32_t first_part = 0;
        if (o.partially_fulfilled_at && !items.empty()) {
            first_part = items.front().quantity;
            parts.emplace_back(*o.partially_fulfilled_at, first_part);
        }
        parts.emplace_back(*o.fulfilled_at, o.quantity - first_part);
    }
    st.out.StartArray();
    const std::size_t n = list_limit(f, parts.size());
    for (std::size_t k = 0; k < n; ++k) {
        st.meter.object();
        const auto [at, quantity] = parts[k];
        const std::int64_t id = child_id(o, static_cast<int>(k));
        write_object(st, "Fulfillment", f.children, [&](const Field& g) {
            if (g.name == "id")
                write_gid(st, "Fulfillment", id);
            else if (g.name == "legacyResourceId")
                write_string(st, std::to_string(id));
            else if (g.name == "name")
                write_string(st, order_name(st.store().shop, o) + "-F" + std::to_string(k + 1));
            else if (g.name == "createdAt" || g.name == "updatedAt")
                write_time(st, at);
            else if (g.name == "status")
                write_string(st, "SUCCESS");
            else if (g.name == "displayStatus")
                write_string(st, "FULFILLED");
            else if (g.name == "totalQuantity")
                st.out.Int(static_cast<int>(quantity));
            else
                st.out.Null();
        });
    }
    st.out.EndArray();
}

// A fully refunded order has one refund of its total; partially refunded orders are not given
// their refunds (the simulator does not keep their time; docs/simulator.md).
void write_refunds(ExecState& st, const Order& o, const Field& f)
{
    st.out.StartArray();
    if (o.financial_status == FinancialStatus::refunded && o.refunded_at && list_limit(f, 1) > 0) {
        st.meter.object();
        const std::int64_t id = child_id(o, 2);
        write_object(st, "Refund", f.children, [&](const Field& g) {
            if (g.name == "id")
                write_gid(st, "Refund", id);
            else if (g.name == "legacyResourceId")
                write_string(st, std::to_string(id));
            else if (g.name == "createdAt" || g.name == "updatedAt")
                write_time(st, *o.refunded_at);
            else if (g.name == "totalRefundedSet")
                write_money_bag(st, g, o.total, o.presentment_currency);
            else
                st.out.Null();
        });
    }
    st.out.EndArray();
}

}  // namespace

void write_order(ExecState& st, const Order& o, const std::vector<Field>& fields)
{
    const Customer* customer = st.store().customer_of(o);
    const Currency shop_currency = st.store().shop.currency;
    write_object(st, "Order", fields, [&](const Field& f) {
        const std::string& n = f.name;
        if (n == "id")
            write_gid(st, "Order", o.id);
        else if (n == "legacyResourceId")
            write_string(st, std::to_string(o.id));
        else if (n == "name")
            write_string(st, order_name(st.store().shop, o));
        else if (n == "createdAt")
            write_time(st, o.created_at);
        else if (n == "updatedAt")
            write_time(st, o.updated_at);
        else if (n == "processedAt")
            write_time(st, o.processed_at);
        else if (n == "cancelledAt")
            o.cancelled_at ? write_time(st, *o.cancelled_at) : void(st.out.Null());
        else if (n == "closed")
            st.out.Bool(o.cancelled_at.has_value() || o.fulfillment_status == FulfillmentStatus::fulfilled);
        else if (n == "test")
            st.out.Bool(o.test);
        else if (n == "email") {
            if (!redacted(st))
                write_optional_string(st, customer ? customer->email : "");
        } else if (n == "phone") {
            if (!redacted(st))
                write_optional_string(st, customer ? customer->phone : "");
        } else if (n == "sourceName")
            write_string(st, source_name(o.source));
        else if (n == "displayFinancialStatus")
            write_string(st, financial_status_name(o.financial_status));
        else if (n == "displayFulfillmentStatus")
            write_string(st, fulfillment_status_name(o.fulfillment_status));
        else if (n == "customerAcceptsMarketing")
            st.out.Bool(customer && customer->marketing_state == MarketingState::subscribed);
        else if (n == "subtotalLineItemsQuantity" || n == "currentSubtotalLineItemsQuantity")
            st.out.Int(static_cast<int>(o.quantity));  // after edits (no returns are modelled)
        else if (n == "edited")
            st.out.Bool(o.edited);
        else if (n == "currencyCode")
            write_string(st, currency_code(shop_currency));
        else if (n == "presentmentCurrencyCode")
            write_string(st, currency_code(o.presentment_currency));
        else if (n == "totalPriceSet" || n == "currentTotalPriceSet")
            write_money_bag(st, f, o.total, o.presentment_currency);
        else if (n == "originalTotalPriceSet")
            write_money_bag(st, f, o.original_total(), o.presentment_currency);
        else if (n == "subtotalPriceSet" || n == "currentSubtotalPriceSet")
            write_money_bag(st, f, o.subtotal, o.presentment_currency);
        else if (n == "totalShippingPriceSet")
            write_money_bag(st, f, o.shipping, o.presentment_currency);
        else if (n == "totalDiscountsSet")
            write_money_bag(st, f, o.discount, o.presentment_currency);
        else if (n == "customer")
            customer ? (st.meter.object(), write_customer(st, *customer, f.children)) : void(st.out.Null());
        else if (n == "lineItems")
            write_line_items(st, f, st.store().line_items_of(o), &o);
        else if (n == "fulfillments")
            write_fulfillments(st, o, f);
        else if (n == "refunds")
            write_refunds(st, o, f);
        else
            st.out.Null();
    });
}

void write_line_item(ExecState& st, const LineItem& item, const std::vector<Field>& fields, int units_changed)
{
    const Product* product = item.product == k_none ? nullptr : &st.store().products[item.product];
    write_object(st, "LineItem", fields, [&](const Field& f) {
        const std::string& n = f.name;
        if (n == "id")
            write_gid(st, "LineItem", item.id);
        else if (n == "quantity")
            st.out.Int(static_cast<int>(item.quantity) + std::max(units_changed, 0));
        else if (n == "currentQuantity")
            st.out.Int(static_cast<int>(item.quantity) + units_changed);
        else if (n == "title" || n == "name")
            write_string(st, product ? std::string_view(product->title) : "Custom item");
        else if (n == "sku")
            write_optional_string(st, product ? std::string_view(product->sku) : "");
        else if (n == "originalUnitPriceSet")
            write_money_bag(st, f, item.unit_price, st.store().shop.currency);
        else
            st.out.Null();
    });
}

void write_customer(ExecState& st, const Customer& c, const std::vector<Field>& fields)
{
    const bool has_email = c.has_email();
    write_object(st, "Customer", fields, [&](const Field& f) {
        const std::string& n = f.name;
        if (n == "id")
            write_gid(st, "Customer", c.id);
        else if (n == "legacyResourceId")
            write_string(st, std::to_string(c.id));
        else if (n == "createdAt")
            write_time(st, c.created_at);
        else if (n == "updatedAt")
            write_time(st, c.updated_at);
        else if (n == "state")
            write_string(st, has_email ? "ENABLED" : "DISABLED");
        else if (n == "email") {
            if (!redacted(st))
                write_optional_string(st, c.email);
        } else if (n == "phone") {
            if (!redacted(st))
                write_optional_string(st, c.phone);
        } else if (n == "firstName") {
            if (!redacted(st))
                write_optional_string(st, c.first_name);
        } else if (n == "lastName") {
            if (!redacted(st))
                write_optional_string(st, c.last_name);
        } else if (n == "displayName") {
            std::string name = std::string(c.first_name) +
                (c.first_name.empty() || c.last_name.empty() ? "" : " ") + std::string(c.last_name);
            write_string(st, !name.empty() ? name : has_email ? c.email : c.phone);
        } else if (n == "verifiedEmail")
            st.out.Bool(has_email && c.marketing_state != MarketingState::invalid);
        else if (n == "emailMarketingConsent") {
            if (!has_email && c.marketing_state != MarketingState::redacted) {
                st.out.Null();
                return;
            }
            st.meter.object();
            write_object(st, "CustomerEmailMarketingConsentState", f.children, [&](const Field& g) {
                if (g.name == "marketingState")
                    write_string(st, marketing_state_name(c.marketing_state));
                else if (g.name == "marketingOptInLevel")
                    write_string(st, opt_in_level_name(c.opt_in_level));
                else if (c.consent_updated_at)
                    write_time(st, *c.consent_updated_at);
                else
                    st.out.Null();
            });
        } else if (n == "defaultEmailAddress") {
            if (redacted(st))
                return;
            if (!has_email) {
                st.out.Null();
                return;
            }
            st.meter.object();
            write_object(st, "CustomerEmailAddress", f.children, [&](const Field& g) {
                if (g.name == "emailAddress")
                    write_string(st, c.email);
                else if (g.name == "marketingState")
                    write_string(st, marketing_state_name(c.marketing_state));
                else if (g.name == "marketingOptInLevel")
                    write_string(st, opt_in_level_name(c.opt_in_level));
                else if (g.name == "validFormat")
                    st.out.Bool(c.marketing_state != MarketingState::invalid);
                else if (c.consent_updated_at)
                    write_time(st, *c.consent_updated_at);
                else
                    st.out.Null();
            });
        } else
            st.out.Null();
    });
}

void write_checkout(ExecState& st, const AbandonedCheckout& c, const std::vector<Field>& fields)
{
    const Customer* customer = c.customer == k_none ? nullptr : &st.store().customers[c.customer];
    write_object(st, "AbandonedCheckout", fields, [&](const Field& f) {
        const std::string& n = f.name;
        if (n == "id")
            write_gid(st, "AbandonedCheckout", c.id);
        else if (n == "name")
            write_string(st, "#" + std::to_string(c.id));
        else if (n == "createdAt")
            write_time(st, c.created_at);
        else if (n == "updatedAt")
            write_time(st, c.updated_at);
        else if (n == "completedAt")
            st.out.Null();
        else if (n == "abandonedCheckoutUrl") {
            write_string(st,
                         "https://" + st.store().shop.domain + "/" + std::to_string(st.store().shop.id) +
                             "/checkouts/ac/" + std::to_string(c.id) + "/recover");
        } else if (n == "totalPriceSet")
            write_money_bag(st, f, c.total, c.presentment_currency);
        else if (n == "subtotalPriceSet")
            write_money_bag(st, f, c.subtotal, c.presentment_currency);
        else if (n == "customer")
            customer ? (st.meter.object(), write_customer(st, *customer, f.children)) : void(st.out.Null());
        else
            st.out.Null();
    });
}

void write_product(ExecState& st, const Product& p, const std::vector<Field>& fields)
{
    write_object(st, "Product", fields, [&](const Field& f) {
        const std::string& n = f.name;
        if (n == "id")
            write_gid(st, "Product", p.id);
        else if (n == "legacyResourceId")
            write_string(st, std::to_string(p.id));
        else if (n == "title")
            write_string(st, p.title);
        else if (n == "handle")
            write_string(st, handle_of(p.title));
        else if (n == "status")
            write_string(st, "ACTIVE");
        else if (n == "createdAt")
            write_time(st, p.created_at);
        else if (n == "updatedAt")
            write_time(st, p.updated_at);
        else
            st.out.Null();
    });
}

}  // namespace frr::sim::shopify
