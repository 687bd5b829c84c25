// POST /admin/oauth/access_token (client_credentials and refresh_token
// grants, JSON or form bodies), GET /admin/oauth/access_scopes.json and the
// bulk result download (api/shopify.md sections 5 and 6).
#include <httplib.h>
#include <rapidjson/document.h>

#include "exec_state.hpp"
#include "shopify_service.hpp"

namespace frr::sim::shopify {

namespace {

std::string join(const std::vector<std::string>& items)
{
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : ",") + item;
    return out;
}

std::map<std::string, std::string> form_or_json(const std::string& body, std::string_view content_type)
{
    std::map<std::string, std::string> fields;
    if (content_type.find("json") != std::string_view::npos || (!body.empty() && body.front() == '{')) {
        rapidjson::Document document;
        document.Parse(body.c_str(), body.size());
        if (!document.HasParseError() && document.IsObject()) {
            for (const auto& member : document.GetObject()) {
                if (member.value.IsString())
                    fields[member.name.GetString()] = member.value.GetString();
            }
        }
        return fields;
    }
    httplib::Params params;
    httplib::detail::parse_query_text(body, params);
    for (const auto& [key, value] : params)
        fields[key] = value;
    return fields;
}

HttpAnswer oauth_error(const char* error, const char* description)
{
    HttpAnswer answer;
    answer.status = 400;
    answer.body = std::string(R"({"error":")") + error + R"(","error_description":")" + description + "\"}";
    return answer;
}

}  // namespace

HttpAnswer ShopifyService::access_token(const std::string& body, std::string_view content_type)
{
    auto fields = form_or_json(body, content_type);
    const std::string& grant = fields["grant_type"];
    const Time now = m_ctx.now();
    GrantResult result;
    if (grant == "client_credentials") {
        result = m_ctx.credentials().client_credentials(Platform::shopify, fields["client_id"],
                                                        fields["client_secret"], now);
    } else if (grant == "refresh_token") {
        result = m_ctx.credentials().refresh(Platform::shopify, fields["client_id"], fields["client_secret"],
                                             fields["refresh_token"], now);
    } else {
        return oauth_error("unsupported_grant_type", "The authorization grant type is not supported.");
    }
    if (result.error == GrantError::invalid_client)
        return oauth_error("invalid_client", "Client authentication failed");
    if (result.error == GrantError::invalid_grant) {
        return oauth_error("invalid_grant", "The refresh token is invalid or expired");
    }
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    w.Key("access_token");
    w.String(result.token.access_token.c_str());
    w.Key("scope");
    w.String(join(result.token.scopes).c_str());
    w.Key("expires_in");
    w.Int64(result.token.expires_in.count());
    if (!result.token.refresh_token.empty()) {
        w.Key("refresh_token");
        w.String(result.token.refresh_token.c_str());
        w.Key("refresh_token_expires_in");
        w.Int64(result.token.refresh_expires_in.count());
    }
    w.EndObject();
    HttpAnswer answer;
    answer.body.assign(buffer.GetString(), buffer.GetSize());
    return answer;
}

HttpAnswer ShopifyService::access_scopes(std::string_view token)
{
    TokenInfo info = m_ctx.credentials().check(Platform::shopify, token, m_ctx.now());
    HttpAnswer answer;
    if (info.status != TokenStatus::ok) {
        answer.status = 401;
        answer.body = std::string(k_invalid_token_body);
        return answer;
    }
    answer.body = R"({"access_scopes":[)";
    for (std::size_t i = 0; i < info.scopes.size(); ++i) {
        answer.body += (i ? "," : "") + std::string(R"({"handle":")") + info.scopes[i] + "\"}";
    }
    answer.body += "]}";
    return answer;
}

HttpAnswer ShopifyService::bulk_download(std::int64_t id, std::string_view expires,
                                         std::string_view signature)
{
    HttpAnswer answer;
    answer.status = m_bulk.download(id, expires, signature, m_ctx.now(), answer.body);
    if (answer.status == 200) {
        answer.content_type = "application/jsonl";
    } else {
        // Google Cloud Storage's XML error document.
        answer.content_type = "application/xml; charset=UTF-8";
        answer.body = answer.status == 403
            ? "<?xml version='1.0' encoding='UTF-8'?><Error><Code>AccessDenied</Code><Message>Access "
              "denied.</Message><Details>Request has expired or its signature does not "
              "match.</Details></Error>"
            : "<?xml version='1.0' encoding='UTF-8'?><Error><Code>NoSuchKey</Code><Message>The specified key "
              "does not exist.</Message></Error>";
    }
    return answer;
}

}  // namespace frr::sim::shopify
