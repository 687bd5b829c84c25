#include "connectors/shopify/connection.hpp"

#include "connectors/json_access.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace frr::connectors::shopify {

namespace {

constexpr int k_max_page_size = 250;

std::string variables(int first, const std::string& after, const std::string& search)
{
    return fmt::format(R"({{"first":{},"after":{},"query":{}}})", first,
                       after.empty() ? std::string("null") : json_string(after),
                       search.empty() ? std::string("null") : json_string(search));
}

// A `first` that fits the per-query maximum, with a margin for estimation error.
int smaller_page(int first, const GraphqlReply& reply)
{
    if (reply.max_cost && reply.query_cost && *reply.query_cost > 0) {
        double scaled = std::floor(first * (*reply.max_cost / *reply.query_cost) * 0.9);
        return std::clamp(static_cast<int>(scaled), 1, first - 1);
    }
    return std::max(1, first / 2);
}

}  // namespace

ConnectionResult fetch_connection(GraphqlClient& client, const ConnectionQuery& query, const NodeSink& sink,
                                  const PageProgress& progress)
{
    ConnectionResult out;
    int first = std::clamp(query.page_size, 1, k_max_page_size);
    std::string after;
    double estimated_cost = 0;
    for (;;) {
        GraphqlReply reply =
            client.call(query.document, variables(first, after, query.search), estimated_cost);
        if (reply.status == CallStatus::max_cost && first > 1) {
            first = smaller_page(first, reply);
            continue;
        }
        if (reply.status != CallStatus::ok && reply.status != CallStatus::partial) {
            out.failed = true;
            out.failure = reply.status;
            out.failure_message = reply.errors.empty() ? std::string("no data") : reply.errors.front();
            return out;
        }
        const auto* connection = member(reply.data(), query.field.c_str());
        if (reply.status == CallStatus::partial) {
            for (auto& e : reply.errors)
                out.partial_errors.push_back(std::move(e));
        }
        if (connection == nullptr) {
            // data without the connection: nothing can be read and nothing may be presumed empty.
            out.failed = true;
            out.failure = CallStatus::partial;
            out.failure_message = fmt::format("the answer had no '{}' data", query.field);
            return out;
        }
        ++out.pages;
        if (const auto* nodes = member(connection, "nodes"); nodes && nodes->IsArray()) {
            for (const auto& node : nodes->GetArray()) {
                sink(node);
                ++out.nodes;
            }
        } else if (const auto* edges = member(connection, "edges"); edges && edges->IsArray()) {
            for (const auto& edge : edges->GetArray()) {
                if (const auto* node = member(&edge, "node")) {
                    sink(*node);
                    ++out.nodes;
                }
            }
        }
        if (progress)
            progress(out.pages, out.nodes);
        if (reply.requested_cost > 0)
            estimated_cost = reply.requested_cost;
        const auto* info = member(connection, "pageInfo");
        std::string cursor = text(member(info, "endCursor"));
        if (!truthy(member(info, "hasNextPage")) || cursor.empty())
            return out;
        after = std::move(cursor);
    }
}

}  // namespace frr::connectors::shopify
