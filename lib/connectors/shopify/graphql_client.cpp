#include "connectors/shopify/graphql_client.hpp"

#include "connectors/json_access.hpp"

#include <fmt/format.h>

namespace frr::connectors::shopify {

namespace {

std::string error_code(const rapidjson::Value& error)
{
    return text(path(&error, {"extensions", "code"}));
}

bool has_code(const rapidjson::Document& doc, std::string_view code)
{
    const auto* errors = member(&doc, "errors");
    if (errors == nullptr || !errors->IsArray())
        return false;
    for (const auto& e : errors->GetArray())
        if (error_code(e) == code)
            return true;
    return false;
}

// Older Shopify answers throttle with {"message":"Throttled"} and no code.
bool is_throttled(const rapidjson::Document& doc)
{
    if (has_code(doc, "THROTTLED"))
        return true;
    const auto* errors = member(&doc, "errors");
    if (errors == nullptr || !errors->IsArray())
        return false;
    for (const auto& e : errors->GetArray())
        if (text(member(&e, "message")) == "Throttled")
            return true;
    return false;
}

double requested_cost_of(const rapidjson::Document& doc)
{
    return number(path(&doc, {"extensions", "cost", "requestedQueryCost"})).value_or(0);
}

// THROTTLED for a query dearer than the whole bucket: no wait makes it affordable, so it is
// answered like MAX_COST_EXCEEDED (the caller asks for fewer records) instead of retried.
bool beyond_bucket(const rapidjson::Document& doc)
{
    auto status = throttle_status_of(doc);
    return status && status->maximum_available > 0 && requested_cost_of(doc) > status->maximum_available;
}

// What the cost pacer learns from one answer: the bucket, the query's cost, a throttle.
net::CostReading read_cost(const net::HttpResult& result)
{
    net::CostReading out;
    if (!result.response || result.response->status != 200)
        return out;
    rapidjson::Document doc;
    std::string ignored;
    if (!parse_json(result.response->body, doc, ignored))
        return out;
    out.status = throttle_status_of(doc);
    if (double cost = requested_cost_of(doc); cost > 0)
        out.requested_cost = cost;
    out.throttled = classify_body(doc) == BodyKind::throttled;
    return out;
}

std::string http_failure(const net::HttpResponse& r)
{
    rapidjson::Document doc;
    std::string ignored;
    std::string detail;
    if (parse_json(r.body, doc, ignored)) {
        auto messages = error_messages(doc);
        if (!messages.empty())
            detail = ": " + messages.front();
    }
    return fmt::format("HTTP {}{}", r.status, detail);
}

}  // namespace

const rapidjson::Value* GraphqlReply::data() const
{
    return doc.IsObject() ? member(&doc, "data") : nullptr;
}

std::vector<std::string> error_messages(const rapidjson::Document& doc)
{
    std::vector<std::string> out;
    const auto* errors = member(&doc, "errors");
    if (errors == nullptr)
        return out;
    if (errors->IsString()) {
        out.push_back(text(errors));
    } else if (errors->IsArray()) {
        for (const auto& e : errors->GetArray()) {
            std::string message = text(member(&e, "message"));
            std::string code = error_code(e);
            out.push_back(code.empty() ? message : fmt::format("{} ({})", message, code));
        }
    } else if (errors->IsObject()) {
        for (const auto& m : errors->GetObject())
            out.push_back(fmt::format("{}: {}", m.name.GetString(), text(&m.value)));
    }
    return out;
}

BodyKind classify_body(const rapidjson::Document& doc)
{
    if (!doc.IsObject())
        return BodyKind::invalid;
    const bool has_data = member(&doc, "data") != nullptr;
    const auto* errors = member(&doc, "errors");
    const bool has_errors = errors != nullptr && (!errors->IsArray() || !errors->Empty());
    if (!has_errors)
        return has_data ? BodyKind::data : BodyKind::invalid;
    if (is_throttled(doc))
        return BodyKind::throttled;
    if (has_code(doc, "MAX_COST_EXCEEDED"))
        return BodyKind::max_cost;
    if (has_data)
        return BodyKind::partial;
    if (has_code(doc, "INTERNAL_SERVER_ERROR"))
        return BodyKind::internal_error;
    if (has_code(doc, "ACCESS_DENIED"))
        return BodyKind::access_denied;
    return BodyKind::errors_only;
}

net::Verdict classify_graphql(const net::HttpResult& result)
{
    if (!result.response || result.response->status != 200)
        return net::classify_result(result);
    rapidjson::Document doc;
    std::string ignored;
    if (!parse_json(result.response->body, doc, ignored))
        return net::Verdict::retry;  // truncated or garbled: the next attempt may be whole
    switch (classify_body(doc)) {
    case BodyKind::throttled: return beyond_bucket(doc) ? net::Verdict::done : net::Verdict::throttled;
    case BodyKind::internal_error:
    case BodyKind::invalid: return net::Verdict::retry;
    default: return net::Verdict::done;
    }
}

std::optional<net::ThrottleStatus> throttle_status_of(const rapidjson::Document& doc)
{
    const auto* ts = path(&doc, {"extensions", "cost", "throttleStatus"});
    auto max = number(member(ts, "maximumAvailable"));
    auto current = number(member(ts, "currentlyAvailable"));
    auto rate = number(member(ts, "restoreRate"));
    if (!max || !current || !rate)
        return std::nullopt;
    return net::ThrottleStatus{*max, *current, *rate};
}

std::string Endpoint::graphql_url() const
{
    std::string base = base_url;
    while (!base.empty() && base.back() == '/')
        base.pop_back();
    return fmt::format("{}/admin/api/{}/graphql.json", base, api_version);
}

GraphqlClient::GraphqlClient(Endpoint endpoint, net::TokenProvider& tokens, net::RequestContext context,
                             const core::Clock& wall)
    : m_endpoint(std::move(endpoint)),
      m_tokens(tokens),
      m_context(context),
      m_wall(wall)
{
    m_context.pacer = nullptr;
}

GraphqlReply GraphqlClient::call(std::string_view query, std::string_view variables_json,
                                 double estimated_cost)
{
    net::HttpRequest request;
    request.method = "POST";
    request.url = m_endpoint.graphql_url();
    request.body = fmt::format(R"({{"query":{},"variables":{}}})", json_string(query),
                               variables_json.empty() ? std::string_view("{}") : variables_json);
    if (m_context.timeout)
        request.total_timeout = *m_context.timeout;
    const std::string document(query);
    const net::CostBook::Acquired acquired =
        estimated_cost > 0 ? net::CostBook::Acquired{estimated_cost, {}} : m_costs.acquire(document);
    estimated_cost = acquired.cost;
    // Every answer that names the cost (a THROTTLED one too) teaches it at once, so that the
    // retries and the calls waiting in acquire() are paced.
    auto read = [this, &document](const net::HttpResult& result) {
        net::CostReading reading = read_cost(result);
        if (reading.requested_cost)
            m_costs.learn(document, *reading.requested_cost);
        return reading;
    };
    std::string token = m_tokens.access_token(m_wall.now());
    for (int renewals = 0;;) {
        request.headers = {{"Content-Type", "application/json"},
                           {"Accept", "application/json"},
                           {"X-Shopify-Access-Token", token}};
        net::CostPacer pacer(m_bucket, estimated_cost, read);
        auto exec = net::execute(m_context.transport, request, m_context.policy, m_context.sleeper,
                                 m_context.random, m_context.stats, classify_graphql, &pacer);
        // A renewed token can be expired again before it is used (parallel requests, a short
        // lifetime): up to k_max_renewals_per_request, never resending a refused token.
        if (exec.result.response && exec.result.response->status == 401 &&
            renewals < net::k_max_renewals_per_request) {
            if (auto next = net::token_after_401(m_tokens, token, m_wall.now())) {
                token = std::move(*next);
                ++renewals;
                continue;
            }
        }
        return interpret(exec);
    }
}

GraphqlReply GraphqlClient::interpret(const net::ExecuteResult& exec) const
{
    GraphqlReply reply;
    if (!exec.result.response) {
        reply.errors.push_back(fmt::format("no answer after {} attempts: {}", exec.attempts,
                                           exec.result.error ? exec.result.error->message : "unknown"));
        return reply;
    }
    const auto& response = *exec.result.response;
    reply.served_version = response.header("x-shopify-api-version").value_or("");
    if (response.status == 401) {
        reply.status = CallStatus::unauthorized;
        reply.errors.push_back(http_failure(response));
        return reply;
    }
    if (response.status == 403) {
        reply.status = CallStatus::forbidden;
        reply.errors.push_back(http_failure(response));
        return reply;
    }
    if (response.status != 200) {
        reply.errors.push_back(fmt::format("{} after {} attempts", http_failure(response), exec.attempts));
        return reply;
    }
    std::string parse_error;
    if (!parse_json(response.body, reply.doc, parse_error)) {
        reply.errors.push_back(
            fmt::format("unreadable answer after {} attempts: {}", exec.attempts, parse_error));
        return reply;
    }
    reply.requested_cost = requested_cost_of(reply.doc);
    reply.errors = error_messages(reply.doc);
    switch (classify_body(reply.doc)) {
    case BodyKind::data: reply.status = CallStatus::ok; break;
    case BodyKind::partial: reply.status = CallStatus::partial; break;
    case BodyKind::access_denied: reply.status = CallStatus::forbidden; break;
    case BodyKind::max_cost: {
        reply.status = CallStatus::max_cost;
        for (const auto& e : member(&reply.doc, "errors")->GetArray()) {
            if (error_code(e) != "MAX_COST_EXCEEDED")
                continue;
            reply.max_cost = number(path(&e, {"extensions", "maxCost"}));
            reply.query_cost = number(path(&e, {"extensions", "cost"}));
        }
        break;
    }
    case BodyKind::throttled:
        if (beyond_bucket(reply.doc)) {
            reply.status = CallStatus::max_cost;
            reply.max_cost = throttle_status_of(reply.doc)->maximum_available;
            reply.query_cost = reply.requested_cost;
            break;
        }
        reply.errors.insert(reply.errors.begin(),
                            fmt::format("still throttled after {} attempts", exec.attempts));
        break;
    default: break;
    }
    return reply;
}

const char* to_string(CallStatus s)
{
    switch (s) {
    case CallStatus::ok: return "ok";
    case CallStatus::partial: return "partial";
    case CallStatus::max_cost: return "max_cost";
    case CallStatus::unauthorized: return "unauthorized";
    case CallStatus::forbidden: return "forbidden";
    case CallStatus::failed: return "failed";
    }
    return "failed";
}

}  // namespace frr::connectors::shopify
