#include "connectors/klaviyo/jsonapi_client.hpp"

#include "connectors/json_access.hpp"
#include "net/url.hpp"

#include <fmt/format.h>

namespace frr::connectors::klaviyo {

TierLimits limits_of(Tier tier, const std::string& revision)
{
    switch (tier) {
    case Tier::xs: return {1, 15};
    case Tier::s: return {3, 60};
    case Tier::m: return {10, 150};
    case Tier::l: return {75, revision < "2026-01-15" ? 700 : 750};
    case Tier::xl: return {350, 3500};
    case Tier::reporting: return {1, 2};
    }
    return {1, 15};
}

std::string query_string(const std::vector<std::pair<std::string, std::string>>& params)
{
    return params.empty() ? std::string() : "?" + net::form_encode(params);
}

std::string describe_errors(const rapidjson::Document& doc)
{
    const auto* errors = member(&doc, "errors");
    if (errors == nullptr || !errors->IsArray() || errors->Empty())
        return {};
    const auto& first = (*errors)[0];
    std::string detail = text(member(&first, "detail"));
    std::string code = text(member(&first, "code"));
    return code.empty() ? detail : fmt::format("{} ({})", detail, code);
}

net::Verdict classify_jsonapi(const net::HttpResult& result)
{
    if (result.response && result.response->status >= 200 && result.response->status < 300) {
        rapidjson::Document doc;
        std::string ignored;
        return parse_json(result.response->body, doc, ignored) ? net::Verdict::done : net::Verdict::retry;
    }
    return net::classify_result(result);
}

JsonApiClient::JsonApiClient(std::string base_url, std::string revision, AuthMode auth,
                             net::TokenProvider& tokens, net::RequestContext context, const core::Clock& wall)
    : m_base(std::move(base_url)),
      m_revision(std::move(revision)),
      m_auth(auth),
      m_tokens(tokens),
      m_context(context),
      m_wall(wall)
{
    while (!m_base.empty() && m_base.back() == '/')
        m_base.pop_back();
}

net::WindowLimiter& JsonApiClient::limiter(const Route& route)
{
    std::lock_guard lock(m_mutex);
    auto& slot = m_limiters[route.key];
    if (!slot) {
        auto l = limits_of(route.tier, m_revision);
        slot = std::make_unique<net::WindowLimiter>(l.burst, l.steady);
    }
    return *slot;
}

std::string JsonApiClient::url_of(const std::string& target) const
{
    if (target.rfind("http://", 0) == 0 || target.rfind("https://", 0) == 0)
        return target;
    return m_base + target;
}

Reply JsonApiClient::get(const std::string& target, const Route& route)
{
    net::HttpRequest request;
    request.url = url_of(target);
    return send(std::move(request), route);
}

Reply JsonApiClient::post(const std::string& path, std::string body, const Route& route)
{
    net::HttpRequest request;
    request.method = "POST";
    request.url = url_of(path);
    request.body = std::move(body);
    return send(std::move(request), route);
}

Reply JsonApiClient::send(net::HttpRequest request, const Route& route)
{
    net::WindowLimiter& pacer = limiter(route);
    if (m_context.timeout)
        request.total_timeout = *m_context.timeout;
    std::string token = m_tokens.access_token(m_wall.now());
    for (int renewals = 0;;) {
        request.headers = {
            {"Authorization", (m_auth == AuthMode::oauth ? "Bearer " : "Klaviyo-API-Key ") + token},
            {"revision", m_revision},
            {"Accept", "application/vnd.api+json"}};
        if (!request.body.empty())
            request.headers.emplace_back("Content-Type", "application/vnd.api+json");
        net::RetryPolicy policy = m_context.policy;
        if (route.single_attempt)
            policy = net::RetryPolicy(net::RetryOptions{.max_attempts = 1, .max_throttled = 1});
        auto exec = net::execute(m_context.transport, request, policy, m_context.sleeper, m_context.random,
                                 m_context.stats, classify_jsonapi, &pacer);
        Reply reply;
        if (!exec.result.response) {
            reply.error = fmt::format("no answer after {} attempts: {}", exec.attempts,
                                      exec.result.error ? exec.result.error->message : "unknown");
            return reply;
        }
        const auto& response = *exec.result.response;
        reply.http_status = response.status;
        std::string parse_error;
        bool parsed = parse_json(response.body, reply.doc, parse_error);
        if (response.status == 401 && renewals < net::k_max_renewals_per_request) {
            if (auto next = net::token_after_401(m_tokens, token, m_wall.now())) {
                token = std::move(*next);
                ++renewals;
                continue;
            }
        }
        if (response.status >= 200 && response.status < 300) {
            reply.status = parsed ? ReplyStatus::ok : ReplyStatus::failed;
            if (!parsed)
                reply.error = "unreadable answer: " + parse_error;
            return reply;
        }
        std::string detail = parsed ? describe_errors(reply.doc) : std::string();
        reply.error = fmt::format("HTTP {}{}{}", response.status, detail.empty() ? "" : ": ", detail);
        if (exec.gave_up())
            reply.error += fmt::format(" after {} attempts", exec.attempts);
        if (response.status == 401)
            reply.status = ReplyStatus::unauthorized;
        else if (response.status == 403 && parsed)
            reply.status = ReplyStatus::forbidden;  // JSON:API 403: a missing scope (HTML 403 is the edge)
        return reply;
    }
}

PagedResult JsonApiClient::get_all(const std::string& target, const Route& route,
                                   const std::function<void(const rapidjson::Value&)>& sink,
                                   const std::function<void(int, std::int64_t)>& progress)
{
    PagedResult out;
    std::string next = target;
    while (!next.empty()) {
        Reply reply = get(next, route);
        if (reply.status != ReplyStatus::ok) {
            out.status = reply.status;
            out.error = reply.error;
            return out;
        }
        ++out.pages;
        const auto* data = member(&reply.doc, "data");
        if (data != nullptr && data->IsArray()) {
            for (const auto& resource : data->GetArray()) {
                sink(resource);
                ++out.resources;
            }
        }
        if (progress)
            progress(out.pages, out.resources);
        next = text(path(&reply.doc, {"links", "next"}));
    }
    return out;
}

}  // namespace frr::connectors::klaviyo
