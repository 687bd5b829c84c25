#include "cost.hpp"

#include <algorithm>

#include "schema.hpp"

namespace frr::sim::shopify {

namespace {

const FieldSpec* spec_of(const Field& field, const TypeSpec& parent, const ApiVersion& version)
{
    const TypeSpec* owner = field.on_type.empty() ? &parent : find_type(field.on_type);
    return owner == nullptr ? nullptr : find_field(*owner, field.name, version);
}

int page_size(const Field& field)
{
    for (const char* key : {"first", "last"}) {
        const Value* value = field.argument(key);
        if (value != nullptr && value->kind == ValueKind::Int)
            return static_cast<int>(value->int_value);
    }
    return 0;
}

int selection_cost(const std::vector<Field>& fields, const TypeSpec& type, const ApiVersion& version);

int field_cost(const Field& field, const TypeSpec& parent, const ApiVersion& version)
{
    const FieldSpec* spec = spec_of(field, parent, version);
    if (spec == nullptr || spec->kind == FieldKind::Scalar)
        return 0;
    const TypeSpec* type = find_type(named_type(spec->type));
    if (type == nullptr)
        return 0;
    if (spec->kind != FieldKind::Connection)
        return 1 + selection_cost(field.children, *type, version);
    int node_cost = 0;
    for (const auto& child : field.children) {
        const FieldSpec* child_spec = find_field(*type, child.name, version);
        if (child_spec == nullptr)
            continue;
        const TypeSpec* node_type = find_type(named_type(child_spec->type));
        if (node_type == nullptr)
            continue;
        if (child.name == "nodes") {
            node_cost = std::max(node_cost, 1 + selection_cost(child.children, *node_type, version));
        } else if (child.name == "edges") {
            for (const auto& edge_child : child.children) {
                if (edge_child.name != "node")
                    continue;
                const TypeSpec* inner = find_type(named_type(find_field(*node_type, "node", version)->type));
                if (inner == nullptr)
                    continue;
                node_cost = std::max(node_cost, 1 + selection_cost(edge_child.children, *inner, version));
            }
        }
    }
    return 2 + std::max(page_size(field), 0) * node_cost;
}

int selection_cost(const std::vector<Field>& fields, const TypeSpec& type, const ApiVersion& version)
{
    int total = 0;
    for (const auto& field : fields)
        total += field_cost(field, type, version);
    return total;
}

void collect_page_errors(const std::vector<Field>& fields, const TypeSpec& type, const ApiVersion& version,
                         std::vector<std::string>& path, std::vector<PageArgumentError>& out)
{
    for (const auto& field : fields) {
        const FieldSpec* spec = spec_of(field, type, version);
        if (spec == nullptr || spec->kind == FieldKind::Scalar)
            continue;
        path.push_back(field.response_key);
        if (spec->kind == FieldKind::Connection) {
            const Value* first = field.argument("first");
            const Value* last = field.argument("last");
            bool has_first = first != nullptr && !first->is_null();
            bool has_last = last != nullptr && !last->is_null();
            if (!has_first && !has_last) {
                out.push_back({"you must provide one of first or last", path});
            }
            for (const auto& [key, value] : {std::pair{"first", first}, std::pair{"last", last}}) {
                if (value != nullptr && value->kind == ValueKind::Int && value->int_value > k_max_page_size) {
                    out.push_back({std::string(key) +
                                       " cannot exceed 250. To query larger amounts of data with "
                                       "fewer limits, bulk operations should be used instead.",
                                   path});
                }
            }
        }
        if (const TypeSpec* child = find_type(named_type(spec->type))) {
            collect_page_errors(field.children, *child, version, path, out);
        }
        path.pop_back();
    }
}

}  // namespace

int requested_cost(const std::vector<Field>& fields, OperationType type, const ApiVersion& version)
{
    if (type == OperationType::Mutation)
        return k_mutation_cost * static_cast<int>(fields.size());
    const TypeSpec* root = find_type("QueryRoot");
    return root == nullptr ? 0 : selection_cost(fields, *root, version);
}

std::vector<PageArgumentError> page_argument_errors(const std::vector<Field>& fields,
                                                    const ApiVersion& version,
                                                    const std::string& operation_label)
{
    std::vector<PageArgumentError> out;
    const TypeSpec* root = find_type("QueryRoot");
    if (root == nullptr)
        return out;
    std::vector<std::string> path{operation_label};
    collect_page_errors(fields, *root, version, path, out);
    return out;
}

}  // namespace frr::sim::shopify
