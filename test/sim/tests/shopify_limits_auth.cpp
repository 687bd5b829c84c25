// Throttling, query limits, validation errors, tokens and bulk operations
// through the Shopify service, plus one pass over real HTTP on port 0.
#include <catch2/catch.hpp>

#include <set>
#include <thread>

#include <httplib.h>

#include "routes.hpp"
#include "shopify_fixture.hpp"

using namespace frr::sim;
using namespace frr::sim::shopify;
using namespace frr::sim::shopify::testing;

namespace {
const char* k_page_query = "{ orders(first: 250) { nodes { id } } }";  // requested 252
std::string text(const rapidjson::Value& v)
{
    return v.GetString();
}
}  // namespace

TEST_CASE("shopify bucket throttles at the documented point and recovers at the restore rate", "[shopify]")
{
    World world(600, 1e6);  // restores restore_rate/1e6 per second: real time elapsed is negligible
    int allowed = 0;
    rapidjson::Document last;
    HttpAnswer raw;
    for (int i = 0; i < 10; ++i) {
        last = world.gql(k_page_query, "{}", k_token, "2026-01", &raw);
        if (last.HasMember("data"))
            ++allowed;
        else
            break;
    }
    // 2000 points; each page is charged 252 and costs 252 (250 nodes + 2).
    CHECK(allowed == 7);
    CHECK(raw.status == 200);
    CHECK_FALSE(last.HasMember("data"));
    CHECK(text(last["errors"][0]["message"]) == "Throttled");
    CHECK(text(last["errors"][0]["extensions"]["code"]) == "THROTTLED");
    const auto& cost = last["extensions"]["cost"];
    CHECK(cost["requestedQueryCost"].GetInt() == 252);
    CHECK(cost["actualQueryCost"].IsNull());
    CHECK(cost["throttleStatus"]["currentlyAvailable"].GetInt() == 236);
    CHECK(cost["throttleStatus"]["maximumAvailable"].GetDouble() == 2000.0);
    // The plan restores 100 points/s; this world's time spans are 1e6 longer, and the body
    // reports the rate the client really faces.
    CHECK(cost["throttleStatus"]["restoreRate"].GetDouble() == Approx(100.0 / 1e6));
    CHECK(raw.body.find("\"maximumAvailable\":2000.0") != std::string::npos);
    CHECK(world.ctx.stats(Platform::shopify).throttled == 1);
    CHECK(world.ctx.stats(Platform::shopify).limited == 1);
}

TEST_CASE("shopify bucket refills with the sim clock", "[shopify]")
{
    // Time spans 1e6 longer: 100 points per 1e6 limiter seconds, so the real time a loaded (or
    // sanitised) run spends between requests refills nothing, and only the sim clock does.
    World world(600, 1e6);
    for (int i = 0; i < 7; ++i)
        REQUIRE(world.gql(k_page_query).HasMember("data"));
    CHECK_FALSE(world.gql(k_page_query).HasMember("data"));
    world.clock.advance(std::chrono::seconds(1'000'000));  // +100 -> ~336 available
    auto doc = world.gql(k_page_query);
    REQUIRE(doc.HasMember("data"));
    CHECK(doc["extensions"]["cost"]["throttleStatus"]["currentlyAvailable"].GetInt() >= 84);
    world.clock.advance(std::chrono::seconds(60'000'000));
    auto full = world.gql("{ shop { name } }");
    CHECK(full["extensions"]["cost"]["throttleStatus"]["currentlyAvailable"].GetInt() ==
          1999);  // full, minus this query's 1
}

TEST_CASE("shopify legacy and 429 throttle modes", "[shopify]")
{
    World world(600, 1e6);
    world.store.shop.throttle_mode = ShopifyThrottleMode::legacy_message;
    for (int i = 0; i < 7; ++i)
        world.gql(k_page_query);
    auto legacy = world.gql(k_page_query);
    CHECK(text(legacy["errors"][0]["message"]) == "Throttled");
    CHECK_FALSE(legacy["errors"][0].HasMember("extensions"));
    world.store.shop.throttle_mode = ShopifyThrottleMode::http_429;
    HttpAnswer raw;
    world.gql(k_page_query, "{}", k_token, "2026-01", &raw);
    CHECK(raw.status == 429);
    bool retry_after = false;
    for (const auto& [key, value] : raw.headers)
        retry_after = retry_after || key == "Retry-After";
    CHECK(retry_after);
}

