#pragma once
// The HTTP transport seam. Connectors and delivery channels speak to the
// outside world only through HttpTransport; the libcurl implementation is
// CurlTransport (curl_transport.hpp), tests use a loopback server or a fake.
// Transport failures (no answer) and HTTP statuses (an answer) are kept apart.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace frr::net {

using Headers = std::vector<std::pair<std::string, std::string>>;

// Takes a successful (2xx) response's body as it arrives, in pieces of any size, in place of
// HttpResponse::body, so that a large download (a bulk operation's JSONL file) is never held
// whole. Any other status still fills HttpResponse::body: an error answer is small and is read
// whole. One sink serves every attempt of a request (the executor's retries): begin() is called
// as each attempt starts, and the body that follows starts again from its first byte, so a sink
// that cannot take back what it has consumed skips what it has already seen.
class BodySink {
public:
    virtual ~BodySink() = default;
    virtual void begin() = 0;
    // The next bytes of the body. False stops the transfer: send() then returns a
    // TransportError of kind `stopped`, and the sink itself knows why.
    virtual bool write(std::string_view bytes) = 0;
};

struct HttpRequest {
    std::string method = "GET";
    std::string url;
    Headers headers;
    std::string body;
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds total_timeout{60'000};
    BodySink* body_sink = nullptr;  // not owned; when set, a 2xx body goes there (see BodySink)
};

struct HttpResponse {
    long status = 0;
    Headers headers;  // names lower-cased
    std::string body;
    std::uint64_t streamed_bytes = 0;  // body bytes handed to the request's body_sink instead
    // Case-insensitive lookup of the first header with this name.
    std::optional<std::string> header(std::string_view name) const;
};

enum class TransportErrorKind {
    connect,       // refused, DNS, unreachable
    timeout,       // connect or total timeout
    reset,         // connection dropped mid-exchange, empty reply
    tls,           // certificate or handshake failure
    insecure_url,  // plain http:// to a non-loopback host: refused before sending
    stopped,       // the request's body_sink refused the rest of the body (final: not retried)
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

// What a transport that holds the whole body at once (a fake, a replay) does to honour
// request.body_sink: begin(), then a 2xx body goes to the sink in pieces of at most `piece`
// bytes instead of staying in response.body. False when the sink stopped it.
bool hand_to_sink(const HttpRequest& request, HttpResponse& response,
                  std::size_t piece = static_cast<std::size_t>(-1));

// True for http(s) URLs whose host is loopback (127.0.0.0/8, ::1, localhost).
bool is_loopback_url(std::string_view url);
// Plain http:// is allowed only to loopback hosts; https:// always.
bool is_allowed_url(std::string_view url);

}  // namespace frr::net
