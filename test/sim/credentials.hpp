#pragma once
// Credentials of both platforms: static tokens (Shopify shpat_, Klaviyo pk_ keys), OAuth clients
// (client_credentials and refresh_token grants), issued access tokens with expiry on the sim
// clock, rotating refresh tokens with old-token invalidation, revocation, and scopes per token.
// Thread-safe. Token strings are deterministic from the seed and an issue counter.
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store.hpp"

namespace frr::sim {

enum class Platform : std::uint8_t { shopify, klaviyo, woocommerce };
std::string_view platform_name(Platform p);  // "shopify", "klaviyo", "woocommerce"
// "shopify", "klaviyo", "woocommerce" -> the platform; nullopt otherwise.
std::optional<Platform> parse_platform(std::string_view name);

enum class TokenStatus : std::uint8_t { ok, unknown, expired, revoked };

struct TokenInfo {
    TokenStatus status = TokenStatus::unknown;
    std::vector<std::string> scopes;
    std::string owner;  // rate-limit bucket key: account / app install
    std::optional<Time> expires_at;
    bool is_static = false;  // a static token or private key, not an issued OAuth access token
};

struct OAuthClient {
    Platform platform = Platform::shopify;
    std::string client_id;
    std::string client_secret;
    std::vector<std::string> scopes;
    std::chrono::seconds access_lifetime{3600};
    std::chrono::seconds refresh_lifetime{90 * 24 * 3600};
    bool rotate_refresh = true;          // a refresh returns a new refresh token
    bool invalidate_old_refresh = true;  // ... and the old one stops working
};

struct IssuedToken {
    std::string access_token;
    std::string refresh_token;  // empty when the grant issues none
    std::vector<std::string> scopes;
    std::chrono::seconds expires_in{0};
    std::chrono::seconds refresh_expires_in{0};
};

enum class GrantError : std::uint8_t { none, invalid_client, invalid_grant };

struct GrantResult {
    GrantError error = GrantError::none;
    IssuedToken token;
};

class CredentialRegistry {
public:
    explicit CredentialRegistry(std::uint64_t seed = 0) : m_seed(seed) { }

    // A non-expiring token (Shopify admin token, Klaviyo private key).
    void add_static(Platform p, std::string token, std::vector<std::string> scopes, std::string owner);
    void add_client(OAuthClient client);
    // A refresh token issued out of band (what the user pasted into the config).
    void add_refresh_token(Platform p, std::string_view client_id, std::string refresh_token,
                           Time expires_at);

    // Lookup for an API request at sim time `now`.
    TokenInfo check(Platform p, std::string_view token, Time now) const;

    // Shopify client_credentials: access token, no refresh token, lifetime 86399 s.
    GrantResult client_credentials(Platform p, std::string_view client_id, std::string_view secret, Time now);
    // refresh_token grant for both platforms.
    GrantResult refresh(Platform p, std::string_view client_id, std::string_view secret,
                        std::string_view refresh_token, Time now);
    // Revoke one token (access or refresh); true if it existed.
    bool revoke(std::string_view token);
    // Expire every issued (non-static) access token of a platform as of `now`.
    void expire_all(Platform p, Time now);
    // OAuth client by id; nullopt when unknown.
    std::optional<OAuthClient> client(Platform p, std::string_view client_id) const;

private:
    struct Entry {
        Platform platform = Platform::shopify;
        bool is_refresh = false;
        bool is_static = false;
        bool revoked = false;
        std::string client_id;
        std::vector<std::string> scopes;
        std::string owner;
        std::optional<Time> expires_at;
    };
    std::string next_token(std::string_view prefix);
    const OAuthClient* find_client(Platform p, std::string_view id) const;

    mutable std::mutex m_mutex;
    std::uint64_t m_seed;
    std::uint64_t m_counter = 0;
    std::map<std::string, Entry, std::less<>> m_tokens;
    std::vector<OAuthClient> m_clients;
};

}  // namespace frr::sim
