#pragma once
// Per-request execution state shared by the resolvers: the store views, the
// served version and sim time, the token's scopes, active faults that shape
// the data, the JSON writer, the actual-cost meter and the errors gathered
// for the `errors` array (partial responses carry `data` and `errors`).
#include <functional>
#include <string>
#include <vector>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "api_version.hpp"
#include "cost.hpp"
#include "graphql_ast.hpp"
#include "search_query.hpp"
#include "store_index.hpp"

namespace frr::sim::shopify {

class BulkRegistry;

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

struct PathElement {
    std::string key;
    int index = -1;  // >= 0 for a list position
};

struct ResponseError {
    std::string message;
    std::vector<PathElement> path;
    std::string code;  // extensions.code; empty for none
};

struct SearchReport {
    std::vector<PathElement> path;
    std::string query;
    std::vector<SearchWarning> warnings;
};

struct ExecState {
    ExecState(const StoreIndex& index_, ApiVersion version_, Time now_, std::vector<std::string> scopes_,
              JsonWriter& out_)
        : index(index_),
          version(std::move(version_)),
          now(now_),
          scopes(std::move(scopes_)),
          out(out_)
    {
    }

    const StoreIndex& index;
    ApiVersion version;
    Time now;
    std::vector<std::string> scopes;
    JsonWriter& out;
    bool redact_customer_data = false;  // graphql_partial fault: ACCESS_DENIED on customer PII
    bool short_pages = false;           // short_page fault: half pages that still have a next page
    BulkRegistry* bulk = nullptr;
    std::string owner;  // token owner: bucket and bulk-operation scope
    std::string base_url;
    CostMeter meter;
    std::vector<ResponseError> errors;
    std::vector<PathElement> path;
    std::vector<SearchReport> search_reports;

    const Store& store() const { return index.store(); }
    bool has_scope(std::string_view scope) const;
    void add_error(std::string message, std::string code, const std::string& leaf = "");
};

// Writes `{ ... }` for `fields`, pushing each response key onto the path
// and skipping fields selected under a non-matching `... on Type`.
// `resolve(field)` writes the field's value; __typename is handled here.
void write_object(ExecState& st, std::string_view type_name, const std::vector<Field>& fields,
                  const std::function<void(const Field&)>& resolve);

void write_string(ExecState& st, std::string_view text);
void write_optional_string(ExecState& st, std::string_view text);  // null when empty
void write_time(ExecState& st, Time t);
void write_gid(ExecState& st, std::string_view type, std::int64_t id);
std::string gid(std::string_view type, std::int64_t id);
void write_money_bag(ExecState& st, const Field& field, Money amount, Currency presentment);

// Resolvers per record type (exec_records.cpp).
void write_order(ExecState& st, const Order& order, const std::vector<Field>& fields);
void write_customer(ExecState& st, const Customer& customer, const std::vector<Field>& fields);
void write_checkout(ExecState& st, const AbandonedCheckout& checkout, const std::vector<Field>& fields);
void write_product(ExecState& st, const Product& product, const std::vector<Field>& fields);
// `units_changed`: an order edit's change of this line (Order::edit_units), 0 when none:
// quantity counts removed units too, currentQuantity does not (2025-01 schema).
void write_line_item(ExecState& st, const LineItem& item, const std::vector<Field>& fields,
                     int units_changed = 0);

// Connections and counts (exec_connections.cpp). The field is a root field.
void write_collection(ExecState& st, const Field& field, Collection collection);
void write_count(ExecState& st, const Field& field, Collection collection);
void write_line_items(ExecState& st, const Field& field, std::span<const LineItem> items,
                      const Order* order = nullptr);
// Every visible record of a collection matching the field's query: bulk roots.
std::vector<Index> all_matching(ExecState& st, const Field& field, Collection collection);

// Root fields (exec_root.cpp).
void execute_query(ExecState& st, const std::vector<Field>& fields);
void execute_mutation(ExecState& st, const std::vector<Field>& fields);

}  // namespace frr::sim::shopify