TEST_CASE("shopify query limits and validation errors", "[shopify]")
{
    World world;
    auto big = world.gql("{ orders(first: 250) { nodes { id lineItems(first: 5) { nodes { id } } } } }");
    CHECK(text(big["errors"][0]["extensions"]["code"]) == "MAX_COST_EXCEEDED");
    CHECK(big["errors"][0]["extensions"]["cost"].GetInt() == 2002);
    CHECK(text(big["errors"][0]["message"])
              .starts_with("Query cost is 2002, which exceeds the single query max cost limit (1000)."));
    auto wide = world.gql("{ orders(first: 251) { nodes { id } } }");
    CHECK(text(wide["errors"][0]["message"]) ==
          "first cannot exceed 250. To query larger amounts of data with fewer limits, bulk operations "
          "should be used instead.");
    auto unknown = world.gql("query OrdersPage { orders(first: 1) { nodes { id x } } }");
    CHECK_FALSE(unknown.HasMember("data"));
    CHECK(text(unknown["errors"][0]["message"]) == "Field 'x' doesn't exist on type 'Order'");
    CHECK(text(unknown["errors"][0]["path"][0]) == "query OrdersPage");
    auto old = world.gql("{ customers(first: 1) { nodes { defaultEmailAddress { emailAddress } } } }", "{}",
                         k_token, "2025-01");
    CHECK(text(old["errors"][0]["message"]) ==
          "Field 'defaultEmailAddress' doesn't exist on type 'Customer'");
    auto bulk_old = world.gql("{ bulkOperation(id: \"gid://shopify/BulkOperation/1\") { id } }", "{}",
                              k_token, "2025-10");
    CHECK(text(bulk_old["errors"][0]["message"]) ==
          "Field 'bulkOperation' doesn't exist on type 'QueryRoot'");
    // An unknown version falls forward to the oldest supported one.
    HttpAnswer raw;
    world.gql("{ shop { name } }", "{}", k_token, "2019-04", &raw);
    CHECK(std::find(raw.headers.begin(), raw.headers.end(),
                    std::pair<std::string, std::string>{"X-Shopify-API-Version", "2025-01"}) !=
          raw.headers.end());
}

TEST_CASE("shopify partial responses carry data and ACCESS_DENIED errors", "[shopify]")
{
    World world;
    DataFaults faults;
    faults.partial = true;
    HttpAnswer answer = world.service.graphql(
        "2026-01", k_token, R"({"query":"{ orders(first: 2) { nodes { id email } } }"})", faults);
    rapidjson::Document doc;
    doc.Parse(answer.body.c_str());
    CHECK(doc["data"]["orders"]["nodes"][0]["email"].IsNull());
    CHECK(text(doc["errors"][0]["extensions"]["code"]) == "ACCESS_DENIED");
    CHECK(doc["errors"][0]["path"][2].GetInt() == 0);
    faults = {};
    faults.internal_error = true;
    answer = world.service.graphql("2026-01", k_token, R"({"query":"{ shop { name } }"})", faults);
    CHECK(answer.status == 200);
    CHECK(answer.body.find("INTERNAL_SERVER_ERROR") != std::string::npos);
}

