#pragma once
// Klaviyo's JSON:API over HTTP (api/klaviyo.md sections 1, 2, 5, 7): every
// request carries the auth header (Klaviyo-API-Key for private keys, Bearer
// for OAuth), the pinned `revision` and Accept: application/vnd.api+json.
// Each endpoint has its own WindowLimiter seeded with the published tier
// limits and corrected by RateLimit-* headers and 429 Retry-After; 429 and
// 5xx are retried with backoff; a 401 is sent again with a renewed token, up to
// net::k_max_renewals_per_request times (never with the refused token again).
#include "connectors/klaviyo/settings.hpp"
#include "core/clock.hpp"
#include "net/executor.hpp"
#include "net/oauth.hpp"
#include "net/rate_limit.hpp"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <rapidjson/document.h>
#include <string>
#include <utility>
#include <vector>

namespace frr::connectors::klaviyo {

// Published tiers: XS 1/s 15/m, S 3/s 60/m, M 10/s 150/m, L 75/s 750/m
// (700/m before revision 2026-01-15), XL 350/s 3500/m; and the Reporting API's own limit,
// 1/s 2/m (plus 225 a day, which one request per run cannot reach).
enum class Tier { xs, s, m, l, xl, reporting };
struct TierLimits {
    int burst = 0;
    int steady = 0;
};
TierLimits limits_of(Tier tier, const std::string& revision);

// A rate-limit key: Klaviyo limits each endpoint (and a stricter variant of
// one, such as profile_count) separately.
struct Route {
    std::string key;  // "events", "list_count", ...
    Tier tier = Tier::l;
    // Sent once, whatever the answer: for endpoints whose quota a retry would spend (the
    // Reporting API's 225 requests a day), where a failure waits for the next run instead.
    bool single_attempt = false;
};

enum class ReplyStatus { ok, unauthorized, forbidden, failed };

struct Reply {
    ReplyStatus status = ReplyStatus::failed;
    long http_status = 0;
    rapidjson::Document doc;
    std::string error;  // plain words, no secrets
};

struct PagedResult {
    ReplyStatus status = ReplyStatus::ok;
    std::string error;
    int pages = 0;
    std::int64_t resources = 0;
    bool complete() const { return status == ReplyStatus::ok; }
};

// "?k=v&k2=v2", every key and value percent-encoded; "" for no parameters.
std::string query_string(const std::vector<std::pair<std::string, std::string>>& params);

// Renders a JSON:API error body ({"errors":[{"detail":...}]}) in one line.
std::string describe_errors(const rapidjson::Document& doc);
// Retry verdict: the default statuses, plus an unreadable 200 (truncated body).
net::Verdict classify_jsonapi(const net::HttpResult& result);

class JsonApiClient {
public:
    JsonApiClient(std::string base_url, std::string revision, AuthMode auth, net::TokenProvider& tokens,
                  net::RequestContext context, const core::Clock& wall);

    // `target` is a path ("/api/metrics?...") or an absolute URL (links.next, verbatim).
    Reply get(const std::string& target, const Route& route);
    Reply post(const std::string& path, std::string body, const Route& route);
    // Follows links.next verbatim until it is null; `sink` sees every resource
    // of data[]. Stops at the first failed page (resources already sunk stay).
    PagedResult get_all(const std::string& target, const Route& route,
                        const std::function<void(const rapidjson::Value&)>& sink,
                        const std::function<void(int, std::int64_t)>& progress = {});

    const std::string& revision() const { return m_revision; }

private:
    Reply send(net::HttpRequest request, const Route& route);
    net::WindowLimiter& limiter(const Route& route);
    std::string url_of(const std::string& target) const;

    std::string m_base;
    std::string m_revision;
    AuthMode m_auth;
    net::TokenProvider& m_tokens;
    net::RequestContext m_context;
    const core::Clock& m_wall;
    std::mutex m_mutex;
    std::map<std::string, std::unique_ptr<net::WindowLimiter>> m_limiters;  // guarded by m_mutex
};

}  // namespace frr::connectors::klaviyo
