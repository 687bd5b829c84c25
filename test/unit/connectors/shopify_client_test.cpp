#include "connectors/shopify/bulk.hpp"
#include "connectors/shopify/connection.hpp"
#include "connectors/shopify/graphql_client.hpp"
#include "connectors/shopify/queries.hpp"
#include "connectors/shopify/records.hpp"
#include "core/random.hpp"
#include "scripted_transport.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

using namespace frr;
using namespace frr::connectors::shopify;

namespace {

const char* k_cost =
    R"J("extensions":{"cost":{"requestedQueryCost":52,"actualQueryCost":4,"throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1996,"restoreRate":100.0}}})J";
const char* k_throttled =
    R"J({"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED","documentation":"https://shopify.dev/api/usage/rate-limits"}}],"extensions":{"cost":{"requestedQueryCost":70,"actualQueryCost":null,"throttleStatus":{"maximumAvailable":1000,"currentlyAvailable":66,"restoreRate":50}}}})J";

std::string orders_page(const std::string& nodes, bool next, const std::string& cursor = "c1")
{
    return R"J({"data":{"orders":{"pageInfo":{"hasNextPage":)J" + std::string(next ? "true" : "false") +
        R"J(,"endCursor":")J" + cursor + R"J("},"nodes":[)J" + nodes + "]}}," + k_cost + "}";
}

const char* k_order =
    R"J({"id":"gid://shopify/Order/5010585911485","legacyResourceId":"5010585911485","name":"#1002",
 "createdAt":"2026-11-26T09:58:11Z","updatedAt":"2026-11-26T10:15:02Z","cancelledAt":null,"test":false,
 "email":null,"sourceName":"web","displayFinancialStatus":"PAID","subtotalLineItemsQuantity":2,
 "subtotalPriceSet":{"shopMoney":{"amount":"600.0","currencyCode":"GBP"}},
 "totalShippingPriceSet":{"shopMoney":{"amount":"79.00","currencyCode":"GBP"}},
 "totalPriceSet":{"shopMoney":{"amount":"679.0","currencyCode":"GBP"}},
 "customer":{"id":"gid://shopify/Customer/7207479476413","legacyResourceId":"7207479476413",
   "defaultEmailAddress":{"emailAddress":" Jane@Example.com "}}})J";

