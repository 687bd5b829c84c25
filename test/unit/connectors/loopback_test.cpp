// Pagination and retry over a real socket: a loopback cpp-httplib server on an
// ephemeral port, libcurl through CurlTransport, and a fake sleeper.
#include "connectors/klaviyo/jsonapi_client.hpp"
#include "connectors/shopify/connection.hpp"
#include "connectors/shopify/queries.hpp"
#include "core/random.hpp"
#include "net/curl_transport.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <httplib.h>
#include <thread>

using namespace frr;

namespace {

class Loopback {
public:
    explicit Loopback(httplib::Server& server) : m_server(server)
    {
        // bind_to_any_port listens already: connections queue until the accept loop runs.
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
    }
    ~Loopback()
    {
        m_server.stop();
        m_thread.join();
    }
    std::string base() const { return "http://127.0.0.1:" + std::to_string(m_port); }

private:
    httplib::Server& m_server;
    int m_port = 0;
    std::thread m_thread;
};

}  // namespace

TEST_CASE("Shopify pages over loopback: a 502 and a THROTTLED are retried, cursors followed", "[loopback]")
{
    httplib::Server server;
    std::atomic<int> calls{0};
    server.Post("/admin/api/2026-10/graphql.json", [&](const httplib::Request& req, httplib::Response& res) {
        int n = ++calls;
        if (req.get_header_value("X-Shopify-Access-Token") != "shpat_loop") {
            res.status = 401;
            res.set_content(
                R"J({"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"})J",
                "application/json");
            return;
        }
        if (n == 1) {
            res.status = 502;
            return;
        }
        if (n == 2) {
            res.set_content(
                R"J({"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}],"extensions":{"cost":{"requestedQueryCost":70,"actualQueryCost":null,"throttleStatus":{"maximumAvailable":1000,"currentlyAvailable":66,"restoreRate":50}}}})J",
                "application/json");
            return;
        }
        const bool first_page = req.body.find("\"after\":null") != std::string::npos;
        std::string node = first_page
            ? R"J({"id":"gid://shopify/Order/1","createdAt":"2026-11-26T00:00:00Z"})J"
            : R"J({"id":"gid://shopify/Order/2","createdAt":"2026-11-26T01:00:00Z"})J";
        res.set_content(
            std::string(R"J({"data":{"orders":{"pageInfo":{"hasNextPage":)J") +
                (first_page ? "true" : "false") + R"J(,"endCursor":"abc"},"nodes":[)J" + node +
                R"J(]}},"extensions":{"cost":{"requestedQueryCost":30,"actualQueryCost":3,"throttleStatus":{"maximumAvailable":1000.0,"currentlyAvailable":990,"restoreRate":50.0}}}})J",
            "application/json");
    });
    Loopback loop(server);

    net::CurlTransport transport;
    core::FakeSleeper sleeper;
    core::SeededRandom random(1);
    net::RequestStats stats;
    core::FixedClock clock(core::TimePoint{std::chrono::seconds{1'800'000'000}});
    net::StaticToken token("shpat_loop");
    connectors::shopify::GraphqlClient client(
        {loop.base(), "2026-10"}, token,
        net::RequestContext{transport, net::RetryPolicy{}, sleeper, random, stats}, clock);
    std::vector<std::string> ids;
    auto r = connectors::shopify::fetch_connection(
        client,
        {connectors::shopify::orders_query(connectors::shopify::EmailFields::legacy,
                                           connectors::shopify::OrderSort::created_at),
         "orders", "", 250},
        [&](const rapidjson::Value& node) { ids.push_back(node["id"].GetString()); });
    CHECK(r.complete());
    CHECK(ids == std::vector<std::string>{"gid://shopify/Order/1", "gid://shopify/Order/2"});
    CHECK(calls == 4);
    CHECK(stats.snapshot().retries == 2);
    CHECK(stats.snapshot().throttled == 1);
}

TEST_CASE("Klaviyo pages over loopback: links.next followed, 429 without Retry-After retried", "[loopback]")
{
    httplib::Server server;
    std::atomic<int> calls{0};
    std::string base;
    server.Get("/api/profiles", [&](const httplib::Request& req, httplib::Response& res) {
        int n = ++calls;
        if (n == 1) {
            res.status = 429;
            res.set_content(
                R"J({"errors":[{"id":"x","status":429,"code":"throttled","title":"Request was throttled.","detail":"Request was throttled. Expected available in 0 seconds."}]})J",
                "application/vnd.api+json");
            return;
        }
        res.set_header("RateLimit-Limit", "750");
        res.set_header("RateLimit-Remaining", "700");
        res.set_header("RateLimit-Reset", "30");
        if (!req.has_param("page[cursor]")) {
            res.set_content(R"J({"data":[{"type":"profile","id":"p1"}],"links":{"next":")J" + base +
                                R"J(/api/profiles?page%5Bcursor%5D=Y3Vy&page%5Bsize%5D=100"}})J",
                            "application/vnd.api+json");
            return;
        }
        res.set_content(R"J({"data":[{"type":"profile","id":"p2"}],"links":{"next":null}})J",
                        "application/vnd.api+json");
    });
    Loopback loop(server);
    base = loop.base();

    net::CurlTransport transport;
    core::FakeSleeper sleeper;
    core::SeededRandom random(1);
    net::RequestStats stats;
    core::FixedClock clock(core::TimePoint{std::chrono::seconds{1'800'000'000}});
    net::StaticToken token("pk_loop");
    connectors::klaviyo::JsonApiClient client(
        base, "2026-07-15", connectors::klaviyo::AuthMode::private_key, token,
        net::RequestContext{transport, net::RetryPolicy{}, sleeper, random, stats}, clock);
    std::vector<std::string> ids;
    auto r = client.get_all("/api/profiles?page%5Bsize%5D=100", {"profiles", connectors::klaviyo::Tier::l},
                            [&](const rapidjson::Value& v) { ids.push_back(v["id"].GetString()); });
    CHECK(r.complete());
    CHECK(ids == std::vector<std::string>{"p1", "p2"});
    CHECK(calls == 3);
    CHECK(stats.snapshot().throttled == 1);
}
