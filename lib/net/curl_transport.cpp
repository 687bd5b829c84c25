#include "net/curl_transport.hpp"

#include "core/redact.hpp"
#include "core/version.hpp"
#include "net/url.hpp"
#include "text/utf8.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>

namespace frr::net {

namespace detail {
void CurlEasyDeleter::operator()(void* handle) const
{
    curl_easy_cleanup(static_cast<CURL*>(handle));
}
}  // namespace detail

namespace {

// libcurl's process-wide setup, run once before the first handle exists. It is
// never undone: curl_global_cleanup at exit would race with transports still
// alive in other static objects, and the process is ending anyway.
void ensure_curl_global()
{
    static const CURLcode k_init = curl_global_init(CURL_GLOBAL_DEFAULT);
    if (k_init != CURLE_OK)
        throw std::runtime_error(
            fmt::format("libcurl initialisation failed: {}", curl_easy_strerror(k_init)));
}

struct SlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

// False when libcurl could not allocate; the list is left as it was.
bool append_header(Slist& list, const std::string& line)
{
    curl_slist* grown = curl_slist_append(list.get(), line.c_str());
    if (grown == nullptr)
        return false;
    static_cast<void>(list.release());  // `grown` now owns the old nodes
    list.reset(grown);
    return true;
}

// What one exchange collects from libcurl's callbacks.
struct Exchange {
    CURL* curl = nullptr;
    BodySink* sink = nullptr;  // the request's, if any
    HttpResponse response;
    std::optional<bool> streams;  // decided at the body's first bytes: a 2xx body goes to the sink
    bool stopped = false;         // the sink refused the body

    bool to_sink()
    {
        if (!streams) {
            long status = 0;
            curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
            streams = sink != nullptr && status >= 200 && status <= 299;
        }
        return *streams;
    }
};

// Returning fewer bytes than were handed over makes libcurl end the transfer (CURLE_WRITE_ERROR).
std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user)
{
    auto* exchange = static_cast<Exchange*>(user);
    const std::size_t n = size * count;
    if (n == 0 || !exchange->to_sink()) {
        exchange->response.body.append(data, n);
        return n;
    }
    if (!exchange->sink->write(std::string_view(data, n))) {
        exchange->stopped = true;
        return 0;
    }
    exchange->response.streamed_bytes += n;
    return n;
}

std::string trim(std::string_view s)
{
    auto is_space = [](unsigned char c) { return std::isspace(c) != 0; };
    while (!s.empty() && is_space(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && is_space(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return std::string(s);
}

// One header line per call. A status line starts a new header block (after a
// "100 Continue" or a proxy's CONNECT answer), so only the final block is kept.
std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user)
{
    auto* exchange = static_cast<Exchange*>(user);
    std::string_view line(data, size * count);
    if (line.starts_with("HTTP/")) {
        exchange->response.headers.clear();
        return size * count;
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0)
        return size * count;
    std::string name = text::ascii_lower(trim(line.substr(0, colon)));
    exchange->response.headers.emplace_back(std::move(name), trim(line.substr(colon + 1)));
    return size * count;
}

TransportErrorKind kind_of(CURLcode code)
{
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT: return TransportErrorKind::connect;
    case CURLE_OPERATION_TIMEDOUT: return TransportErrorKind::timeout;
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_BAD_CONTENT_ENCODING:  // a compressed body cut short in transit
        return TransportErrorKind::reset;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED: return TransportErrorKind::tls;
    default: return TransportErrorKind::other;
    }
}

const char* kind_phrase(TransportErrorKind kind)
{
    switch (kind) {
    case TransportErrorKind::connect: return "could not connect to";
    case TransportErrorKind::timeout: return "timed out talking to";
    case TransportErrorKind::reset: return "connection dropped by";
    case TransportErrorKind::tls: return "TLS failure with";
    case TransportErrorKind::insecure_url: return "refused insecure URL for";
    case TransportErrorKind::stopped: return "stopped reading the answer of";
    case TransportErrorKind::other: break;
    }
    return "request failed to";
}

TransportError make_error(TransportErrorKind kind, const HttpRequest& request, std::string_view detail)
{
    // The curl error buffer names hosts and ports, never query strings; the
    // URL itself goes through the one redaction helper.
    return TransportError{kind,
                          fmt::format("{} {} ({} {}): {}", kind_phrase(kind), url_host(request.url),
                                      request.method, core::redact_url(request.url), detail)};
}

// Applies one request's options to a freshly reset handle. Returns the first
// failing option's code (only an out-of-memory or a libcurl built without a
// needed feature can fail here).
CURLcode configure(CURL* curl, const HttpRequest& request, const curl_slist* headers,
                   const std::string& user_agent, Exchange& exchange, char* error_buffer)
{
    CURLcode rc = CURLE_OK;
    auto set = [&](CURLoption option, auto value) {
        if (rc == CURLE_OK)
            rc = curl_easy_setopt(curl, option, value);
    };
    set(CURLOPT_ERRORBUFFER, error_buffer);
    set(CURLOPT_URL, request.url.c_str());
    set(CURLOPT_PROTOCOLS_STR, "http,https");
    set(CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: required with threads
    set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout.count()));
    set(CURLOPT_TIMEOUT_MS, static_cast<long>(request.total_timeout.count()));
    set(CURLOPT_SSL_VERIFYPEER, 1L);
    set(CURLOPT_SSL_VERIFYHOST, 2L);
    set(CURLOPT_FOLLOWLOCATION, 0L);
    set(CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl can decode
    set(CURLOPT_USERAGENT, user_agent.c_str());
    set(CURLOPT_HTTPHEADER, headers);
    set(CURLOPT_WRITEFUNCTION, on_body);
    set(CURLOPT_WRITEDATA, static_cast<void*>(&exchange));
    set(CURLOPT_HEADERFUNCTION, on_header);
    set(CURLOPT_HEADERDATA, static_cast<void*>(&exchange));
    if (request.method == "GET") {
        set(CURLOPT_HTTPGET, 1L);
    } else if (request.method == "HEAD") {
        set(CURLOPT_NOBODY, 1L);
    } else {
        set(CURLOPT_CUSTOMREQUEST, request.method.c_str());
        if (!request.body.empty() || request.method == "POST") {
            set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
            set(CURLOPT_POSTFIELDS, request.body.c_str());
        }
    }
    return rc;
}

}  // namespace

CurlTransport::CurlTransport(std::string user_agent) : m_user_agent(std::move(user_agent))
{
    ensure_curl_global();
}

CurlTransport::~CurlTransport() = default;

std::string CurlTransport::default_user_agent()
{
    return std::string("frr/") + std::string(core::version());
}

detail::CurlEasy CurlTransport::acquire()
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            auto handle = std::move(m_idle.back());
            m_idle.pop_back();
            // Forget the previous request's options; live connections, the DNS
            // cache and TLS sessions survive the reset, which is the point.
            curl_easy_reset(static_cast<CURL*>(handle.get()));
            return handle;
        }
    }
    return detail::CurlEasy(curl_easy_init());
}

