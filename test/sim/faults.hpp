#pragma once
// Transport fault injection. Each route asks take_fault(platform, path) before it answers and,
// when a Fault comes back, answers with it instead (helpers below do the transport-level ones).
// A FaultSpec matches a platform and an endpoint (empty = every endpoint; otherwise a substring
// of the request path, e.g. "/api/events" or "graphql.json"), fires for the next `count`
// matching requests or for a `fraction` of them (seeded RNG), and for `outage` only while the
// sim clock is in [from, until). Thread-safe.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "credentials.hpp"
#include "store.hpp"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace frr::sim {

enum class FaultKind : std::uint8_t {
    http_status,     // answer `status` with a body of `body` kind (platform-specific text)
    rate_limit,      // 429, with Retry-After: retry_after_seconds unless !retry_after
    slow,            // sleep `delay` (real time), then answer normally
    reset,           // drop the connection without a response
    truncated,       // send the normal body cut in half (Content-Length of the whole)
    invalid_json,    // 200 with a body that is not JSON
    outage,          // every request of the platform -> 503 while from <= now < until
    expire_tokens,   // expires every issued access token of the platform now (applied by take_fault)
    short_page,      // a page with fewer records than asked for that still has a next link
    graphql_partial  // Shopify: data plus ACCESS_DENIED errors with nulled customer fields
};
std::string_view fault_kind_name(FaultKind k);
std::optional<FaultKind> parse_fault_kind(std::string_view name);

enum class BodyKind : std::uint8_t { json, html, empty };

struct Fault {
    FaultKind kind = FaultKind::http_status;
    int status = 503;
    BodyKind body = BodyKind::json;
    bool retry_after = true;
    int retry_after_seconds = 1;
    std::chrono::milliseconds delay{0};
};

struct FaultSpec {
    Platform platform = Platform::shopify;
    std::string endpoint;  // substring of the path; empty = all
    // Substring of the request's decoded query parameters ("name=value&...") or body; empty =
    // any. Singles out one dataset behind a shared endpoint: a GraphQL operation
    // ("AbandonedCheckoutsPage") or one metric's events (its id in the filter).
    std::string contains;
    Fault fault;
    std::optional<std::uint32_t> count;  // next N matching requests; nullopt = unlimited
    double fraction = 1.0;               // probability per matching request
    std::optional<Time> from;            // active window on the sim clock (outage requires both)
    std::optional<Time> until;
};

class CredentialRegistry;

class FaultInjector {
public:
    explicit FaultInjector(std::uint64_t seed = 0) : m_rng(seed ^ 0x5eedfa17ULL) { }
    void add(FaultSpec spec);
    void clear();
    std::vector<FaultSpec> active() const;

    // The fault to apply to this request, if any. Consumes one use of a counted spec.
    // `request` is what `contains` is matched against (see FaultSpec).
    // expire_tokens is applied here (via `credentials`) and is never returned.
    std::optional<Fault> take(Platform p, std::string_view path, std::string_view request, Time now,
                              CredentialRegistry& credentials);

private:
    mutable std::mutex m_mutex;
    std::vector<FaultSpec> m_specs;
    std::mt19937_64 m_rng;
};

// What FaultSpec::contains is matched against: the decoded query parameters, then the body.
std::string fault_request_text(const httplib::Request& req);

// Transport-level answers shared by both platforms.
// Drops the connection: the response is started with a content provider that fails at once.
void respond_reset(httplib::Response& res);
// Sends `Content-Length: body.size()` but only the first half of `body`, then closes.
void respond_truncated(httplib::Response& res, std::string body, std::string content_type);
// A Cloudflare-style HTML error page for `status`.
std::string html_error_page(int status);

}  // namespace frr::sim