struct Fixture {
    test::ScriptedTransport transport;
    core::FakeSleeper sleeper;
    core::SeededRandom random{7};
    net::RequestStats stats;
    core::FixedClock clock{core::TimePoint{std::chrono::seconds{1'800'000'000}}};
    net::StaticToken token{"shpat_test_token"};
    GraphqlClient client{{"http://127.0.0.1:1", "2026-10"},
                         token,
                         net::RequestContext{transport, net::RetryPolicy{}, sleeper, random, stats},
                         clock};
};

}  // namespace

TEST_CASE("THROTTLED bodies are recognised by code and by the legacy message", "[shopify]")
{
    rapidjson::Document doc;
    doc.Parse(k_throttled);
    CHECK(classify_body(doc) == BodyKind::throttled);
    doc.Parse(R"J({"errors":[{"message":"Throttled"}]})J");
    CHECK(classify_body(doc) == BodyKind::throttled);
    net::HttpResult r;
    r.response = net::HttpResponse{200, {}, k_throttled};
    CHECK(classify_graphql(r) == net::Verdict::throttled);
    r.response->body = R"J({"data":{"orders":{"nodes":[)J";  // truncated
    CHECK(classify_graphql(r) == net::Verdict::retry);
}

TEST_CASE("a THROTTLED answer is retried after a wait and counted", "[shopify]")
{
    Fixture f;
    f.transport.reply(200, k_throttled);
    f.transport.reply(200, orders_page(k_order, false));
    auto reply =
        f.client.call(orders_query(EmailFields::default_email_address, OrderSort::created_at), "{}", 0);
    CHECK(reply.status == CallStatus::ok);
    CHECK(f.stats.snapshot().throttled == 1);
    CHECK(f.stats.snapshot().requests == 2);
    CHECK(f.sleeper.total_slept().count() > 0);  // waited for the bucket (70 - 66 points at 50/s) or backoff
    CHECK(test::header_of(f.transport.sent()[0], "X-Shopify-Access-Token") == "shpat_test_token");
    CHECK(f.transport.sent()[0].url == "http://127.0.0.1:1/admin/api/2026-10/graphql.json");
}

TEST_CASE("after THROTTLED the retry waits exactly the refill throttleStatus implies, no blind backoff",
          "[shopify]")
{
    Fixture f;
    f.transport.reply(200, k_throttled);  // 70 requested, 66 available, 50 points per second
    f.transport.reply(200, orders_page(k_order, false));
    auto reply =
        f.client.call(orders_query(EmailFields::default_email_address, OrderSort::created_at), "{}", 0);
    CHECK(reply.status == CallStatus::ok);
    CHECK(f.sleeper.total_slept() == std::chrono::milliseconds{80});  // (70 - 66) / 50 s
}

TEST_CASE("THROTTLED for a page dearer than the whole bucket asks again with a smaller page", "[shopify]")
{
    Fixture f;
    // Retrying could never succeed: 1002 points asked of a 400-point bucket.
    f.transport.reply(
        200,
        R"J({"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}],"extensions":{"cost":{"requestedQueryCost":1002,"actualQueryCost":null,"throttleStatus":{"maximumAvailable":400.0,"currentlyAvailable":400,"restoreRate":20.0}}}})J");
    f.transport.reply(200, orders_page(k_order, false));
    auto r = fetch_connection(f.client,
                              {orders_query(EmailFields::legacy, OrderSort::created_at), "orders", "", 250},
                              [](const rapidjson::Value&) {});
    CHECK(r.complete());
    CHECK(f.transport.sent().size() == 2);
    CHECK_THAT(f.transport.sent()[1].body, Catch::Contains(R"J("first":89)J"));  // 250 * 400/1002 * 0.9
}

TEST_CASE("a page with data and errors is partial, not empty", "[shopify]")
{
    Fixture f;
    f.transport.reply(
        200,
        R"J({"data":{"orders":{"pageInfo":{"hasNextPage":false,"endCursor":null},"nodes":[)J" +
            std::string(k_order) +
            R"J(]}},"errors":[{"message":"This app is not approved to access the Customer object.","path":["orders","nodes",0,"customer"],"extensions":{"code":"ACCESS_DENIED"}}]})J");
    int seen = 0;
    auto r = fetch_connection(f.client,
                              {orders_query(EmailFields::legacy, OrderSort::created_at), "orders", "", 250},
                              [&](const rapidjson::Value&) { ++seen; });
    CHECK(seen == 1);
    CHECK_FALSE(r.failed);
    CHECK_FALSE(r.complete());
    REQUIRE(r.partial_errors.size() == 1);
    CHECK_THAT(r.partial_errors[0], Catch::Contains("ACCESS_DENIED"));
}

TEST_CASE("cursor pagination follows endCursor until hasNextPage is false", "[shopify]")
{
    Fixture f;
    f.transport.reply(200, orders_page(k_order, true, "cursor-1"));
    f.transport.reply(503, "");
    f.transport.reply(200, orders_page(k_order, false));
    int seen = 0;
    auto r = fetch_connection(f.client,
                              {orders_query(EmailFields::legacy, OrderSort::created_at), "orders",
                               "created_at:>='2026-11-26T00:00:00Z'", 250},
                              [&](const rapidjson::Value&) { ++seen; });
    CHECK(r.complete());
    CHECK(seen == 2);
    CHECK(r.pages == 2);
    CHECK_THAT(f.transport.sent()[2].body, Catch::Contains(R"J("after":"cursor-1")J"));
    CHECK_THAT(f.transport.sent()[0].body, Catch::Contains(R"J("first":250)J"));
}

