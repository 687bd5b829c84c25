#include "credentials.hpp"

#include <cstdio>

namespace frr::sim {

std::string_view platform_name(Platform p)
{
    switch (p) {
    case Platform::shopify: return "shopify";
    case Platform::klaviyo: return "klaviyo";
    case Platform::woocommerce: return "woocommerce";
    }
    return "shopify";
}

std::optional<Platform> parse_platform(std::string_view name)
{
    for (Platform p : {Platform::shopify, Platform::klaviyo, Platform::woocommerce})
        if (platform_name(p) == name)
            return p;
    return std::nullopt;
}

void CredentialRegistry::add_static(Platform p, std::string token, std::vector<std::string> scopes,
                                    std::string owner)
{
    std::lock_guard lock(m_mutex);
    Entry e;
    e.platform = p;
    e.is_static = true;
    e.scopes = std::move(scopes);
    e.owner = std::move(owner);
    m_tokens[std::move(token)] = std::move(e);
}

void CredentialRegistry::add_client(OAuthClient client)
{
    std::lock_guard lock(m_mutex);
    m_clients.push_back(std::move(client));
}

void CredentialRegistry::add_refresh_token(Platform p, std::string_view client_id, std::string refresh_token,
                                           Time expires_at)
{
    std::lock_guard lock(m_mutex);
    Entry e;
    e.platform = p;
    e.is_refresh = true;
    e.client_id = std::string(client_id);
    if (const OAuthClient* c = find_client(p, client_id))
        e.scopes = c->scopes;
    e.owner = e.client_id;
    e.expires_at = expires_at;
    m_tokens[std::move(refresh_token)] = std::move(e);
}

TokenInfo CredentialRegistry::check(Platform p, std::string_view token, Time now) const
{
    std::lock_guard lock(m_mutex);
    TokenInfo info;
    auto it = m_tokens.find(token);
    if (it == m_tokens.end() || it->second.platform != p || it->second.is_refresh)
        return info;
    const Entry& e = it->second;
    info.scopes = e.scopes;
    info.owner = e.owner;
    info.expires_at = e.expires_at;
    info.is_static = e.is_static;
    if (e.revoked)
        info.status = TokenStatus::revoked;
    else if (e.expires_at && now >= *e.expires_at)
        info.status = TokenStatus::expired;
    else
        info.status = TokenStatus::ok;
    return info;
}

const OAuthClient* CredentialRegistry::find_client(Platform p, std::string_view id) const
{
    for (const OAuthClient& c : m_clients)
        if (c.platform == p && c.client_id == id)
            return &c;
    return nullptr;
}

std::optional<OAuthClient> CredentialRegistry::client(Platform p, std::string_view client_id) const
{
    std::lock_guard lock(m_mutex);
    const OAuthClient* c = find_client(p, client_id);
    if (c == nullptr)
        return std::nullopt;
    return *c;
}

std::string CredentialRegistry::next_token(std::string_view prefix)
{
    // Deterministic per seed and issue order; 32 hex digits like real tokens.
    ++m_counter;
    std::uint64_t a = (m_seed + m_counter) * 0x9E3779B97F4A7C15ULL;
    std::uint64_t b = (a ^ (a >> 29)) * 0xBF58476D1CE4E5B9ULL + m_counter;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(a),
                  static_cast<unsigned long long>(b));
    return std::string(prefix) + buf;
}

GrantResult CredentialRegistry::client_credentials(Platform p, std::string_view client_id,
                                                   std::string_view secret, Time now)
{
    std::lock_guard lock(m_mutex);
    GrantResult r;
    const OAuthClient* c = find_client(p, client_id);
    if (c == nullptr || c->client_secret != secret) {
        r.error = GrantError::invalid_client;
        return r;
    }
    // Shopify's client-credentials tokens live 86399 s and come without a refresh token.
    constexpr std::chrono::seconds k_lifetime{86399};
    Entry e;
    e.platform = p;
    e.client_id = c->client_id;
    e.scopes = c->scopes;
    e.owner = c->client_id;
    e.expires_at = now + k_lifetime;
    r.token.access_token = next_token(p == Platform::shopify ? "shpca_" : "kat_");
    r.token.scopes = c->scopes;
    r.token.expires_in = k_lifetime;
    m_tokens[r.token.access_token] = std::move(e);
    return r;
}

GrantResult CredentialRegistry::refresh(Platform p, std::string_view client_id, std::string_view secret,
                                        std::string_view refresh_token, Time now)
{
    std::lock_guard lock(m_mutex);
    GrantResult r;
    const OAuthClient* c = find_client(p, client_id);
    if (c == nullptr || c->client_secret != secret) {
        r.error = GrantError::invalid_client;
        return r;
    }
    auto it = m_tokens.find(refresh_token);
    if (it == m_tokens.end() || !it->second.is_refresh || it->second.platform != p || it->second.revoked ||
        it->second.client_id != client_id || (it->second.expires_at && now >= *it->second.expires_at)) {
        r.error = GrantError::invalid_grant;
        return r;
    }
    Entry access;
    access.platform = p;
    access.client_id = c->client_id;
    access.scopes = c->scopes;
    access.owner = c->client_id;
    access.expires_at = now + c->access_lifetime;
    r.token.access_token = next_token(p == Platform::shopify ? "shpat_" : "kat_");
    r.token.scopes = c->scopes;
    r.token.expires_in = c->access_lifetime;
    r.token.refresh_expires_in = c->refresh_lifetime;
    if (c->rotate_refresh) {
        if (c->invalidate_old_refresh)
            it->second.revoked = true;
        Entry fresh = it->second;
        fresh.revoked = false;
        fresh.expires_at = now + c->refresh_lifetime;
        r.token.refresh_token = next_token(p == Platform::shopify ? "shprt_" : "krt_");
        m_tokens[r.token.refresh_token] = std::move(fresh);
    } else {
        r.token.refresh_token = std::string(refresh_token);
    }
    m_tokens[r.token.access_token] = std::move(access);
    return r;
}

bool CredentialRegistry::revoke(std::string_view token)
{
    std::lock_guard lock(m_mutex);
    auto it = m_tokens.find(token);
    if (it == m_tokens.end())
        return false;
    it->second.revoked = true;
    return true;
}

void CredentialRegistry::expire_all(Platform p, Time now)
{
    std::lock_guard lock(m_mutex);
    for (auto& [token, e] : m_tokens)
        if (e.platform == p && !e.is_static && !e.is_refresh && (!e.expires_at || *e.expires_at > now))
            e.expires_at = now;
}

}  // namespace frr::sim
