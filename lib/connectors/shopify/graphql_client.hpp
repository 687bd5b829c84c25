#pragma once
// One Shopify Admin GraphQL call, paced and retried (api/shopify.md sections
// 1, 2 and 6). The cost bucket is learned from every answer's
// extensions.cost.throttleStatus and a query waits until the bucket can afford
// it; THROTTLED (HTTP 200, by extensions.code or the legacy message), 429 and
// 5xx are retried with full-jitter backoff honouring Retry-After; a 401 makes
// the token provider renew once before the call is given up as a credentials
// failure.
#include "core/clock.hpp"
#include "net/executor.hpp"
#include "net/oauth.hpp"
#include "net/rate_limit.hpp"

#include <optional>
#include <rapidjson/document.h>
#include <string>
#include <string_view>
#include <vector>

namespace frr::connectors::shopify {

enum class CallStatus {
    ok,            // data, no errors
    partial,       // data AND errors: some fields were refused or failed; never "empty"
    max_cost,      // MAX_COST_EXCEEDED: the caller asks for fewer records
    unauthorized,  // 401 after one token renewal: a credentials error
    forbidden,     // 403 or ACCESS_DENIED without data: a scope or permission is missing
    failed,        // no usable answer after every retry (the message says why)
};

struct GraphqlReply {
    CallStatus status = CallStatus::failed;
    rapidjson::Document doc;           // the parsed body when there was one
    std::vector<std::string> errors;   // plain words, no secrets
    double requested_cost = 0;         // extensions.cost.requestedQueryCost, 0 if absent
    std::optional<double> max_cost;    // the per-query maximum named by MAX_COST_EXCEEDED
    std::optional<double> query_cost;  // that query's cost
    // X-Shopify-API-Version: the version that answered (an unsupported one falls forward to the
    // oldest supported; api/shopify.md section 1); "" when absent.
    std::string served_version;
    const rapidjson::Value* data() const;
};

// What a 200 body says (exposed for tests).
enum class BodyKind {
    data,
    partial,
    throttled,
    max_cost,
    internal_error,
    access_denied,
    errors_only,
    invalid
};
BodyKind classify_body(const rapidjson::Document& doc);
// The Retry/throttle verdict for the executor: THROTTLED bodies are throttled,
// unparsable 200 bodies (truncated) and INTERNAL_SERVER_ERROR are retried.
net::Verdict classify_graphql(const net::HttpResult& result);
std::optional<net::ThrottleStatus> throttle_status_of(const rapidjson::Document& doc);
// Every errors[].message of a body (a string `errors` is one message).
std::vector<std::string> error_messages(const rapidjson::Document& doc);

struct Endpoint {
    std::string base_url;     // "https://shop.myshopify.com" or the simulator
    std::string api_version;  // "2026-10"
    std::string graphql_url() const;
};

class GraphqlClient {
public:
    // `context.pacer` is ignored: the client paces with its own cost bucket.
    // `wall` is real time for token lifetimes.
    GraphqlClient(Endpoint endpoint, net::TokenProvider& tokens, net::RequestContext context,
                  const core::Clock& wall);

    // Sends {"query": query, "variables": variables_json}. `estimated_cost` is
    // the requested cost expected (0 when unknown: the cost this client learned
    // for the same query document is used; failing that, the answer teaches it,
    // and concurrent calls of the same document wait for that first answer).
    // Throws what the token provider throws (core::Error credentials,
    // net::TokenUnavailable).
    GraphqlReply call(std::string_view query, std::string_view variables_json, double estimated_cost);

    const Endpoint& endpoint() const { return m_endpoint; }
    net::CostBucket& bucket() { return m_bucket; }

private:
    GraphqlReply interpret(const net::ExecuteResult& exec) const;

    Endpoint m_endpoint;
    net::TokenProvider& m_tokens;
    net::RequestContext m_context;
    const core::Clock& m_wall;
    net::CostBucket m_bucket;
    net::CostBook m_costs;  // query document -> requestedQueryCost, learned once
};

const char* to_string(CallStatus s);

}  // namespace frr::connectors::shopify
