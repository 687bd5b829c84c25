// The result file of a bulk query: validated like any query (the same
// schema slice and messages), then every matching root object becomes one
// JSONL line and each child of a nested connection its own line with
// "__parentId" (api/shopify.md section 5). Lines are shuffled, as Shopify
// warns clients not to rely on their order.
#include <algorithm>
#include <random>

#include "bulk.hpp"
#include "exec_state.hpp"
#include "graphql_parser.hpp"
#include "schema.hpp"

namespace frr::sim::shopify {

namespace {

struct RootKind {
    std::string_view field;
    Collection collection;
    std::string_view type;
};
constexpr RootKind k_roots[] = {{"orders", Collection::Orders, "Order"},
                                {"customers", Collection::Customers, "Customer"},
                                {"abandonedCheckouts", Collection::Checkouts, "AbandonedCheckout"},
                                {"products", Collection::Products, "Product"}};

// The node selection of a connection field: `nodes { }` or `edges { node { } }`.
const std::vector<Field>* node_fields(const Field& connection)
{
    for (const auto& child : connection.children) {
        if (child.name == "nodes")
            return &child.children;
        if (child.name == "edges") {
            for (const auto& edge_child : child.children) {
                if (edge_child.name == "node")
                    return &edge_child.children;
            }
        }
    }
    return nullptr;
}

std::string with_parent(std::string line, const std::string& parent)
{
    if (!line.empty() && line.back() == '}') {
        line.pop_back();
        if (line.size() > 1)
            line += ',';
        line += "\"__parentId\":\"" + parent + "\"}";
    }
    return line;
}

}  // namespace

BulkResult run_bulk_query(const StoreIndex& index, const std::string& query, const ApiVersion& version,
                          const std::vector<std::string>& scopes, Time now, std::uint64_t seed)
{
    Document document = parse_document(query);
    ResolvedOperation operation = resolve_operation(document, "", nullptr);
    if (operation.type != OperationType::Query)
        throw GraphqlError("Bulk queries must be queries, not mutations.", 1, 1);
    auto errors = validate(operation.fields, "QueryRoot", version, "query");
    if (!errors.empty())
        throw GraphqlError(errors.front().message, errors.front().line, errors.front().column);
    if (operation.fields.size() != 1)
        throw GraphqlError("Bulk queries must contain exactly one top-level connection.", 1, 1);
    const Field& root = operation.fields.front();
    const RootKind* kind = nullptr;
    for (const auto& candidate : k_roots) {
        if (candidate.field == root.name)
            kind = &candidate;
    }
    if (kind == nullptr)
        throw GraphqlError("Bulk queries must contain at least one connection.", root.line, root.column);
    const std::vector<Field>* fields = node_fields(root);
    if (fields == nullptr)
        throw GraphqlError("Bulk queries must select the connection's nodes or edges.", root.line,
                           root.column);

    // Nested connections (Order.lineItems) become child lines.
    std::vector<Field> inline_fields;
    std::vector<const Field*> child_connections;
    for (const auto& field : *fields) {
        if (field.name == "lineItems")
            child_connections.push_back(&field);
        else
            inline_fields.push_back(field);
    }

    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    ExecState st{index, version, now, scopes, writer};
    BulkResult result;
    std::vector<std::string> lines;
    auto take_line = [&]() {
        std::string line(buffer.GetString(), buffer.GetSize());
        buffer.Clear();
        writer.Reset(buffer);
        ++result.object_count;
        return line;
    };
    const Store& store = index.store();
    for (Index i : all_matching(st, root, kind->collection)) {
        ++result.root_object_count;
        switch (kind->collection) {
        case Collection::Orders: write_order(st, store.orders[i], inline_fields); break;
        case Collection::Customers: write_customer(st, store.customers[i], inline_fields); break;
        case Collection::Checkouts: write_checkout(st, store.checkouts[i], inline_fields); break;
        case Collection::Products: write_product(st, store.products[i], inline_fields); break;
        }
        lines.push_back(take_line());
        if (kind->collection != Collection::Orders)
            continue;
        const Order& order = store.orders[i];
        const std::string parent = gid("Order", order.id);
        for (const Field* connection : child_connections) {
            const std::vector<Field>* child_fields = node_fields(*connection);
            if (child_fields == nullptr)
                continue;
            const auto items = store.line_items_of(order);
            for (std::size_t k = 0; k < items.size(); ++k) {
                const int changed = order.edited && order.edit_line == k ? order.edit_units : 0;
                write_line_item(st, items[k], *child_fields, changed);
                lines.push_back(with_parent(take_line(), parent));
            }
        }
    }
    std::mt19937_64 rng(seed);
    std::shuffle(lines.begin(), lines.end(), rng);
    for (const auto& line : lines) {
        result.jsonl += line;
        result.jsonl += '\n';
    }
    return result;
}

}  // namespace frr::sim::shopify
