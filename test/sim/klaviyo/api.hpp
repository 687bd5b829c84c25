// The Klaviyo side of frr-sim: one object per server owning what the handlers share (the
// rate limiter, the event/profile indexes) and the request pipeline every route goes through:
// fault injection -> authentication -> revision -> scopes -> rate limit -> handler.
#pragma once

#include <atomic>
#include <functional>
#include <numeric>
#include <span>
#include <string>
#include <vector>

#include "../sim_context.hpp"
#include "api_error.hpp"
#include "endpoints.hpp"
#include "rate_limiter.hpp"
#include "request.hpp"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace frr::sim::klaviyo {

// A handler's answer: JSON:API body with status 200 unless set otherwise.
struct ApiResponse {
    int status = 200;
    std::string body;
};

// What a handler may read besides the request: the store, the clock and whether the fault
// injector asked for a short page (fewer records than asked, next link still present).
struct HandlerEnv {
    const Store& store;
    Time now;
    bool short_page = false;
    std::span<const std::uint32_t> profiles_by_id;  // 0..n-1: the store's own (id) order
};

using Handler = std::function<ApiResponse(const ApiRequest&, const HandlerEnv&)>;

class KlaviyoApi {
public:
    explicit KlaviyoApi(SimContext& ctx) : m_ctx(ctx), m_profiles_by_id(ctx.store().profiles.size())
    {
        std::iota(m_profiles_by_id.begin(), m_profiles_by_id.end(), 0U);
    }

    // Runs the pipeline for `endpoint` and writes the answer into `res`.
    void serve(Endpoint endpoint, const httplib::Request& req, httplib::Response& res,
               const Handler& handler);
    // POST /oauth/token (OAuth error bodies, not JSON:API).
    void serve_token(const httplib::Request& req, httplib::Response& res);
    // Unknown /api/ path: 404 with the live `not_found` body.
    void serve_not_found(const httplib::Request& req, httplib::Response& res);

    SimContext& context() { return m_ctx; }

private:
    struct Caller {
        std::string owner;
        std::vector<std::string> scopes;
    };
    Caller authenticate(const httplib::Request& req) const;
    RateLimit limit_for(const ApiRequest& request) const;
    std::string bucket_for(const ApiRequest& request) const;
    void write_error(httplib::Response& res, const ApiError& error);
    std::string next_error_id() { return error_id(m_sequence.fetch_add(1)); }

    SimContext& m_ctx;
    RateLimiter m_limiter;
    std::vector<std::uint32_t> m_profiles_by_id;
    std::atomic<std::uint64_t> m_sequence{1};
};

inline constexpr const char* k_json_api = "application/vnd.api+json";

}  // namespace frr::sim::klaviyo