TEST_CASE("MAX_COST_EXCEEDED asks again with a smaller page", "[shopify]")
{
    Fixture f;
    f.transport.reply(
        200,
        R"J({"errors":[{"message":"Query cost is 2252, which exceeds the single query max cost limit (1000).","extensions":{"code":"MAX_COST_EXCEEDED","cost":2252,"maxCost":1000}}]})J");
    f.transport.reply(200, orders_page(k_order, false));
    auto r = fetch_connection(f.client,
                              {orders_query(EmailFields::legacy, OrderSort::created_at), "orders", "", 250},
                              [](const rapidjson::Value&) {});
    CHECK(r.complete());
    CHECK_THAT(f.transport.sent()[1].body, Catch::Contains(R"J("first":99)J"));
}

TEST_CASE("a 401 for a static token is a credentials failure, and the token is not sent again", "[shopify]")
{
    Fixture f;
    const char* body =
        R"J({"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"})J";
    f.transport.reply(401, body);
    auto reply = f.client.call(shop_info_query(), "{}", 0);
    CHECK(reply.status == CallStatus::unauthorized);
    CHECK(f.transport.sent().size() == 1);
    REQUIRE_FALSE(reply.errors.empty());
    CHECK_THAT(reply.errors[0], Catch::Contains("Invalid API key"));
    CHECK_THAT(reply.errors[0], !Catch::Contains("shpat_test_token"));
}

TEST_CASE("shopify oauth: a token expired again after its renewal is renewed again, the page is not lost",
          "[shopify]")
{
    test::ScriptedTransport transport;
    core::FakeSleeper sleeper;
    core::SeededRandom random{5};
    net::RequestStats stats;
    core::FixedClock clock{core::TimePoint{std::chrono::seconds{1'800'000'000}}};
    net::RefreshTokenOptions o;
    o.style = net::RefreshStyle::json_body;
    o.platform = "shopify";
    o.token_url = "http://127.0.0.1:1/admin/oauth/access_token";
    o.client_id = "cid";
    o.client_secret = "secret";
    o.refresh_token = "srt_0";
    net::RefreshTokenProvider tokens{
        net::RequestContext{transport, net::RetryPolicy{}, sleeper, random, stats}, o};
    GraphqlClient client{{"http://127.0.0.1:1", "2026-10"},
                         tokens,
                         net::RequestContext{transport, net::RetryPolicy{}, sleeper, random, stats},
                         clock};
    auto grant = [&](int n) {
        transport.reply(200,
                        R"J({"access_token":"shpat_)J" + std::to_string(n) +
                            R"J(","expires_in":3600,"refresh_token":"srt_)J" + std::to_string(n) + R"J("})J");
    };
    const char* expired =
        R"J({"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"})J";
    grant(1);
    transport.reply(401, expired);
    grant(2);
    transport.reply(401, expired);  // the renewed token expired too before it was used
    grant(3);
    transport.reply(200, orders_page(k_order, false));
    auto reply = client.call(orders_query(EmailFields::legacy, OrderSort::created_at), "{}", 0);
    CHECK(reply.status == CallStatus::ok);
    std::vector<std::string> sent;
    for (const auto& r : transport.sent())
        if (r.url.find("graphql.json") != std::string::npos)
            sent.push_back(test::header_of(r, "X-Shopify-Access-Token"));
    CHECK(sent == std::vector<std::string>{"shpat_1", "shpat_2", "shpat_3"});
    CHECK(tokens.current_refresh_token() == "srt_3");
    CHECK(transport.remaining() == 0);
}

TEST_CASE("orders become canonical records with hashed emails and the revenue rule", "[shopify]")
{
    rapidjson::Document doc;
    doc.Parse(k_order);
    model::EmailHasher hasher("key");
    auto o = parse_order(doc, hasher);
    REQUIRE(o);
    CHECK(o->id == "5010585911485");
    CHECK(o->name == "#1002");
    CHECK(o->customer_id == "7207479476413");
    CHECK(o->email_hash == hasher.hash("jane@example.com"));
    CHECK(o->email_masked == "j***@example.com");
    CHECK(o->revenue == model::Money{67900, "GBP"});
    CHECK(o->total == model::Money{67900, "GBP"});
    CHECK(o->item_quantity == 2);
    CHECK(o->source_name == "web");
    CHECK_FALSE(o->test);
}

TEST_CASE("customers read consent from defaultEmailAddress or the legacy field", "[shopify]")
{
    model::EmailHasher hasher("key");
    rapidjson::Document doc;
    doc.Parse(
        R"J({"id":"gid://shopify/Customer/9","legacyResourceId":"9","createdAt":"2026-11-01T00:00:00Z","updatedAt":"2026-11-26T00:00:00Z",
      "defaultEmailAddress":{"emailAddress":"A@B.co","marketingState":"UNSUBSCRIBED","marketingUpdatedAt":"2026-11-20T00:00:00Z"}})J");
    auto c = parse_customer(doc, hasher);
    REQUIRE(c);
    CHECK(c->customer.consent == model::SourceConsent::unsubscribed);
    CHECK(c->email == "a@b.co");
    doc.Parse(R"J({"id":"gid://shopify/Customer/10","createdAt":"2026-11-01T00:00:00Z","email":null,
      "emailMarketingConsent":{"marketingState":"REDACTED"}})J");
    c = parse_customer(doc, hasher);
    REQUIRE(c);
    CHECK(c->customer.id == "10");
    CHECK(c->customer.email_hash.empty());
    CHECK(c->customer.consent == model::SourceConsent::redacted);
}

