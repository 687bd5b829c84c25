// HTTP glue for the Shopify side: each route consults the fault injector
// first, then answers through ShopifyService. Transport faults map as
// follows: http_status (JSON bodies in Shopify's string-`errors` form, the
// Cloudflare HTML page, or empty; status 200 means a GraphQL
// INTERNAL_SERVER_ERROR), rate_limit (429 THROTTLED with or without
// Retry-After), slow, reset, truncated, invalid_json, outage (503);
// short_page and graphql_partial shape the GraphQL data.
#include <memory>
#include <thread>

#include <httplib.h>

#include "../routes.hpp"
#include "shopify_service.hpp"

namespace frr::sim {

namespace {

using shopify::DataFaults;
using shopify::HttpAnswer;
using shopify::ShopifyService;

std::string json_error_text(int status)
{
    switch (status) {
    case 402: return R"({"errors":"This shop's plan does not have access to this feature"})";
    case 403: return R"({"errors":"User does not have access"})";
    case 404: return R"({"errors":"Not Found"})";
    case 423: return R"({"errors":"This shop is unavailable"})";
    case 500: return R"({"errors":"An unexpected error occurred"})";
    default: return R"({"errors":"Service Unavailable"})";
    }
}

void send(httplib::Response& res, const HttpAnswer& answer)
{
    res.status = answer.status;
    for (const auto& [key, value] : answer.headers)
        res.set_header(key, value);
    res.set_content(answer.body, answer.content_type);
}

// Applies a transport fault; returns true when the response is complete.
// `data` collects faults that the GraphQL executor applies itself.
bool apply_fault(const std::optional<Fault>& fault, httplib::Response& res, DataFaults& data,
                 std::optional<Fault>& deferred)
{
    if (!fault)
        return false;
    switch (fault->kind) {
    case FaultKind::http_status:
        if (fault->status == 200) {
            data.internal_error = true;
            return false;
        }
        res.status = fault->status;
        if (fault->body == BodyKind::html)
            res.set_content(html_error_page(fault->status), "text/html");
        else if (fault->body == BodyKind::json)
            res.set_content(json_error_text(fault->status), "application/json; charset=utf-8");
        return true;
    case FaultKind::outage:
        res.status = 503;
        if (fault->body == BodyKind::html)
            res.set_content(html_error_page(503), "text/html");
        else
            res.set_content(json_error_text(503), "application/json; charset=utf-8");
        return true;
    case FaultKind::rate_limit:
        res.status = 429;
        if (fault->retry_after)
            res.set_header("Retry-After", std::to_string(fault->retry_after_seconds));
        res.set_content(
            R"({"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED","documentation":"https://shopify.dev/api/usage/rate-limits"}}]})",
            "application/json; charset=utf-8");
        return true;
    case FaultKind::reset: respond_reset(res); return true;
    case FaultKind::slow: std::this_thread::sleep_for(fault->delay); return false;
    case FaultKind::short_page: data.short_page = true; return false;
    case FaultKind::graphql_partial: data.partial = true; return false;
    case FaultKind::truncated:
    case FaultKind::invalid_json: deferred = fault; return false;
    case FaultKind::expire_tokens: return false;
    }
    return false;
}

void send_with(const std::optional<Fault>& deferred, httplib::Response& res, const HttpAnswer& answer)
{
    if (deferred && deferred->kind == FaultKind::truncated) {
        for (const auto& [key, value] : answer.headers)
            res.set_header(key, value);
        res.status = answer.status;
        respond_truncated(res, answer.body, answer.content_type);
    } else if (deferred && deferred->kind == FaultKind::invalid_json) {
        res.status = 200;
        res.set_content("{\"data\":{\"orders\":{\"nodes\":[{\"id\":\"gid://shopify/Order/",
                        "application/json; charset=utf-8");
    } else {
        send(res, answer);
    }
}

}  // namespace

void register_shopify_routes(httplib::Server& server, SimContext& ctx)
{
    auto service = std::make_shared<ShopifyService>(ctx);

    server.Post(R"(/admin/api/([^/]+)/graphql\.json)",
                [service, &ctx](const httplib::Request& req, httplib::Response& res) {
                    DataFaults data;
                    std::optional<Fault> deferred;
                    if (apply_fault(ctx.take_fault(Platform::shopify, req.path, fault_request_text(req)), res,
                                    data, deferred))
                        return;
                    send_with(deferred, res,
                              service->graphql(req.matches[1].str(),
                                               req.get_header_value("X-Shopify-Access-Token"), req.body,
                                               data));
                });

    server.Post(
        "/admin/oauth/access_token", [service, &ctx](const httplib::Request& req, httplib::Response& res) {
            DataFaults data;
            std::optional<Fault> deferred;
            if (apply_fault(ctx.take_fault(Platform::shopify, req.path, fault_request_text(req)), res, data,
                            deferred))
                return;
            std::string body = req.body;
            if (body.empty() && !req.params.empty()) {
                // Some clients send the grant as query parameters.
                for (const auto& [key, value] : req.params)
                    body +=
                        (body.empty() ? "" : "&") + key + "=" + httplib::detail::encode_query_param(value);
            }
            send_with(deferred, res, service->access_token(body, req.get_header_value("Content-Type")));
        });

    server.Get("/admin/oauth/access_scopes.json",
               [service, &ctx](const httplib::Request& req, httplib::Response& res) {
                   DataFaults data;
                   std::optional<Fault> deferred;
                   if (apply_fault(ctx.take_fault(Platform::shopify, req.path, fault_request_text(req)), res,
                                   data, deferred))
                       return;
                   send_with(deferred, res,
                             service->access_scopes(req.get_header_value("X-Shopify-Access-Token")));
               });

    // The bulk result file takes transport faults too (endpoint "/_sim/bulk" singles it out):
    // `truncated` cuts the download at half its Content-Length, as a dropped connection would.
    server.Get(
        R"(/_sim/bulk/(\d+)\.jsonl)", [service, &ctx](const httplib::Request& req, httplib::Response& res) {
            DataFaults data;
            std::optional<Fault> deferred;
            if (apply_fault(ctx.take_fault(Platform::shopify, req.path, fault_request_text(req)), res, data,
                            deferred))
                return;
            send_with(deferred, res,
                      service->bulk_download(std::stoll(req.matches[1].str()), req.get_param_value("Expires"),
                                             req.get_param_value("Signature")));
        });
}

}  // namespace frr::sim
