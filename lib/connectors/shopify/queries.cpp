#include "connectors/shopify/queries.hpp"

#include "core/time.hpp"

#include <fmt/format.h>

namespace frr::connectors::shopify {

namespace {

std::string order_fields(EmailFields fields)
{
    std::string customer = fields == EmailFields::default_email_address
        ? "customer { id legacyResourceId defaultEmailAddress { emailAddress } }"
        : "customer { id legacyResourceId email }";
    return "id legacyResourceId name createdAt updatedAt cancelledAt test email sourceName "
           "displayFinancialStatus subtotalLineItemsQuantity edited "
           "originalTotalPriceSet { shopMoney { amount currencyCode } } "
           "subtotalPriceSet { shopMoney { amount currencyCode } } "
           "totalShippingPriceSet { shopMoney { amount currencyCode } } "
           "totalPriceSet { shopMoney { amount currencyCode } } " +
        customer;
}

std::string customer_fields(EmailFields fields)
{
    if (fields == EmailFields::default_email_address)
        return "id legacyResourceId createdAt updatedAt "
               "defaultEmailAddress { emailAddress marketingState marketingUpdatedAt }";
    return "id legacyResourceId createdAt updatedAt email "
           "emailMarketingConsent { marketingState consentUpdatedAt }";
}

}  // namespace

EmailFields email_fields_for(const std::string& api_version)
{
    return api_version < "2025-04" ? EmailFields::legacy : EmailFields::default_email_address;
}

std::string shop_info_query()
{
    return "query ShopInfo { shop { name currencyCode ianaTimezone } "
           "currentAppInstallation { accessScopes { handle } } }";
}

std::string orders_query(EmailFields fields, OrderSort sort)
{
    return fmt::format("query OrdersPage($first: Int!, $after: String, $query: String) {{ "
                       "orders(first: $first, after: $after, query: $query, sortKey: {}) {{ "
                       "pageInfo {{ hasNextPage endCursor }} nodes {{ {} }} }} }}",
                       sort == OrderSort::created_at ? "CREATED_AT" : "UPDATED_AT", order_fields(fields));
}

// What a daily eligible count needs of an order, scalars only.
constexpr const char* k_order_day_fields = "createdAt test email sourceName";

std::string order_counts_query()
{
    // Only scalars under each node: about one point per order, a tenth of the
    // full page, for the look-back days that need no more than a daily count.
    return fmt::format("query OrderDays($first: Int!, $after: String, $query: String) {{ "
                       "orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT) {{ "
                       "pageInfo {{ hasNextPage endCursor }} nodes {{ {} }} }} }}",
                       k_order_day_fields);
}

std::string customers_query(EmailFields fields)
{
    return fmt::format("query CustomersPage($first: Int!, $after: String, $query: String) {{ "
                       "customers(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {{ "
                       "pageInfo {{ hasNextPage endCursor }} nodes {{ {} }} }} }}",
                       customer_fields(fields));
}

std::string checkouts_query(EmailFields fields)
{
    std::string customer = fields == EmailFields::default_email_address
        ? "customer { id legacyResourceId defaultEmailAddress { emailAddress } }"
        : "customer { id legacyResourceId email }";
    return fmt::format(
        "query AbandonedCheckoutsPage($first: Int!, $after: String, $query: String) {{ "
        "abandonedCheckouts(first: $first, after: $after, query: $query, sortKey: CREATED_AT) {{ "
        "pageInfo {{ hasNextPage endCursor }} nodes {{ id createdAt completedAt "
        "totalPriceSet {{ shopMoney {{ amount currencyCode }} }} {} }} }} }}",
        customer);
}

std::string order_changes_query(EmailFields fields)
{
    std::string customer = fields == EmailFields::default_email_address
        ? "customer { id legacyResourceId defaultEmailAddress { emailAddress } }"
        : "customer { id legacyResourceId email }";
    // Twenty fulfilments or refunds per order cover any real order; a page of 100 such orders
    // stays under the 1,000-point query maximum.
    return fmt::format(
        "query OrderChangesPage($first: Int!, $after: String, $query: String) {{ "
        "orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {{ "
        "pageInfo {{ hasNextPage endCursor }} nodes {{ id legacyResourceId name createdAt "
        "updatedAt cancelledAt test email sourceName displayFinancialStatus "
        "displayFulfillmentStatus totalPriceSet {{ shopMoney {{ amount currencyCode }} }} {} "
        "fulfillments(first: 20) {{ createdAt status }} refunds(first: 20) {{ createdAt }} }} }} }}",
        customer);
}

std::string orders_count_query()
{
    return "query Counts($query: String) { ordersCount(query: $query, limit: null) { count precision } }";
}

std::string bulk_orders_document(EmailFields fields, const std::string& search)
{
    return fmt::format("{{ orders(query: \"{}\", sortKey: CREATED_AT) {{ edges {{ node {{ {} }} }} }} }}",
                       search, order_fields(fields));
}

std::string bulk_order_days_document(const std::string& search)
{
    return fmt::format("{{ orders(query: \"{}\", sortKey: CREATED_AT) {{ edges {{ node {{ {} }} }} }} }}",
                       search, k_order_day_fields);
}

std::string bulk_run_mutation()
{
    return "mutation RunBulk($query: String!) { bulkOperationRunQuery(query: $query) { "
           "bulkOperation { id status } userErrors { field message code } } }";
}

std::string bulk_poll_query()
{
    return "query PollBulk($id: ID!) { node(id: $id) { ... on BulkOperation { "
           "id status errorCode objectCount rootObjectCount url partialDataUrl } } }";
}

std::string time_range_search(const std::string& field, core::TimePoint from, core::TimePoint to)
{
    return fmt::format("{0}:>='{1}' AND {0}:<'{2}'", field, core::format_iso8601(from),
                       core::format_iso8601(to));
}

}  // namespace frr::connectors::shopify
