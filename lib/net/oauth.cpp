#include "net/oauth.hpp"

#include "text/json_writer.hpp"

#include "core/error.hpp"
#include "core/hmac.hpp"
#include "net/token_cache.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace frr::net {

namespace {

// True while `token` may still be used at `now` with `margin` to spare. A
// token without a known expiry is used until the API rejects it.
bool still_valid(const std::string& token, const std::optional<core::TimePoint>& expires, core::TimePoint now,
                 std::chrono::seconds margin)
{
    return !token.empty() && (!expires || now + margin < *expires);
}

std::optional<core::TimePoint> expiry(core::TimePoint now, const TokenGrant& grant)
{
    if (!grant.expires_in)
        return std::nullopt;
    return now + *grant.expires_in;
}

std::string env_or(const std::string& env, std::string_view fallback)
{
    return env.empty() ? std::string(fallback) : env;
}

}  // namespace

std::optional<std::string> token_after_401(TokenProvider& tokens, std::string_view refused,
                                           core::TimePoint now)
{
    tokens.reject(refused);
    std::string next = tokens.access_token(now);
    if (next == refused)
        return std::nullopt;
    return next;
}

// ---- ClientCredentialsGrant --------------------------------------------

ClientCredentialsGrant::ClientCredentialsGrant(RequestContext context, ClientCredentialsOptions options)
    : m_context(context),
      m_options(std::move(options))
{
}

std::string ClientCredentialsGrant::access_token(core::TimePoint now)
{
    std::lock_guard lock(m_mutex);
    if (still_valid(m_token, m_expires, now, m_options.renew_before))
        return m_token;
    HttpRequest request;
    request.method = "POST";
    request.url = m_options.token_url;
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
    request.body = form_encode({{"grant_type", "client_credentials"},
                                {"client_id", m_options.client_id},
                                {"client_secret", m_options.client_secret}});
    const GrantContext who{m_options.platform,
                           fmt::format("the client id or secret was rejected: check the app's "
                                       "credentials and update {}",
                                       env_or(m_options.secret_env, "the client secret"))};
    auto grant = request_grant(m_context, request, who);
    m_token = std::move(grant.access_token);
    m_expires = expiry(now, grant);
    return m_token;
}

void ClientCredentialsGrant::invalidate()
{
    std::lock_guard lock(m_mutex);
    m_token.clear();
    m_expires.reset();
}

void ClientCredentialsGrant::reject(std::string_view rejected)
{
    std::lock_guard lock(m_mutex);
    if (rejected == m_token) {
        m_token.clear();
        m_expires.reset();
    }
}

// ---- RefreshTokenProvider -------------------------------------------------

RefreshTokenProvider::RefreshTokenProvider(RequestContext context, RefreshTokenOptions options)
    : m_context(context),
      m_options(std::move(options)),
      m_seed_sha256(m_options.refresh_token.empty() ? std::string() : sha256_hex(m_options.refresh_token)),
      m_refresh(m_options.refresh_token)
{
    std::optional<CachedTokens> cached;
    if (!m_options.cache_path.empty())
        cached = load_token_cache(m_options.cache_path);
    // The cache descends from the configured token: use its newer tokens. A
    // different configured token means the user re-authorised: the cache is stale.
    if (cached && (m_seed_sha256.empty() || cached->seed_sha256 == m_seed_sha256)) {
        m_refresh = cached->refresh_token;
        m_token = cached->access_token;
        m_expires = cached->access_expires_at;
    }
    if (m_refresh.empty())
        throw core::Error(core::ExitCode::credentials,
                          fmt::format("no {} refresh token is configured", m_options.platform),
                          m_options.platform + " auth",
                          fmt::format("set {} to the app's refresh token",
                                      env_or(m_options.refresh_token_env, "the refresh token variable")));
}

std::string RefreshTokenProvider::current_refresh_token() const
{
    std::lock_guard lock(m_mutex);
    return m_refresh;
}

HttpRequest RefreshTokenProvider::grant_request() const
{
    HttpRequest request;
    request.method = "POST";
    request.headers = {{"Accept", "application/json"}};
    request.url = m_options.token_url;
    if (m_options.style == RefreshStyle::json_body) {
        request.headers.emplace_back("Content-Type", "application/json");
        rapidjson::StringBuffer buffer;
        text::Utf8Writer<rapidjson::Writer<rapidjson::StringBuffer>> w(buffer);
        w.StartObject();
        w.Key("client_id");
        w.String(m_options.client_id.c_str());
        w.Key("client_secret");
        w.String(m_options.client_secret.c_str());
        w.Key("refresh_token");
        w.String(m_refresh.c_str());
        w.Key("grant_type");
        w.String("refresh_token");
        w.EndObject();
        request.body.assign(buffer.GetString(), buffer.GetSize());
    } else {
        request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
        request.headers.emplace_back(
            "Authorization", "Basic " + core::base64(m_options.client_id + ":" + m_options.client_secret));
        request.body = form_encode({{"grant_type", "refresh_token"}, {"refresh_token", m_refresh}});
    }
    return request;
}

void RefreshTokenProvider::renew_locked(core::TimePoint now)
{
    const GrantContext who{m_options.platform,
                           fmt::format("the refresh token was rejected: re-authorise the app and update {}",
                                       env_or(m_options.refresh_token_env, "the configured refresh token"))};
    auto grant = request_grant(m_context, grant_request(), who);
    // Rotation: the old refresh token may already be dead, so the new one is
    // written down before anything uses the new access token.
    std::string refresh = grant.refresh_token.empty() ? m_refresh : grant.refresh_token;
    const auto expires = expiry(now, grant);
    if (!m_options.cache_path.empty())
        save_token_cache(m_options.cache_path,
                         CachedTokens{refresh, m_seed_sha256, grant.access_token, expires});
    m_refresh = std::move(refresh);
    m_token = std::move(grant.access_token);
    m_expires = expires;
}

std::string RefreshTokenProvider::access_token(core::TimePoint now)
{
    std::lock_guard lock(m_mutex);
    if (!still_valid(m_token, m_expires, now, m_options.renew_before))
        renew_locked(now);
    return m_token;
}

void RefreshTokenProvider::invalidate()
{
    std::lock_guard lock(m_mutex);
    m_token.clear();
    m_expires.reset();
}

void RefreshTokenProvider::reject(std::string_view rejected)
{
    std::lock_guard lock(m_mutex);
    if (rejected == m_token) {
        m_token.clear();
        m_expires.reset();
    }
}

}  // namespace frr::net