TEST_CASE("shopify tokens: 401 body, client credentials expiry, refresh rotation", "[shopify]")
{
    World world;
    HttpAnswer raw;
    world.gql("{ shop { name } }", "{}", "shpat_wrong", "2026-01", &raw);
    CHECK(raw.status == 401);
    CHECK(raw.body == std::string(k_invalid_token_body));

    HttpAnswer grant =
        world.service.access_token("grant_type=client_credentials&client_id=client-1&client_secret=secret-1",
                                   "application/x-www-form-urlencoded");
    rapidjson::Document token;
    token.Parse(grant.body.c_str());
    REQUIRE(grant.status == 200);
    CHECK(token["expires_in"].GetInt() == 86399);
    CHECK(text(token["scope"]) == "read_orders,read_customers");
    const std::string access = text(token["access_token"]);
    CHECK(world.gql("{ shop { name } }", "{}", access).HasMember("data"));
    world.clock.advance(std::chrono::seconds(86400));
    world.gql("{ shop { name } }", "{}", access, "2026-01", &raw);
    CHECK(raw.status == 401);
    CHECK(
        world.service.access_token("grant_type=client_credentials&client_id=client-1&client_secret=nope", "")
            .body == R"({"error":"invalid_client","error_description":"Client authentication failed"})");

    HttpAnswer refreshed = world.service.access_token(
        R"({"client_id":"client-1","client_secret":"secret-1","refresh_token":"refresh-0","grant_type":"refresh_token"})",
        "application/json");
    rapidjson::Document r;
    r.Parse(refreshed.body.c_str());
    REQUIRE(refreshed.status == 200);
    CHECK(r["expires_in"].GetInt() == 3600);
    CHECK(r.HasMember("refresh_token_expires_in"));
    const std::string next = text(r["refresh_token"]);
    CHECK(next != "refresh-0");
    HttpAnswer reused = world.service.access_token(
        "grant_type=refresh_token&client_id=client-1&client_secret=secret-1&refresh_token=refresh-0", "");
    CHECK(reused.status == 400);
    CHECK(reused.body.find("invalid_grant") != std::string::npos);
    CHECK(world.service.access_scopes(text(r["access_token"])).body ==
          R"({"access_scopes":[{"handle":"read_orders"},{"handle":"read_customers"}]})");
}

