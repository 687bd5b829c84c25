#pragma once
// HttpTransport over libcurl. Safe to share between threads: each send()
// borrows an easy handle from a small pool and returns it afterwards, so a
// handle (and the connections it keeps alive) is reused by later requests but
// never used by two threads at once.
//
// Fixed behaviour, deliberately not configurable:
//   - TLS peer and host verification are always on;
//   - plain http:// is refused before sending unless the host is loopback;
//   - only http and https are spoken; redirects are not followed (a redirect
//     comes back as a 3xx response, so credentials never travel to a new host);
//   - compressed responses (gzip, deflate and whatever else this libcurl
//     decodes) are accepted and decoded;
//   - proxy environment variables (https_proxy, no_proxy, ...) are honoured,
//     as libcurl does by default.
#include "net/http.hpp"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace frr::net {

namespace detail {
struct CurlEasyDeleter {
    void operator()(void* handle) const;
};
// Owns one CURL easy handle (typed void to keep <curl/curl.h> out of this header).
using CurlEasy = std::unique_ptr<void, CurlEasyDeleter>;
}  // namespace detail

class CurlTransport final : public HttpTransport {
public:
    // `user_agent` is sent on every request ("frr/<version>" by default).
    explicit CurlTransport(std::string user_agent = default_user_agent());
    ~CurlTransport() override;
    CurlTransport(const CurlTransport&) = delete;
    CurlTransport& operator=(const CurlTransport&) = delete;

    HttpResult send(const HttpRequest& request) override;

    static std::string default_user_agent();

private:
    detail::CurlEasy acquire();
    void release(detail::CurlEasy handle);

    std::string m_user_agent;
    std::mutex m_mutex;
    std::vector<detail::CurlEasy> m_idle;  // guarded by m_mutex
};

}  // namespace frr::net
