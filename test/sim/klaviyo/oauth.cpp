// POST /oauth/token (api/klaviyo.md §7, §9.13): refresh_token grant with client credentials in
// HTTP Basic auth (or, tolerated, in the form body). Errors are OAuth-style `{"error": ...}`
// bodies, never JSON:API.
#include <httplib.h>

#include "../base64.hpp"
#include "api.hpp"
#include "json.hpp"

namespace frr::sim::klaviyo {

namespace {

void oauth_error(httplib::Response& res, int status, std::string_view error)
{
    res.status = status;
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    write_key(w, "error");
    write_string(w, error);
    w.EndObject();
    res.set_content(buffer.GetString(), "application/json");
}

// Splits `Authorization: Basic base64(id:secret)`; false when absent or malformed.
bool basic_credentials(const httplib::Request& req, std::string& id, std::string& secret)
{
    const std::string header = req.get_header_value("Authorization");
    constexpr std::string_view k_basic = "Basic ";
    if (header.rfind(k_basic, 0) != 0) {
        return false;
    }
    const auto decoded_or = base64_decode(std::string_view(header).substr(k_basic.size()));
    if (!decoded_or) {
        return false;
    }
    const std::string& decoded = *decoded_or;
    const auto colon = decoded.find(':');
    if (colon == std::string::npos) {
        return false;
    }
    id = decoded.substr(0, colon);
    secret = decoded.substr(colon + 1);
    return true;
}

}  // namespace

void KlaviyoApi::serve_token(const httplib::Request& req, httplib::Response& res)
{
    const auto fault = m_ctx.take_fault(Platform::klaviyo, req.path, fault_request_text(req));
    if (fault && fault->kind == FaultKind::http_status) {
        res.status = fault->status;
        res.set_content(html_error_page(fault->status), "text/html");
        return;
    }
    if (fault && fault->kind == FaultKind::reset) {
        respond_reset(res);
        return;
    }
    httplib::Params form;
    httplib::detail::parse_query_text(req.body, form);
    auto field = [&](const char* name) {
        const auto it = form.find(name);
        return it == form.end() ? std::string() : it->second;
    };
    std::string client_id;
    std::string client_secret;
    if (!basic_credentials(req, client_id, client_secret)) {
        client_id = field("client_id");
        client_secret = field("client_secret");
    }
    if (client_id.empty() || !m_ctx.credentials().client(Platform::klaviyo, client_id)) {
        oauth_error(res, 401, "invalid_client");
        return;
    }
    const std::string grant = field("grant_type");
    if (grant == "authorization_code") {
        // The simulator issues no authorization codes: any code is unknown.
        oauth_error(res, 400, "invalid_grant");
        return;
    }
    if (grant != "refresh_token") {
        oauth_error(res, 400, grant.empty() ? "invalid_request" : "unsupported_grant_type");
        return;
    }
    const std::string refresh_token = field("refresh_token");
    if (refresh_token.empty()) {
        oauth_error(res, 400, "invalid_request");
        return;
    }
    const GrantResult result =
        m_ctx.credentials().refresh(Platform::klaviyo, client_id, client_secret, refresh_token, m_ctx.now());
    if (result.error == GrantError::invalid_client) {
        oauth_error(res, 401, "invalid_client");
        return;
    }
    if (result.error == GrantError::invalid_grant) {
        oauth_error(res, 400, "invalid_grant");
        return;
    }
    std::string scope;
    for (const auto& s : result.token.scopes) {
        scope += scope.empty() ? s : " " + s;
    }
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    write_key(w, "access_token");
    write_string(w, result.token.access_token);
    write_key(w, "token_type");
    write_string(w, "Bearer");
    write_key(w, "expires_in");
    w.Int64(result.token.expires_in.count());
    write_key(w, "refresh_token");
    write_string(w, result.token.refresh_token);
    write_key(w, "scope");
    write_string(w, scope);
    w.EndObject();
    res.status = 200;
    res.set_header("Cache-Control", "no-store");
    res.set_content(buffer.GetString(), "application/json");
}

}  // namespace frr::sim::klaviyo
