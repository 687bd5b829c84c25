#include "api.hpp"

#include <algorithm>
#include <thread>

#include <httplib.h>

#include "json.hpp"
#include "query_params.hpp"

namespace frr::sim::klaviyo {

namespace {

// §6 / S32: the live body for a missing or malformed Authorization header.
ApiError not_authenticated(std::string detail)
{
    return ApiError(401, "not_authenticated", "Authentication credentials were not provided.",
                    std::move(detail), SourceKind::pointer, "/data/");
}

std::string origin_of(const httplib::Request& req, const SimContext& ctx)
{
    const std::string host = req.get_header_value("Host");
    return host.empty() ? ctx.base_url() : "http://" + host;
}

// A scope is held when the caller has it or its `:write` sibling; an empty scope list is a
// full-access private key (Klaviyo's "Full Access Key").
bool has_scope(const std::vector<std::string>& held, std::string_view needed)
{
    if (held.empty()) {
        return true;
    }
    const std::string write = std::string(needed.substr(0, needed.find(':'))) + ":write";
    return std::any_of(held.begin(), held.end(),
                       [&](const std::string& s) { return s == needed || s == write; });
}

bool has_additional_field(const ApiRequest& request, const std::string& type, const std::string& field)
{
    return request.list_param("additional-fields[" + type + "]").count(field) != 0;
}

}  // namespace

KlaviyoApi::Caller KlaviyoApi::authenticate(const httplib::Request& req) const
{
    const std::string header = req.get_header_value("Authorization");
    constexpr std::string_view k_key_scheme = "Klaviyo-API-Key ";
    constexpr std::string_view k_bearer_scheme = "Bearer ";
    std::string token;
    bool bearer = false;
    if (header.rfind(k_key_scheme, 0) == 0) {
        token = header.substr(k_key_scheme.size());
    } else if (header.rfind(k_bearer_scheme, 0) == 0) {
        token = header.substr(k_bearer_scheme.size());
        bearer = true;
    } else {
        throw not_authenticated("Missing or invalid authorization scheme. Please use Klaviyo-API-Key.");
    }
    TokenInfo info = m_ctx.credentials().check(Platform::klaviyo, token, m_ctx.now());
    // The scheme names the credential's kind: `Klaviyo-API-Key` carries a private key, `Bearer`
    // an OAuth access token (api/klaviyo.md section 1). A key under the other scheme is refused
    // like an unknown one.
    if (info.status != TokenStatus::unknown && bearer == info.is_static)
        info.status = TokenStatus::unknown;
    switch (info.status) {
    case TokenStatus::ok: return Caller{info.owner, info.scopes};
    case TokenStatus::expired:
        throw ApiError(401, "not_authenticated", "Incorrect authentication credentials.",
                       "Access token has expired.", SourceKind::pointer, "/data/");
    case TokenStatus::revoked:
    case TokenStatus::unknown: break;
    }
    throw ApiError(401, "not_authenticated", "Incorrect authentication credentials.",
                   bearer ? "Invalid access token." : "Invalid API key.", SourceKind::pointer, "/data/");
}

RateLimit KlaviyoApi::limit_for(const ApiRequest& request) const
{
    const EndpointSpec& spec = request.spec();
    RateLimit limit = spec.limit;
    if (limit.steady_per_minute == 750) {
        limit.steady_per_minute = large_tier_steady_per_minute(request.revision());
    }
    switch (spec.endpoint) {
    case Endpoint::get_list:
        if (has_additional_field(request, "list", "profile_count")) {
            return k_tier_xs;
        }
        break;
    case Endpoint::get_segment:
        if (has_additional_field(request, "segment", "profile_count")) {
            return k_tier_xs;
        }
        break;
    case Endpoint::get_profiles:
    case Endpoint::get_list_profiles:
    case Endpoint::get_segment_profiles:
        if (has_additional_field(request, "profile", "predictive_analytics")) {
            return k_tier_m;
        }
        break;
    default: break;
    }
    return limit;
}

std::string KlaviyoApi::bucket_for(const ApiRequest& request) const
{
    std::string bucket(request.spec().operation_id);
    if (has_additional_field(request, "list", "profile_count") ||
        has_additional_field(request, "segment", "profile_count")) {
        bucket += ":profile_count";
    } else if (has_additional_field(request, "profile", "predictive_analytics")) {
        bucket += ":predictive_analytics";
    }
    return bucket;
}

void KlaviyoApi::write_error(httplib::Response& res, const ApiError& error)
{
    res.status = error.status();
    res.set_content(render_error(error, next_error_id()), k_json_api);
}

void KlaviyoApi::serve(Endpoint endpoint, const httplib::Request& req, httplib::Response& res,
                       const Handler& handler)
{
    m_ctx.count_operation(endpoint_spec(endpoint).operation_id);
    const auto fault = m_ctx.take_fault(Platform::klaviyo, req.path, fault_request_text(req));
    bool short_page = false;
    bool truncate = false;
    if (fault) {
        switch (fault->kind) {
        case FaultKind::http_status:
            res.status = fault->status;
            if (fault->body == BodyKind::html) {
                res.set_content(html_error_page(fault->status), "text/html");
            } else if (fault->body == BodyKind::json) {
                res.set_content(render_error(ApiError(fault->status, "error", "A server error occurred.",
                                                      "A server error occurred."),
                                             next_error_id()),
                                k_json_api);
            }
            return;
        case FaultKind::rate_limit:
            res.status = 429;
            if (fault->retry_after) {
                res.set_header("Retry-After", std::to_string(fault->retry_after_seconds));
            }
            res.set_content(render_throttled(fault->retry_after_seconds, next_error_id()), k_json_api);
            return;
        case FaultKind::reset: respond_reset(res); return;
        case FaultKind::invalid_json:
            res.status = 200;
            res.set_content("{\"data\": [{\"type\": \"event\", \"id\": <!-- upstream error -->", k_json_api);
            return;
        case FaultKind::slow:
            // Documented fault: a slow upstream, in real time (tests inject it with tiny delays).
            std::this_thread::sleep_for(fault->delay);
            break;
        case FaultKind::truncated: truncate = true; break;
        case FaultKind::short_page: short_page = true; break;
        default: break;  // Shopify-only kinds; outage/expire_tokens are resolved by the injector
        }
    }
    try {
        const Caller caller = authenticate(req);
        const Revision revision = resolve_revision(req.get_header_value("revision"),
                                                   std::chrono::floor<std::chrono::days>(m_ctx.now()));
        validate_query(endpoint, revision, req.params);
        ApiRequest request(endpoint, origin_of(req, m_ctx), req.path, req.params, revision);
        for (const auto scope : request.spec().scopes) {
            if (!has_scope(caller.scopes, scope)) {
                throw ApiError(403, "permission_denied", "You do not have permission to perform this action.",
                               "This API key is missing required scopes: " + std::string(scope),
                               SourceKind::pointer, "/data/");
            }
        }
        const WindowSpans spans{m_ctx.scaled(std::chrono::seconds(1)), m_ctx.scaled(std::chrono::seconds(60)),
                                m_ctx.scaled(std::chrono::hours(24))};
        const RateDecision decision = m_limiter.admit(caller.owner, bucket_for(request), limit_for(request),
                                                      m_ctx.clock().limiter_now(), spans);
        if (!decision.allowed) {
            m_ctx.count_throttled(Platform::klaviyo);
            res.status = 429;
            res.set_header("Retry-After", std::to_string(decision.retry_after_seconds));
            res.set_content(render_throttled(decision.retry_after_seconds, next_error_id()), k_json_api);
            return;
        }
        res.set_header("RateLimit-Limit", std::to_string(decision.limit));
        res.set_header("RateLimit-Remaining", std::to_string(decision.remaining));
        res.set_header("RateLimit-Reset", std::to_string(decision.reset_seconds));
        const HandlerEnv env{m_ctx.store(), m_ctx.now(), short_page, m_profiles_by_id};
        ApiResponse answer = handler(request, env);
        res.status = answer.status;
        if (truncate) {
            respond_truncated(res, std::move(answer.body), k_json_api);
        } else {
            res.set_content(std::move(answer.body), k_json_api);
        }
    } catch (const ApiError& error) {
        write_error(res, error);
    }
}

void KlaviyoApi::serve_not_found(const httplib::Request& req, httplib::Response& res)
{
    write_error(res, ApiError(404, "not_found", "Not found", "The path " + req.path + " could not be found"));
}

}  // namespace frr::sim::klaviyo
