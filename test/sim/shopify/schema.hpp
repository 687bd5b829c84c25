#pragma once
// The slice of the Admin GraphQL schema the simulator serves, with the
// exact field names and types of the saved 2025-01 introspection plus the
// documented later additions (Customer.defaultEmailAddress from 2025-04,
// QueryRoot.bulkOperation from 2026-01). Validation rejects everything
// else with graphql-ruby's messages, so an unsupported query is an error,
// never an empty success.
#include <string>
#include <string_view>
#include <vector>

#include "api_version.hpp"
#include "graphql_ast.hpp"

namespace frr::sim::shopify {

enum class FieldKind {
    Scalar,      // leaf (scalar or enum): cost 0
    Object,      // single object: cost 1 + children
    List,        // list of objects: costed like one object
    Connection,  // paginated: cost 2 + first x node cost
};

struct FieldSpec {
    std::string_view name;
    FieldKind kind;
    std::string_view type;           // GraphQL type name as printed, e.g. "MoneyBag!" or "Int"
    std::string_view arguments;      // space-separated accepted argument names
    std::string_view since_version;  // empty: in every served version
};

struct TypeSpec {
    std::string_view name;
    std::vector<FieldSpec> fields;
    std::vector<std::string_view> possible_types;  // for interfaces (Node)
};

// Named type of a field type, stripping list/non-null markers: "[ApiVersion!]!" -> "ApiVersion".
std::string_view named_type(std::string_view type);

const TypeSpec* find_type(std::string_view name);
const FieldSpec* find_field(const TypeSpec& type, std::string_view name, const ApiVersion& version);

struct ValidationError {
    std::string message;
    int line = 1;
    int column = 1;
    std::vector<std::string> path;
    std::string code;  // extensions.code, e.g. "undefinedField"
    std::string type_name;
    std::string field_name;
};

// Validates the resolved root fields against `QueryRoot` or `Mutation`.
// `operation_label` is the first path element ("query OrdersPage").
std::vector<ValidationError> validate(const std::vector<Field>& fields, std::string_view root_type,
                                      const ApiVersion& version, const std::string& operation_label);

}  // namespace frr::sim::shopify