void CurlTransport::release(detail::CurlEasy handle)
{
    std::lock_guard lock(m_mutex);
    m_idle.push_back(std::move(handle));
}

HttpResult CurlTransport::send(const HttpRequest& request)
{
    if (!is_allowed_url(request.url))
        return HttpResult{std::nullopt,
                          make_error(TransportErrorKind::insecure_url, request,
                                     "only https:// is allowed, or http:// to a loopback host")};
    auto handle = acquire();
    if (!handle)
        return HttpResult{
            std::nullopt,
            make_error(TransportErrorKind::other, request, "libcurl could not create a handle")};
    auto* curl = static_cast<CURL*>(handle.get());

    Slist headers;
    // "Expect:" turns off the 100-continue round trip before large bodies.
    bool appended = append_header(headers, "Expect:");
    for (const auto& [name, value] : request.headers)
        appended = appended && append_header(headers, name + ": " + value);
    if (!appended)
        return HttpResult{std::nullopt, make_error(TransportErrorKind::other, request, "out of memory")};

    Exchange exchange;
    exchange.curl = curl;
    exchange.sink = request.body_sink;
    char error_buffer[CURL_ERROR_SIZE] = {};
    CURLcode rc = configure(curl, request, headers.get(), m_user_agent, exchange, error_buffer);
    if (rc == CURLE_OK) {
        if (request.body_sink != nullptr)
            request.body_sink->begin();
        rc = curl_easy_perform(curl);
    }
    if (rc == CURLE_WRITE_ERROR && exchange.stopped)
        return HttpResult{
            std::nullopt,
            make_error(TransportErrorKind::stopped, request, "the receiver refused the rest of the body")};
    if (rc != CURLE_OK) {
        std::string detail = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(rc);
        // A handle whose transfer failed may hold a broken connection: drop it.
        return HttpResult{std::nullopt, make_error(kind_of(rc), request, detail)};
    }
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    exchange.response.status = status;
    release(std::move(handle));
    return HttpResult{std::move(exchange.response), std::nullopt};
}

}  // namespace frr::net
