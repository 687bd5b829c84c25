#pragma once
// Access tokens for API requests, behind one interface whatever the auth mode.
// All providers are thread-safe; a renewal holds the provider's lock, so
// concurrent callers wait for one renewal instead of each starting their own.
//
// `now` is the caller's clock (the fetch passes the run's clock, i.e. --as-of
// when given). A recorded expiry is only a hint to renew early: the API's 401
// is what counts, and clients answer it through token_after_401() below.
// Renewal failures follow frr's two error channels:
//   core::Error(credentials, ..., "<platform> token endpoint", remedy)
//       the endpoint refused the credentials (invalid_grant, invalid_client, other 4xx): exit 77;
//   TokenUnavailable (oauth_wire.hpp)
//       the endpoint could not be reached or kept failing: the platform is unavailable.
#include "core/clock.hpp"
#include "net/executor.hpp"
#include "net/oauth_wire.hpp"

#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace frr::net {

class TokenProvider {
public:
    virtual ~TokenProvider() = default;
    // A token valid at `now` for at least the provider's margin, renewing first if needed.
    virtual std::string access_token(core::TimePoint now) = 0;
    // Forget the current access token: the next access_token() renews. Call it
    // when the API answered 401.
    virtual void invalidate() = 0;
    // Like invalidate(), but only if `rejected` is still the current token: when
    // several threads get a 401 for the same token, only one renewal follows.
    virtual void reject(std::string_view rejected) = 0;
};

// How often one API request may be sent again after a 401, each time with a
// token other than the one refused. Once is not enough: every token can be
// expired again (a server-side expiry, a very short lifetime) after the
// renewal and before the renewed token is used, which parallel requests make
// likely. The bound ends the loop when the server refuses every fresh token.
inline constexpr int k_max_renewals_per_request = 3;

// After a 401 for `refused`: rejects it and answers the token to send next,
// renewing if `refused` was still current (another thread may have renewed
// already). nullopt when another try cannot help: the provider hands back the
// refused token again (a static token). Renewal failures propagate as from
// access_token() (core::Error credentials, TokenUnavailable).
std::optional<std::string> token_after_401(TokenProvider& tokens, std::string_view refused,
                                           core::TimePoint now);

// A token that never changes (an Admin API token, a private API key).
// invalidate() cannot help: a 401 with a static token is a credentials error.
class StaticToken final : public TokenProvider {
public:
    explicit StaticToken(std::string token) : m_token(std::move(token)) { }
    std::string access_token(core::TimePoint) override { return m_token; }
    void invalidate() override { }
    void reject(std::string_view) override { }

private:
    const std::string m_token;
};

// The client-credentials grant (RFC 6749 section 4.4): POST {token_url} with
// grant_type=client_credentials&client_id=...&client_secret=... (form). No
// refresh token exists: the grant is simply repeated `renew_before` ahead of expiry.
struct ClientCredentialsOptions {
    std::string token_url;  // the platform's token endpoint (its connector knows where)
    std::string platform;   // the platform's name, for messages
    std::string client_id;
    std::string client_secret;
    std::string secret_env;  // the variable holding the secret, named in the remedy
    std::chrono::seconds renew_before{300};
};

class ClientCredentialsGrant final : public TokenProvider {
public:
    ClientCredentialsGrant(RequestContext context, ClientCredentialsOptions options);
    std::string access_token(core::TimePoint now) override;
    void invalidate() override;
    void reject(std::string_view rejected) override;

private:
    RequestContext m_context;
    const ClientCredentialsOptions m_options;
    std::mutex m_mutex;
    std::string m_token;                       // guarded by m_mutex
    std::optional<core::TimePoint> m_expires;  // guarded by m_mutex
};

// How the refresh grant is spelt on the wire (each connector says which its platform wants).
enum class RefreshStyle {
    // POST {token_url}, JSON
    // {client_id, client_secret, refresh_token, grant_type:"refresh_token"}
    json_body,
    // POST {token_url}, Authorization: Basic base64(id:secret),
    // form grant_type=refresh_token&refresh_token=...
    basic_auth_form,
};

struct RefreshTokenOptions {
    RefreshStyle style = RefreshStyle::json_body;
    std::string platform;   // the platform's name, for messages
    std::string token_url;  // the platform's token endpoint
    std::string client_id;
    std::string client_secret;
    std::string refresh_token;      // as configured (from the environment)
    std::string refresh_token_env;  // that variable's name, for the remedy
    // The rotated refresh token and the access token are kept here (0600).
    // Empty: nothing persists (the rotated token dies with the process).
    std::filesystem::path cache_path;
    std::chrono::seconds renew_before{60};
};

class RefreshTokenProvider final : public TokenProvider {
public:
    // Reads the cache (if any). Throws core::Error(config) when the cache is
    // readable by others, core::Error(bad_input) when it is corrupt, and
    // core::Error(credentials) when there is no refresh token at all.
    RefreshTokenProvider(RequestContext context, RefreshTokenOptions options);
    std::string access_token(core::TimePoint now) override;
    void invalidate() override;
    void reject(std::string_view rejected) override;

    // The refresh token the next renewal will send (tests, diagnostics: never log it).
    std::string current_refresh_token() const;

private:
    HttpRequest grant_request() const;
    void renew_locked(core::TimePoint now);

    RequestContext m_context;
    const RefreshTokenOptions m_options;
    const std::string m_seed_sha256;  // of the configured refresh token
    mutable std::mutex m_mutex;
    std::string m_refresh;                     // guarded by m_mutex
    std::string m_token;                       // guarded by m_mutex
    std::optional<core::TimePoint> m_expires;  // guarded by m_mutex
};

}  // namespace frr::net
