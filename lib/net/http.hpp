#pragma once
// The HTTP transport seam. Connectors and delivery channels speak to the
// outside world only through HttpTransport; the libcurl implementation is
// CurlTransport (curl_transport.hpp), tests use a loopback server or a fake.
// Transport failures (no answer) and HTTP statuses (an answer) are kept apart.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace frr::net {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
    std::string method = "GET";
    std::string url;
    Headers headers;
    std::string body;
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds total_timeout{60'000};
};

struct HttpResponse {
    long status = 0;
    Headers headers;  // names lower-cased
    std::string body;
    // Case-insensitive lookup of the first header with this name.
    std::optional<std::string> header(std::string_view name) const;
};

enum class TransportErrorKind {
    connect,       // refused, DNS, unreachable
    timeout,       // connect or total timeout
    reset,         // connection dropped mid-exchange, empty reply
    tls,           // certificate or handshake failure
    insecure_url,  // plain http:// to a non-loopback host: refused before sending
    other,
};

struct TransportError {
    TransportErrorKind kind = TransportErrorKind::other;
    std::string message;  // already redacted: safe to log
};

// Exactly one of response / error is set.
struct HttpResult {
    std::optional<HttpResponse> response;
    std::optional<TransportError> error;
    bool ok() const { return response.has_value(); }
};

class HttpTransport {
public:
    virtual ~HttpTransport() = default;
    // Thread-safe: the fetch runs platforms and endpoints side by side.
    virtual HttpResult send(const HttpRequest& request) = 0;
};

// True for http(s) URLs whose host is loopback (127.0.0.0/8, ::1, localhost).
bool is_loopback_url(std::string_view url);
// Plain http:// is allowed only to loopback hosts; https:// always.
bool is_allowed_url(std::string_view url);

}  // namespace frr::net
