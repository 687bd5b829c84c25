#include "net/oauth_wire.hpp"

#include "core/error.hpp"
#include "core/hmac.hpp"
#include "core/redact.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <rapidjson/document.h>

#include <array>

namespace frr::net {

std::string sha256_hex(std::string_view data)
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1)
        throw core::Error(core::ExitCode::internal, "SHA-256 failed", "OpenSSL EVP_Digest");
    return core::hex(std::string_view(reinterpret_cast<const char*>(digest.data()), size));
}

std::string join_url(std::string_view base, std::string_view path)
{
    while (!base.empty() && base.back() == '/')
        base.remove_suffix(1);
    return std::string(base) + std::string(path);
}

namespace {

// The OAuth "error" code of a failure body, when it has one; never the description
// (servers sometimes echo the submitted values there).
std::string oauth_error_code(const std::string& body)
{
    rapidjson::Document doc;
    doc.Parse(body.c_str(), body.size());
    if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("error") || !doc["error"].IsString())
        return {};
    std::string code = doc["error"].GetString();
    // Only a plain identifier is worth repeating.
    for (char c : code)
        if (!((c >= 'a' && c <= 'z') || c == '_'))
            return {};
    return code;
}

TokenGrant parse_grant(const std::string& body)
{
    rapidjson::Document doc;
    doc.Parse(body.c_str(), body.size());
    if (doc.HasParseError() || !doc.IsObject())
        throw TokenUnavailable("the token endpoint answered 200 with a body that is not JSON");
    if (!doc.HasMember("access_token") || !doc["access_token"].IsString() ||
        doc["access_token"].GetStringLength() == 0)
        throw TokenUnavailable("the token endpoint answered 200 without an access token");
    TokenGrant grant;
    grant.access_token = doc["access_token"].GetString();
    if (doc.HasMember("expires_in") && doc["expires_in"].IsNumber()) {
        const double seconds = doc["expires_in"].GetDouble();
        if (seconds >= 0)
            grant.expires_in = std::chrono::seconds{static_cast<long long>(seconds)};
    }
    if (doc.HasMember("refresh_token") && doc["refresh_token"].IsString())
        grant.refresh_token = doc["refresh_token"].GetString();
    return grant;
}

}  // namespace

// Messages name no platform: every reader already has it (the manifest's
// platforms.<name>.errors, the log's "<platform>:" component, the stdout row,
// and `where` when the error reaches main), so naming it again read
// "klaviyo: klaviyo refused the credentials".
TokenGrant request_grant(const RequestContext& context, const HttpRequest& request, const GrantContext& who)
{
    const std::string where = who.platform + " token endpoint";
    // Token endpoints have their own limits: the API's pacer must not meter them.
    RequestContext unpaced = context;
    unpaced.pacer = nullptr;
    auto outcome = execute(unpaced, request);
    if (!outcome.result.response) {
        const std::string why = outcome.result.error ? outcome.result.error->message : "no answer";
        throw TokenUnavailable(fmt::format("cannot renew the access token: {}", why));
    }
    const auto& response = *outcome.result.response;
    if (response.status >= 200 && response.status < 300)
        return parse_grant(response.body);
    const std::string code = oauth_error_code(response.body);
    const bool client_error = response.status >= 400 && response.status < 500;
    if (client_error && classify_status(response.status) == Verdict::done) {
        if (code == "invalid_grant" || code == "invalid_client" || code == "unauthorized_client")
            throw core::Error(core::ExitCode::credentials,
                              fmt::format("the token endpoint refused the credentials ({})", code), where,
                              who.rejected_remedy);
        throw core::Error(core::ExitCode::credentials,
                          fmt::format("the token endpoint refused the token request: HTTP {}{}",
                                      response.status, code.empty() ? "" : " (" + code + ")"),
                          fmt::format("{} ({})", where, core::redact_url(request.url)), who.rejected_remedy);
    }
    throw TokenUnavailable(fmt::format("cannot renew the access token: HTTP {} after {} attempt(s)",
                                       response.status, outcome.attempts));
}

}  // namespace frr::net
