#include "schema.hpp"

#include <algorithm>

namespace frr::sim::shopify {

namespace {

using K = FieldKind;
constexpr std::string_view k_page_args = "first after last before reverse sortKey query savedSearchId";

// Field names and types copied from the 2025-01 introspection (shared/spec);
// later fields carry the version that introduced them.
const std::vector<TypeSpec>& types()
{
    static const std::vector<TypeSpec> k_types = {
        {"QueryRoot",
         {{"orders", K::Connection, "OrderConnection!", k_page_args, ""},
          {"customers", K::Connection, "CustomerConnection!", "first after last before reverse sortKey query",
           ""},
          {"abandonedCheckouts", K::Connection, "AbandonedCheckoutConnection!", k_page_args, ""},
          {"products", K::Connection, "ProductConnection!", k_page_args, ""},
          {"ordersCount", K::Object, "Count", "query savedSearchId limit", ""},
          {"customersCount", K::Object, "Count", "query limit", ""},
          {"productsCount", K::Object, "Count", "query savedSearchId limit", ""},
          {"abandonedCheckoutsCount", K::Object, "Count", "query savedSearchId limit", ""},
          {"order", K::Object, "Order", "id", ""},
          {"customer", K::Object, "Customer", "id", ""},
          {"shop", K::Object, "Shop!", "", ""},
          {"currentAppInstallation", K::Object, "AppInstallation!", "", ""},
          {"publicApiVersions", K::List, "[ApiVersion!]!", "", ""},
          {"node", K::Object, "Node", "id", ""},
          {"currentBulkOperation", K::Object, "BulkOperation", "type", ""},
          {"bulkOperation", K::Object, "BulkOperation", "id", "2026-01"}},
         {}},
        {"Mutation",
         {{"bulkOperationRunQuery", K::Object, "BulkOperationRunQueryPayload", "query groupObjects", ""},
          {"bulkOperationCancel", K::Object, "BulkOperationCancelPayload", "id", ""}},
         {}},
        {"Order",
         {{"id", K::Scalar, "ID!", "", ""},
          {"legacyResourceId", K::Scalar, "UnsignedInt64!", "", ""},
          {"name", K::Scalar, "String!", "", ""},
          {"createdAt", K::Scalar, "DateTime!", "", ""},
          {"updatedAt", K::Scalar, "DateTime!", "", ""},
          {"processedAt", K::Scalar, "DateTime!", "", ""},
          {"cancelledAt", K::Scalar, "DateTime", "", ""},
          {"closed", K::Scalar, "Boolean!", "", ""},
          {"test", K::Scalar, "Boolean!", "", ""},
          {"email", K::Scalar, "String", "", ""},
          {"phone", K::Scalar, "String", "", ""},
          {"sourceName", K::Scalar, "String", "", ""},
          {"displayFinancialStatus", K::Scalar, "OrderDisplayFinancialStatus", "", ""},
          {"displayFulfillmentStatus", K::Scalar, "OrderDisplayFulfillmentStatus!", "", ""},
          {"customerAcceptsMarketing", K::Scalar, "Boolean!", "", ""},
          {"subtotalLineItemsQuantity", K::Scalar, "Int!", "", ""},
          {"currentSubtotalLineItemsQuantity", K::Scalar, "Int!", "", ""},
          {"edited", K::Scalar, "Boolean!", "", ""},
          {"currencyCode", K::Scalar, "CurrencyCode!", "", ""},
          {"presentmentCurrencyCode", K::Scalar, "CurrencyCode!", "", ""},
          {"totalPriceSet", K::Object, "MoneyBag!", "", ""},
          {"originalTotalPriceSet", K::Object, "MoneyBag!", "", ""},
          {"currentTotalPriceSet", K::Object, "MoneyBag!", "", ""},
          {"currentSubtotalPriceSet", K::Object, "MoneyBag!", "", ""},
          {"subtotalPriceSet", K::Object, "MoneyBag", "", ""},
          {"totalShippingPriceSet", K::Object, "MoneyBag!", "", ""},
          {"totalDiscountsSet", K::Object, "MoneyBag", "", ""},
          {"customer", K::Object, "Customer", "", ""},
          {"lineItems", K::Connection, "LineItemConnection!", "first after last before reverse", ""},
          {"fulfillments", K::List, "[Fulfillment!]!", "first", ""},
          {"refunds", K::List, "[Refund!]!", "first", ""}},
         {}},
        {"Fulfillment",
         {{"id", K::Scalar, "ID!", "", ""},
          {"legacyResourceId", K::Scalar, "UnsignedInt64!", "", ""},
          {"name", K::Scalar, "String!", "", ""},
          {"createdAt", K::Scalar, "DateTime!", "", ""},
          {"updatedAt", K::Scalar, "DateTime!", "", ""},
          {"status", K::Scalar, "FulfillmentStatus!", "", ""},
          {"displayStatus", K::Scalar, "FulfillmentDisplayStatus", "", ""},
          {"totalQuantity", K::Scalar, "Int!", "", ""}},
         {}},
        {"Refund",
         {{"id", K::Scalar, "ID!", "", ""},
          {"legacyResourceId", K::Scalar, "UnsignedInt64!", "", ""},
          {"createdAt", K::Scalar, "DateTime", "", ""},
          {"updatedAt", K::Scalar, "DateTime!", "", ""},
          {"note", K::Scalar, "String", "", ""},
          {"totalRefundedSet", K::Object, "MoneyBag!", "", ""}},
         {}},
        {"LineItem",
         {{"id", K::Scalar, "ID!", "", ""},
          {"quantity", K::Scalar, "Int!", "", ""},
          {"currentQuantity", K::Scalar, "Int!", "", ""},
          {"title", K::Scalar, "String!", "", ""},
          {"name", K::Scalar, "String!", "", ""},
          {"sku", K::Scalar, "String", "", ""},
          {"originalUnitPriceSet", K::Object, "MoneyBag!", "", ""}},
         {}},
        {"Customer",
         {{"id", K::Scalar, "ID!", "", ""},
          {"legacyResourceId", K::Scalar, "UnsignedInt64!", "", ""},
          {"createdAt", K::Scalar, "DateTime!", "", ""},
          {"updatedAt", K::Scalar, "DateTime!", "", ""},
          {"state", K::Scalar, "CustomerState!", "", ""},
          {"email", K::Scalar, "String", "", ""},
          {"phone", K::Scalar, "String", "", ""},
          {"firstName", K::Scalar, "String", "", ""},
          {"lastName", K::Scalar, "String", "", ""},
          {"displayName", K::Scalar, "String!", "", ""},
          {"verifiedEmail", K::Scalar, "Boolean!", "", ""},
          {"emailMarketingConsent", K::Object, "CustomerEmailMarketingConsentState", "", ""},
          {"defaultEmailAddress", K::Object, "CustomerEmailAddress", "", "2025-04"}},
         {}},
        {"CustomerEmailMarketingConsentState",
         {{"marketingState", K::Scalar, "CustomerEmailMarketingState!", "", ""},
          {"marketingOptInLevel", K::Scalar, "CustomerMarketingOptInLevel", "", ""},
          {"consentUpdatedAt", K::Scalar, "DateTime", "", ""}},
         {}},
        {"CustomerEmailAddress",
         {{"emailAddress", K::Scalar, "String!", "", ""},
          {"marketingState", K::Scalar, "CustomerEmailAddressMarketingState!", "", ""},
          {"marketingOptInLevel", K::Scalar, "CustomerMarketingOptInLevel", "", ""},
          {"marketingUpdatedAt", K::Scalar, "DateTime", "", ""},
          {"validFormat", K::Scalar, "Boolean!", "", ""}},
         {}},
        {"AbandonedCheckout",
         {{"id", K::Scalar, "ID!", "", ""},
          {"name", K::Scalar, "String!", "", ""},
          {"createdAt", K::Scalar, "DateTime!", "", ""},
          {"updatedAt", K::Scalar, "DateTime!", "", ""},
          {"completedAt", K::Scalar, "DateTime", "", ""},
          {"abandonedCheckoutUrl", K::Scalar, "URL!", "", ""},
          {"totalPriceSet", K::Object, "MoneyBag!", "", ""},
          {"subtotalPriceSet", K::Object, "MoneyBag!", "", ""},
          {"customer", K::Object, "Customer", "", ""}},
         {}},
        {"Product",
         {{"id", K::Scalar, "ID!", "", ""},
          {"legacyResourceId", K::Scalar, "UnsignedInt64!", "", ""},
          {"title", K::Scalar, "String!", "", ""},
          {"handle", K::Scalar, "String!", "", ""},
          {"status", K::Scalar, "ProductStatus!", "", ""},
          {"createdAt", K::Scalar, "DateTime!", "", ""},
          {"updatedAt", K::Scalar, "DateTime!", "", ""}},
         {}},
        {"MoneyBag",
         {{"shopMoney", K::Object, "MoneyV2!", "", ""}, {"presentmentMoney", K::Object, "MoneyV2!", "", ""}},
         {}},
        {"MoneyV2",
         {{"amount", K::Scalar, "Decimal!", "", ""}, {"currencyCode", K::Scalar, "CurrencyCode!", "", ""}},
         {}},
        {"Count",
         {{"count", K::Scalar, "Int!", "", ""}, {"precision", K::Scalar, "CountPrecision!", "", ""}},
         {}},
        {"PageInfo",
         {{"hasNextPage", K::Scalar, "Boolean!", "", ""},
          {"hasPreviousPage", K::Scalar, "Boolean!", "", ""},
          {"startCursor", K::Scalar, "String", "", ""},
          {"endCursor", K::Scalar, "String", "", ""}},
         {}},
        {"Shop",
         {{"id", K::Scalar, "ID!", "", ""},
          {"name", K::Scalar, "String!", "", ""},
          {"email", K::Scalar, "String!", "", ""},
          {"myshopifyDomain", K::Scalar, "String!", "", ""},
          {"currencyCode", K::Scalar, "CurrencyCode!", "", ""},
          {"ianaTimezone", K::Scalar, "String!", "", ""},
          {"plan", K::Object, "ShopPlan!", "", ""}},
         {}},
        {"ShopPlan",
         {{"displayName", K::Scalar, "String!", "", ""},
          {"partnerDevelopment", K::Scalar, "Boolean!", "", ""},
          {"shopifyPlus", K::Scalar, "Boolean!", "", ""}},
         {}},
        {"AppInstallation",
         {{"id", K::Scalar, "ID!", "", ""}, {"accessScopes", K::List, "[AccessScope!]!", "", ""}},
         {}},
        {"AccessScope",
         {{"handle", K::Scalar, "String!", "", ""}, {"description", K::Scalar, "String!", "", ""}},
         {}},
        {"ApiVersion",
         {{"handle", K::Scalar, "String!", "", ""},
          {"displayName", K::Scalar, "String!", "", ""},
          {"supported", K::Scalar, "Boolean!", "", ""}},
         {}},
        {"BulkOperation",
         {{"id", K::Scalar, "ID!", "", ""},
          {"status", K::Scalar, "BulkOperationStatus!", "", ""},
          {"errorCode", K::Scalar, "BulkOperationErrorCode", "", ""},
          {"createdAt", K::Scalar, "DateTime!", "", ""},
          {"completedAt", K::Scalar, "DateTime", "", ""},
          {"objectCount", K::Scalar, "UnsignedInt64!", "", ""},
          {"rootObjectCount", K::Scalar, "UnsignedInt64!", "", ""},
          {"fileSize", K::Scalar, "UnsignedInt64", "", ""},
          {"url", K::Scalar, "URL", "", ""},
          {"partialDataUrl", K::Scalar, "URL", "", ""},
          {"query", K::Scalar, "String!", "", ""},
          {"type", K::Scalar, "BulkOperationType!", "", ""}},
         {}},
        {"BulkOperationRunQueryPayload",
         {{"bulkOperation", K::Object, "BulkOperation", "", ""},
          {"userErrors", K::List, "[BulkOperationUserError!]!", "", ""}},
         {}},
        {"BulkOperationCancelPayload",
         {{"bulkOperation", K::Object, "BulkOperation", "", ""},
          {"userErrors", K::List, "[UserError!]!", "", ""}},
         {}},
        {"BulkOperationUserError",
         {{"field", K::Scalar, "[String!]", "", ""},
          {"message", K::Scalar, "String!", "", ""},
          {"code", K::Scalar, "BulkOperationUserErrorCode", "", ""}},
         {}},
        {"UserError",
         {{"field", K::Scalar, "[String!]", "", ""}, {"message", K::Scalar, "String!", "", ""}},
         {}},
        {"Node",
         {{"id", K::Scalar, "ID!", "", ""}},
         {"Order", "Customer", "AbandonedCheckout", "Product", "BulkOperation"}},
    };
    return k_types;
}

struct ConnectionTypes {
    std::string_view connection, edge, node;
};
constexpr ConnectionTypes k_connections[] = {
    {"OrderConnection", "OrderEdge", "Order"},
    {"CustomerConnection", "CustomerEdge", "Customer"},
    {"AbandonedCheckoutConnection", "AbandonedCheckoutEdge", "AbandonedCheckout"},
    {"ProductConnection", "ProductEdge", "Product"},
    {"LineItemConnection", "LineItemEdge", "LineItem"},
};

}  // namespace

std::string_view named_type(std::string_view type)
{
    while (!type.empty() && (type.front() == '['))
        type.remove_prefix(1);
    while (!type.empty() && (type.back() == ']' || type.back() == '!'))
        type.remove_suffix(1);
    return type;
}

const TypeSpec* find_type(std::string_view name)
{
    for (const auto& type : types()) {
        if (type.name == name)
            return &type;
    }
    // Connection and edge types are synthesised from their node type.
    static const std::vector<TypeSpec> k_generated = [] {
        std::vector<TypeSpec> generated;
        for (const auto& c : k_connections) {
            generated.push_back({c.connection,
                                 {{"edges", K::List, c.edge, "", ""},
                                  {"nodes", K::List, c.node, "", ""},
                                  {"pageInfo", K::Object, "PageInfo!", "", ""}},
                                 {}});
            generated.push_back(
                {c.edge,
                 {{"cursor", K::Scalar, "String!", "", ""}, {"node", K::Object, c.node, "", ""}},
                 {}});
        }
        return generated;
    }();
    for (const auto& type : k_generated) {
        if (type.name == name)
            return &type;
    }
    return nullptr;
}

const FieldSpec* find_field(const TypeSpec& type, std::string_view name, const ApiVersion& version)
{
    for (const auto& field : type.fields) {
        if (field.name != name)
            continue;
        if (!field.since_version.empty() && !version.at_least(field.since_version))
            return nullptr;
        return &field;
    }
    return nullptr;
}

}  // namespace frr::sim::shopify
