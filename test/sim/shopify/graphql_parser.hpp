#pragma once
// Parser for the GraphQL query language subset the simulator serves:
// query/mutation operations (named or anonymous, with variable definitions
// and defaults), fields with aliases and arguments (all literal kinds,
// including block strings), inline fragments `... on Type`, named
// fragments and spreads. Directives are rejected with a parse error.
#include <stdexcept>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "graphql_ast.hpp"

namespace frr::sim::shopify {

// A syntax or resolution error; message follows graphql-ruby's wording
// ("Parse error on \"}\" (RCURLY) at [1, 5]") so clients see real shapes.
class GraphqlError : public std::runtime_error {
public:
    GraphqlError(const std::string& message, int line, int column, std::string problem = {})
        : std::runtime_error(message),
          m_line(line),
          m_column(column),
          m_problem(std::move(problem))
    {
    }
    int line() const { return m_line; }
    int column() const { return m_column; }
    // For invalid variable values: graphql-ruby's `extensions.problems[0].explanation`.
    const std::string& problem() const { return m_problem; }

private:
    int m_line;
    int m_column;
    std::string m_problem;
};

Document parse_document(std::string_view text);

// Picks the operation (by name, or the only one), inlines fragments and
// substitutes variables from the request's JSON `variables` (may be null).
// Throws GraphqlError for a missing operation, unknown fragment, undefined
// variable or a missing non-null variable.
struct ResolvedOperation {
    OperationType type = OperationType::Query;
    std::vector<Field> fields;
};
ResolvedOperation resolve_operation(const Document& document, const std::string& operation_name,
                                    const rapidjson::Value* variables);

// Converts JSON (a variable value) to a GraphQL value.
Value value_from_json(const rapidjson::Value& json);

}  // namespace frr::sim::shopify
