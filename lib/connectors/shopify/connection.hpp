#pragma once
// Cursor pagination of one GraphQL connection (api/shopify.md section 3):
// `first`/`after` with pageInfo.endCursor until hasNextPage is false. A page
// whose requested cost exceeds the per-query maximum is asked again with a
// smaller `first`; a page with data and errors is kept and recorded as partial.
#include "connectors/shopify/graphql_client.hpp"

#include <functional>
#include <string>
#include <vector>

namespace frr::connectors::shopify {

struct ConnectionQuery {
    std::string document;  // with $first: Int!, $after: String, $query: String
    std::string field;     // the connection's field under data ("orders")
    std::string search;    // the `query:` argument; "" for none
    int page_size = 250;   // at most 250
};

struct ConnectionResult {
    int pages = 0;
    std::int64_t nodes = 0;
    std::vector<std::string> partial_errors;  // from pages that came with data and errors
    bool failed = false;                      // stopped before the last page
    CallStatus failure = CallStatus::ok;      // why, when failed
    std::string failure_message;
    bool complete() const { return !failed && partial_errors.empty(); }
};

using NodeSink = std::function<void(const rapidjson::Value& node)>;
// Progress after each page: (pages so far, nodes so far).
using PageProgress = std::function<void(int, std::int64_t)>;

ConnectionResult fetch_connection(GraphqlClient& client, const ConnectionQuery& query, const NodeSink& sink,
                                  const PageProgress& progress = {});

}  // namespace frr::connectors::shopify