TEST_CASE("shopify bulk query round trip with __parentId lines and URL expiry", "[shopify]")
{
    World world;
    auto run = world.gql(R"(mutation { bulkOperationRunQuery(query: """
        { orders(query: "created_at:>='2026-10-01T00:00:00Z'") { edges { node { id name lineItems { edges { node { id quantity } } } } } } }
        """) { bulkOperation { id status } userErrors { field message code } } })");
    const auto& payload = run["data"]["bulkOperationRunQuery"];
    REQUIRE(payload["userErrors"].Size() == 0);
    CHECK(text(payload["bulkOperation"]["status"]) == "CREATED");
    const std::string id = text(payload["bulkOperation"]["id"]);
    auto busy = world.gql("mutation { bulkOperationRunQuery(query: \"{ customers { edges { node { id } } } "
                          "}\") { bulkOperation { id } userErrors { message } } }",
                          "{}", k_token, "2025-10");
    CHECK(text(busy["data"]["bulkOperationRunQuery"]["userErrors"][0]["message"]) ==
          "A bulk query operation for this app and shop is already in progress: " + id + ".");
    const std::string poll =
        "{ node(id: \"" + id + "\") { ... on BulkOperation { id status objectCount rootObjectCount url } } }";
    CHECK(text(world.gql(poll)["data"]["node"]["status"]) == "RUNNING");
    auto done = world.gql(poll);
    const auto& op = done["data"]["node"];
    REQUIRE(text(op["status"]) == "COMPLETED");
    const std::string url = text(op["url"]);
    std::size_t roots = 0, items = 0;
    const Time since = *parse_iso("2026-10-01T00:00:00Z");
    for (const auto& o : world.store.orders) {
        if (o.created_at >= since) {
            ++roots;
            items += o.line_item_count;
        }
    }
    CHECK(text(op["rootObjectCount"]) == std::to_string(roots));
    CHECK(text(op["objectCount"]) == std::to_string(roots + items));

    httplib::Params params;
    httplib::detail::parse_query_text(url.substr(url.find('?') + 1), params);
    std::int64_t numeric = std::stoll(id.substr(id.rfind('/') + 1));
    HttpAnswer file = world.service.bulk_download(numeric, params.find("Expires")->second,
                                                  params.find("Signature")->second);
    REQUIRE(file.status == 200);
    std::set<std::string> parents, referenced;
    std::size_t lines = 0;
    bool child_before_parent = false;
    std::istringstream in(file.body);
    for (std::string line; std::getline(in, line); ++lines) {
        rapidjson::Document row;
        row.Parse(line.c_str());
        if (row.HasMember("__parentId")) {
            referenced.insert(text(row["__parentId"]));
            child_before_parent = child_before_parent || !parents.count(text(row["__parentId"]));
            CHECK(row.HasMember("quantity"));
        } else {
            parents.insert(text(row["id"]));
            CHECK_FALSE(row.HasMember("lineItems"));
        }
    }
    CHECK(lines == roots + items);
    CHECK(parents.size() == roots);
    for (const auto& p : referenced)
        CHECK(parents.count(p) == 1);
    CHECK(child_before_parent);  // shuffled: order is not guaranteed
    CHECK(world.service.bulk_download(numeric, params.find("Expires")->second, "bad").status == 403);
    world.clock.advance(std::chrono::hours(24 * 8));
    CHECK(
        world.service.bulk_download(numeric, params.find("Expires")->second, params.find("Signature")->second)
            .status == 403);
}

TEST_CASE("shopify routes over HTTP on an ephemeral port", "[shopify]")
{
    World world;
    httplib::Server server;
    register_shopify_routes(server, world.ctx);
    int port = server.bind_to_any_port("127.0.0.1");
    std::thread thread([&] { server.listen_after_bind(); });
    httplib::Client client("127.0.0.1", port);
    // bind_to_any_port already listens, so the request waits in the backlog until the loop runs.
    auto res = client.Post("/admin/api/2026-01/graphql.json", {{"X-Shopify-Access-Token", k_token}},
                           R"({"query":"{ shop { name myshopifyDomain } }"})", "application/json");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body.find("\"myshopifyDomain\":\"test-shop.myshopify.com\"") != std::string::npos);
    CHECK(res->get_header_value("X-Shopify-API-Version") == "2026-01");
    CHECK(res->get_header_value("X-Request-Id").size() > 36);
    auto scopes = client.Get("/admin/oauth/access_scopes.json", {{"X-Shopify-Access-Token", "nope"}});
    REQUIRE(scopes);
    CHECK(scopes->status == 401);
    FaultSpec spec;
    spec.platform = Platform::shopify;
    spec.endpoint = "graphql.json";
    spec.fault.status = 423;
    spec.count = 1;
    world.ctx.faults().add(spec);
    auto locked = client.Post("/admin/api/2026-01/graphql.json", {{"X-Shopify-Access-Token", k_token}}, "{}",
                              "application/json");
    REQUIRE(locked);
    CHECK(locked->status == 423);
    CHECK(locked->body == R"({"errors":"This shop is unavailable"})");
    server.stop();
    thread.join();
}

// GraphQL variable validation as graphql-ruby does it for Shopify (docs/simulator.md,
// "Strictness"): a value of the wrong type, a declared variable nothing uses, a used variable
// nobody declared; each answered with errors and no data.
TEST_CASE("shopify refuses wrongly typed, unused and undeclared variables", "[shopify][strict]")
{
    World world;
    const std::string page =
        "query OrdersPage($first: Int!, $query: String) { orders(first: $first, query: $query) "
        "{ nodes { id } } }";
    auto good = world.gql(page, R"({"first": 5, "query": "created_at:>=2026-01-01"})");
    CHECK(good.HasMember("data"));
    CHECK_FALSE(good.HasMember("errors"));
    auto typed = world.gql(page, R"({"first": "5"})");
    CHECK_FALSE(typed.HasMember("data"));
    CHECK(text(typed["errors"][0]["message"]) == "Variable $first of type Int! was provided invalid value");
    CHECK(text(typed["errors"][0]["extensions"]["problems"][0]["explanation"]) ==
          "Could not coerce value \"5\" to Int");
    auto number_for_string = world.gql(page, R"({"first": 5, "query": 7})");
    CHECK(text(number_for_string["errors"][0]["message"]) ==
          "Variable $query of type String was provided invalid value");
    auto unused =
        world.gql("query OrdersPage($first: Int!, $after: String) { orders(first: $first) { nodes { id } } }",
                  R"({"first": 5})");
    CHECK_FALSE(unused.HasMember("data"));
    CHECK(text(unused["errors"][0]["message"]) == "Variable $after is declared by OrdersPage but not used");
    auto undeclared =
        world.gql("query OrdersPage { orders(first: $first) { nodes { id } } }", R"({"first": 5})");
    CHECK_FALSE(undeclared.HasMember("data"));
    CHECK(text(undeclared["errors"][0]["message"]) ==
          "Variable $first is used by OrdersPage but not declared");
    auto missing = world.gql(page, "{}");
    CHECK(text(missing["errors"][0]["message"]) == "Variable $first of type Int! was provided invalid value");
}
