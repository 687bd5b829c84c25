#pragma once
// WooCommerce's REST API v3 over HTTP (docs/fetching.md, "WooCommerce"): every request carries
// HTTP Basic auth with the consumer key and secret (WooCommerce's "Authentication over HTTPS";
// plain http only to loopback, as every connector) and is paced by one WindowLimiter at the
// configured requests per second. 429 (with Retry-After), 5xx, timeouts, resets and an
// unreadable 200 are retried with backoff; 401 and 403 are final (a consumer key is static:
// nothing renews it). Collections are paged with page/per_page until X-WP-TotalPages.
#include "core/clock.hpp"
#include "net/executor.hpp"
#include "net/rate_limit.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <rapidjson/document.h>
#include <string>
#include <utility>
#include <vector>

namespace frr::connectors::woocommerce {

// The REST API's root under the site's base URL.
inline constexpr const char* k_api_root = "/wp-json/wc/v3";

enum class ReplyStatus { ok, unauthorized, forbidden, failed };
const char* to_string(ReplyStatus s);

struct Reply {
    ReplyStatus status = ReplyStatus::failed;
    long http_status = 0;
    rapidjson::Document doc;
    std::string error;                        // plain words with the request named, no secrets
    std::optional<std::int64_t> total;        // X-WP-Total
    std::optional<std::int64_t> total_pages;  // X-WP-TotalPages
};

struct PagedResult {
    ReplyStatus status = ReplyStatus::ok;
    std::string error;
    int pages = 0;
    std::int64_t records = 0;
    std::optional<std::int64_t> total;  // X-WP-Total of the first page
    bool complete() const { return status == ReplyStatus::ok; }
};

using Params = std::vector<std::pair<std::string, std::string>>;

// WooCommerce's error body {"code":"...","message":"...","data":{"status":401}} in one line:
// "message (code)"; "" when the body is not one.
std::string describe_error(const rapidjson::Document& doc);
// Retry verdict: the default statuses, plus an unreadable 2xx (a truncated body).
net::Verdict classify_rest(const net::HttpResult& result);
// "Basic base64(key:secret)".
std::string basic_authorization(const std::string& key, const std::string& secret);

class RestClient {
public:
    // `base_url` is the site's root; `authorization` the Authorization header's value.
    RestClient(std::string base_url, std::string authorization, net::RequestContext context,
               int requests_per_second);

    // GET {base}/wp-json/wc/v3{route}?{params}. `route` starts with '/' ("/orders").
    Reply get(const std::string& route, const Params& params);
    // GET {base}{path}: outside the API's root (WordPress's own index, "/wp-json/").
    Reply get_site(const std::string& path);
    // Every page of a collection, per_page `page_size`, from page 1 until X-WP-TotalPages (or an
    // empty page when the header is missing). `sink` sees every element of each page's array.
    // Stops at the first failed page; what was sunk stays.
    PagedResult get_all(const std::string& route, Params params, int page_size,
                        const std::function<void(const rapidjson::Value&)>& sink,
                        const std::function<void(int, std::int64_t)>& progress = {});

    const std::string& base_url() const { return m_base; }

private:
    Reply send(const std::string& path, const Params& params, const std::string& what);

    std::string m_base;
    std::string m_authorization;
    net::RequestContext m_context;
    net::WindowLimiter m_limiter;
};

}  // namespace frr::connectors::woocommerce
