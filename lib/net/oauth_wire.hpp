#pragma once
// The OAuth token endpoint on the wire, shared by the token providers:
// encoding helpers, one grant request through the retry loop, and the
// translation of its failures into frr's two error channels.
#include "net/executor.hpp"
#include "net/url.hpp"  // form_encode, for the grant bodies

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace frr::net {

// The token endpoint could not be reached or kept failing (transport errors,
// 5xx, 429 after every retry, an unreadable 200). A platform-level failure:
// the connector reports the platform unavailable and the run goes on. The
// message is safe to log.
class TokenUnavailable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Lower-case hex SHA-256; used to recognise a refresh token without storing a second copy.
std::string sha256_hex(std::string_view data);

// What a successful grant returns.
struct TokenGrant {
    std::string access_token;
    std::optional<std::chrono::seconds> expires_in;  // absent: valid until rejected
    std::string refresh_token;                       // empty when none was issued
};

// Who is asking, for messages: "shopify", and the remedy when the endpoint
// rejects the credentials (invalid_grant, invalid_client, unauthorized_client).
struct GrantContext {
    std::string platform;
    std::string rejected_remedy;
};

// Sends the grant request through execute() (retrying 5xx, 429, timeouts).
// Throws core::Error(credentials, ..., "<platform> token endpoint", remedy) when
// the credentials are refused (any 4xx but 408/425/429), TokenUnavailable when
// no usable answer came. Never puts a token or response body in a message.
TokenGrant request_grant(const RequestContext& context, const HttpRequest& request, const GrantContext& who);

// The token endpoint URL: `base` without trailing slashes, then `path`.
std::string join_url(std::string_view base, std::string_view path);

}  // namespace frr::net