TEST_CASE("bulk JSONL rebuilds parents from __parentId whatever the line order", "[shopify]")
{
    BulkJsonl jsonl;
    std::string error;
    REQUIRE(jsonl.add_line(
        R"J({"id":"gid:\/\/shopify\/LineItem\/1","quantity":2,"__parentId":"gid:\/\/shopify\/Order\/5"})J",
        error));
    REQUIRE(jsonl.add_line(R"J({"id":"gid:\/\/shopify\/Order\/5","name":"#1"})J", error));
    REQUIRE(jsonl.add_line(R"J({"id":"gid:\/\/shopify\/Order\/6","name":"#2"})J", error));
    REQUIRE(jsonl.add_line(
        R"J({"id":"gid:\/\/shopify\/LineItem\/2","quantity":1,"__parentId":"gid:\/\/shopify\/Order\/5"})J",
        error));
    CHECK_FALSE(jsonl.add_line(R"J({"id":"trunc)J", error));
    std::map<std::string, std::size_t> children;
    jsonl.for_each([&](const rapidjson::Value& root, const std::vector<const rapidjson::Value*>& kids) {
        children[root["name"].GetString()] = kids.size();
    });
    CHECK(children == std::map<std::string, std::size_t>{{"#1", 2}, {"#2", 0}});
}

TEST_CASE("bulk stream, flat: each root as soon as its line is complete, whatever the chunking", "[shopify]")
{
    const std::string file = std::string(R"J({"createdAt":"2026-11-01T00:00:00Z","test":false})J") + "\n" +
        R"J({"createdAt":"2026-11-02T00:00:00Z","test":true})J" + "\r\n\n" +
        R"J({"createdAt":"2026-11-03T00:00:00Z","test":false})J";  // no final newline
    for (std::size_t chunk : {std::size_t{1}, std::size_t{7}, file.size()}) {
        std::vector<std::string> seen;
        BulkStream stream(BulkShape::flat, [&](const rapidjson::Value& root, const auto& children) {
            CHECK(children.empty());
            seen.push_back(root["createdAt"].GetString());
        });
        std::string error;
        std::size_t fed = 0;
        for (std::size_t at = 0; at < file.size(); at += chunk) {
            REQUIRE(stream.feed(std::string_view(file).substr(at, chunk), error));
            fed = at + chunk;
            // A root is out before the end of the file: nothing waits for finish().
            if (fed > file.find('\n'))
                CHECK(!seen.empty());
        }
        CHECK(seen.size() == 2);
        REQUIRE(stream.finish(error));
        CHECK(
            seen ==
            std::vector<std::string>{"2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z"});
        CHECK(stream.roots() == 3);
    }
}

TEST_CASE("bulk stream, flat: an unreadable line or a stray child line fails the file", "[shopify]")
{
    std::string error;
    int roots = 0;
    auto count = [&](const rapidjson::Value&, const auto&) { ++roots; };
    BulkStream truncated(BulkShape::flat, count);
    CHECK(truncated.feed("{\"id\":\"1\"}\n{\"id\":", error));
    CHECK_FALSE(truncated.finish(error));
    CHECK_THAT(error, Catch::Contains("invalid JSON"));
    BulkStream child(BulkShape::flat, count);
    CHECK_FALSE(child.feed("{\"id\":\"2\",\"__parentId\":\"gid://shopify/Order/1\"}\n", error));
    CHECK_THAT(error, Catch::Contains("__parentId"));
    CHECK_FALSE(child.feed("{\"id\":\"3\"}\n", error));  // stays failed
    CHECK(roots == 1);
}

TEST_CASE("bulk stream, nested: children before or after their parent, across chunks, all rebuilt",
          "[shopify]")
{
    const std::string file = std::string(R"J({"id":"gid:\/\/shopify\/Order\/5","name":"#1"})J") + "\n" +
        R"J({"id":"gid:\/\/shopify\/LineItem\/1","quantity":2,"__parentId":"gid:\/\/shopify\/Order\/6"})J" +
        "\n" + R"J({"id":"gid:\/\/shopify\/Order\/6","name":"#2"})J" + "\n" +
        R"J({"id":"gid:\/\/shopify\/LineItem\/2","quantity":1,"__parentId":"gid:\/\/shopify\/Order\/5"})J" +
        "\n" +
        R"J({"id":"gid:\/\/shopify\/LineItem\/3","quantity":1,"__parentId":"gid:\/\/shopify\/Order\/5"})J" +
        "\n";
    std::map<std::string, std::size_t> children;
    BulkStream stream(BulkShape::nested, [&](const rapidjson::Value& root, const auto& kids) {
        children[root["name"].GetString()] = kids.size();
    });
    std::string error;
    for (std::size_t at = 0; at < file.size(); at += 5)
        REQUIRE(stream.feed(std::string_view(file).substr(at, 5), error));
    CHECK(children.empty());  // a parent is complete only at the end of the file
    REQUIRE(stream.finish(error));
    CHECK(children == std::map<std::string, std::size_t>{{"#1", 2}, {"#2", 1}});
    CHECK(stream.roots() == 2);
}

TEST_CASE("the look-back days' bulk document asks only scalars, no nested connection", "[shopify]")
{
    std::string doc = bulk_order_days_document("created_at:>='x'");
    CHECK_THAT(doc, Catch::Contains("node { createdAt test email sourceName }"));
    CHECK_THAT(doc, !Catch::Contains("customer"));
    CHECK_THAT(doc, !Catch::Contains("Set"));
}

TEST_CASE("bulk path: run, poll through node(id:), download without the token", "[shopify]")
{
    Fixture f;
    f.transport.reply(
        200,
        R"J({"data":{"bulkOperationRunQuery":{"bulkOperation":{"id":"gid://shopify/BulkOperation/1","status":"CREATED"},"userErrors":[]}}})J");
    f.transport.reply(200,
                      R"J({"data":{"node":{"id":"gid://shopify/BulkOperation/1","status":"RUNNING"}}})J");
    f.transport.reply(
        200,
        R"J({"data":{"node":{"id":"gid://shopify/BulkOperation/1","status":"COMPLETED","url":"http://127.0.0.1:1/bulk.jsonl?Signature=abc"}}})J");
    f.transport.reply(200,
                      std::string(R"J({"id":"gid://shopify/Order/1","name":"#1"})J") + "\n" +
                          R"J({"id":"gid://shopify/Order/2","name":"#2"})J" + "\n");
    int roots = 0;
    net::RequestContext download{f.transport, net::RetryPolicy{}, f.sleeper, f.random, f.stats};
    auto r = run_bulk_query(f.client, download, bulk_orders_document(EmailFields::legacy, "created_at:>='x'"),
                            BulkShape::flat, [&](const rapidjson::Value&, const auto&) { ++roots; });
    CHECK(r.ok);
    CHECK(r.roots == 2);
    CHECK(roots == 2);
    CHECK(test::header_of(f.transport.sent()[3], "X-Shopify-Access-Token").empty());
    CHECK_THAT(f.transport.sent()[1].body, Catch::Contains("node(id: $id)"));
}

TEST_CASE("bulk path: an unreadable file is a failure that says so, not an empty result", "[shopify]")
{
    Fixture f;
    f.transport.reply(
        200,
        R"J({"data":{"bulkOperationRunQuery":{"bulkOperation":{"id":"gid://shopify/BulkOperation/1","status":"CREATED"},"userErrors":[]}}})J");
    f.transport.reply(
        200,
        R"J({"data":{"node":{"id":"gid://shopify/BulkOperation/1","status":"COMPLETED","url":"http://127.0.0.1:1/bulk.jsonl?Signature=abc"}}})J");
    f.transport.reply(200,
                      std::string(R"J({"id":"gid://shopify/Order/1"})J") + "\n" + R"J({"id":"gid://sho)J");
    net::RequestContext download{f.transport, net::RetryPolicy{}, f.sleeper, f.random, f.stats};
    auto r = run_bulk_query(f.client, download, bulk_order_days_document("created_at:>='x'"), BulkShape::flat,
                            [](const rapidjson::Value&, const auto&) {});
    CHECK_FALSE(r.ok);
    CHECK_THAT(r.error, Catch::Contains("bulk file unreadable"));
    CHECK_THAT(r.error, Catch::Contains("line 2: invalid JSON"));
}

namespace {

// Scripts a bulk operation that completes at once, with its download URL.
void script_bulk_run(test::ScriptedTransport& transport)
{
    transport.reply(
        200,
        R"J({"data":{"bulkOperationRunQuery":{"bulkOperation":{"id":"gid://shopify/BulkOperation/1","status":"CREATED"},"userErrors":[]}}})J");
    transport.reply(
        200,
        R"J({"data":{"node":{"id":"gid://shopify/BulkOperation/1","status":"COMPLETED","url":"http://127.0.0.1:1/bulk.jsonl?Signature=abc"}}})J");
}

std::string order_lines(int n)
{
    std::string file;
    for (int i = 1; i <= n; ++i)
        file += fmt::format(R"J({{"id":"gid://shopify/Order/{}","name":"#{}"}})J", i, 1000 + i) + "\n";
    return file;
}

}  // namespace

TEST_CASE("bulk path: the file goes to the stream as it arrives, not into the response", "[shopify]")
{
    Fixture f;
    script_bulk_run(f.transport);
    const std::string file = order_lines(40);
    f.transport.reply(200, file);
    f.transport.stream_in_pieces(13);
    std::vector<std::string> names;
    net::RequestContext download{f.transport, net::RetryPolicy{}, f.sleeper, f.random, f.stats};
    auto r = run_bulk_query(
        f.client, download, bulk_order_days_document("created_at:>='x'"), BulkShape::flat,
        [&](const rapidjson::Value& root, const auto&) { names.emplace_back(root["name"].GetString()); });
    REQUIRE(r.ok);
    CHECK(r.roots == 40);
    REQUIRE(names.size() == 40);
    CHECK(names.front() == "#1001");
    CHECK(names.back() == "#1040");
    CHECK(f.transport.sent()[2].body_sink != nullptr);
    // The streamed bytes are counted as received, like a body held whole.
    CHECK(f.stats.snapshot().bytes_received >= file.size());
}

TEST_CASE("bulk path: a cut download is tried again and read on from where it broke, no root twice",
          "[shopify]")
{
    const std::string file = order_lines(30);
    // Cut in the middle of a line, at a line's end, and after one byte.
    for (std::size_t at : {file.size() / 2 + 3, file.find('\n', file.size() / 3) + 1, std::size_t{1}}) {
        INFO("cut at byte " << at);
        Fixture f;
        script_bulk_run(f.transport);
        f.transport.cut(file, at);
        f.transport.reply(200, file);
        f.transport.stream_in_pieces(9);
        std::vector<std::string> names;
        net::RequestContext download{f.transport, net::RetryPolicy{}, f.sleeper, f.random, f.stats};
        auto r = run_bulk_query(
            f.client, download, bulk_order_days_document("created_at:>='x'"), BulkShape::flat,
            [&](const rapidjson::Value& root, const auto&) { names.emplace_back(root["name"].GetString()); });
        REQUIRE(r.ok);
        CHECK(r.roots == 30);
        std::vector<std::string> want;
        for (int i = 1; i <= 30; ++i)
            want.push_back("#" + std::to_string(1000 + i));
        CHECK(names == want);
        CHECK(f.transport.remaining() == 0);
    }
}

TEST_CASE("bulk path: a download cut on every attempt fails, says how far it read, keeps what it read",
          "[shopify]")
{
    const std::string file = order_lines(10);
    Fixture f;
    script_bulk_run(f.transport);
    const std::size_t at = file.find('\n', file.size() / 2) + 5;  // a few complete lines, then half of one
    f.transport.cut(file, at);
    f.transport.cut(file, at);
    int roots = 0;
    net::RetryOptions options;
    options.max_attempts = 2;
    net::RequestContext download{f.transport, net::RetryPolicy{options}, f.sleeper, f.random, f.stats};
    auto r = run_bulk_query(f.client, download, bulk_order_days_document("created_at:>='x'"), BulkShape::flat,
                            [&](const rapidjson::Value&, const auto&) { ++roots; });
    CHECK_FALSE(r.ok);
    const auto complete = std::count(file.begin(), file.begin() + static_cast<std::ptrdiff_t>(at), '\n');
    CHECK(roots == complete);
    CHECK(r.roots == complete);
    CHECK_THAT(r.error, Catch::Contains(fmt::format("failed after {} lines of the file", complete)));
    CHECK_THAT(r.error, Catch::Contains("scripted cut transfer"));
    CHECK_THAT(r.error, !Catch::Contains("Signature=abc"));
}

TEST_CASE("bulk path: a bad line stops the download at once and names its line", "[shopify]")
{
    Fixture f;
    script_bulk_run(f.transport);
    std::string file = order_lines(3) + "{\"id\":\"gid://shopify/Order/9\",\n" + order_lines(50);
    f.transport.reply(200, file);
    f.transport.stream_in_pieces(16);
    int roots = 0;
    net::RequestContext download{f.transport, net::RetryPolicy{}, f.sleeper, f.random, f.stats};
    auto r = run_bulk_query(f.client, download, bulk_order_days_document("created_at:>='x'"), BulkShape::flat,
                            [&](const rapidjson::Value&, const auto&) { ++roots; });
    CHECK_FALSE(r.ok);
    CHECK(roots == 3);
    CHECK_THAT(r.error, Catch::StartsWith("bulk file unreadable: line 4: invalid JSON"));
    CHECK(f.transport.sent().size() == 3);  // not downloaded again: the file itself is bad
}
