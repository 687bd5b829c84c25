#pragma once
// Shopify's calculated query cost (api/shopify.md section 2), computed
// statically from a validated operation before it runs:
//   scalar/enum 0; object 1 + its selections; list of objects the same;
//   connection 2 + first (or last) x (1 + the node's selections), where the
//   node selection is the larger of `nodes { }` and `edges { node { } }`;
//   every mutation root field 10.
// The actual cost is metered during execution with the same rules and the
// number of nodes really returned (see CostMeter), so the refund is the
// difference.
#include <string>
#include <vector>

#include "api_version.hpp"
#include "graphql_ast.hpp"

namespace frr::sim::shopify {

inline constexpr int k_max_page_size = 250;
inline constexpr int k_max_query_cost = 1000;
inline constexpr int k_mutation_cost = 10;

int requested_cost(const std::vector<Field>& fields, OperationType type, const ApiVersion& version);

// Errors about connection arguments found before execution: a missing
// first/last ("you must provide one of first or last") or one above 250
// ("first cannot exceed 250. ..."). Each entry is {message, path}.
struct PageArgumentError {
    std::string message;
    std::vector<std::string> path;
};
std::vector<PageArgumentError> page_argument_errors(const std::vector<Field>& fields,
                                                    const ApiVersion& version,
                                                    const std::string& operation_label);

// Accumulates the actual cost while a response is produced.
class CostMeter {
public:
    void object() { ++m_cost; }
    void connection() { m_cost += 2; }
    int cost() const { return m_cost; }

private:
    int m_cost = 0;
};

}  // namespace frr::sim::shopify
