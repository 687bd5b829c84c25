#include "connectors/klaviyo/jsonapi_client.hpp"
#include "connectors/klaviyo/klaviyo_source.hpp"
#include "connectors/klaviyo/records.hpp"
#include "connectors/klaviyo/vocabulary.hpp"
#include "core/random.hpp"
#include "scripted_transport.hpp"
#include "support/pair_words.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <tuple>

using namespace frr;
using namespace frr::connectors::klaviyo;

namespace {

struct Fixture {
    test::ScriptedTransport transport;
    core::FakeSleeper sleeper;
    core::SeededRandom random{3};
    net::RequestStats stats;
    core::FixedClock clock{core::TimePoint{std::chrono::seconds{1'800'000'000}}};
    net::StaticToken token{"pk_test_key"};
    JsonApiClient client{"http://127.0.0.1:1",
                         "2026-07-15",
                         connectors::klaviyo::AuthMode::private_key,
                         token,
                         net::RequestContext{transport, net::RetryPolicy{}, sleeper, random, stats},
                         clock};
};

const char* k_throttled =
    R"J({"errors":[{"id":"8c8f","status":429,"code":"throttled","title":"Request was throttled.","detail":"Request was throttled. Expected available in 1 second.","source":{"pointer":"/data"}}]})J";

rapidjson::Document parse(const char* json)
{
    rapidjson::Document d;
    d.Parse(json);
    return d;
}

}  // namespace

TEST_CASE("metrics are Shopify's by integration, never by name", "[klaviyo]")
{
    auto shopify = parse(
        R"J({"type":"metric","id":"Y6Hmxn","attributes":{"name":"Placed Order","integration":{"object":"integration","id":"0eMvjm","key":"shopify","name":"Shopify","category":"eCommerce"}}})J");
    auto decoy = parse(
        R"J({"type":"metric","id":"U7yLfB","attributes":{"name":"Placed Order","integration":{"object":"integration","id":"7FtS4J","key":"api","name":"API","category":"API"}}})J");
    auto app = parse(
        R"J({"type":"metric","id":"Q1","attributes":{"name":"Started Checkout","integration":{"object":"application","key":"01H69","name":"App","category":{"id":15,"category":"Advertising"}}}})J");
    const auto integration = integration_with({"shopify", "Shopify"});
    auto m = parse_metric(shopify, integration);
    REQUIRE(m);
    CHECK(m->kind == model::EventKind::placed_order);
    CHECK(m->integration == "shopify");
    CHECK(parse_metric(decoy, integration)->kind == model::EventKind::other);
    CHECK(parse_metric(decoy, integration)->integration == "api");
    CHECK(parse_metric(app, integration)->kind == model::EventKind::other);
    CHECK(integration.metric_kind("Checkout Started") == model::EventKind::checkout_started);
    CHECK(integration.metric_kind("Started Checkout") == model::EventKind::other);
    CHECK(integration.metric_kind("Fulfilled Partial Order") == model::EventKind::fulfilled_partial_order);
}

TEST_CASE("events map to orders through $extra.id, $extra.order_id or $event_id", "[klaviyo]")
{
    std::map<std::string, model::EventKind> kinds{{"Y6Hmxn", model::EventKind::placed_order},
                                                  {"OP1", model::EventKind::ordered_product}};
    auto placed = parse(
        R"J({"type":"event","id":"6KJBda4JMjv","attributes":{"timestamp":1793629867,"datetime":"2026-11-02T14:31:07+00:00",
      "event_properties":{"$event_id":"5812345678901","$value":109.95,"$currency_code":"GBP","$extra":{"id":5812345678901,"name":"#1043","order_number":1043}}},
      "relationships":{"profile":{"data":{"type":"profile","id":"01HRY82F38VN47KP0RJG9CMDGR"}},"metric":{"data":{"type":"metric","id":"Y6Hmxn"}}}})J");
    auto e = parse_event(placed, kinds, "");
    REQUIRE(e);
    CHECK(e->kind == model::EventKind::placed_order);
    CHECK(e->order_id == "5812345678901");
    CHECK(e->unique_id == "5812345678901");
    CHECK(e->profile_id == "01HRY82F38VN47KP0RJG9CMDGR");
    REQUIRE(e->value);
    CHECK(*e->value == model::Money{10995, "GBP"});
    CHECK(e->occurred_at == core::TimePoint{std::chrono::seconds{1793629867}});

    auto product = parse(R"J({"type":"event","id":"e2","attributes":{"datetime":"2026-11-02T14:31:07+00:00",
      "event_properties":{"$event_id":"5812345678901:14001:2","$value":59.99}},"relationships":{"metric":{"data":{"type":"metric","id":"OP1"}}}})J");
    e = parse_event(product, kinds, "");
    REQUIRE(e);
    CHECK(e->kind == model::EventKind::ordered_product);
    CHECK(e->order_id == "5812345678901");

    auto with_order_id =
        parse(R"J({"type":"event","id":"e3","attributes":{"datetime":"2026-11-02T14:31:07+00:00",
      "event_properties":{"$event_id":"x","$extra":{"order_id":"777"}}}})J");
    e = parse_event(with_order_id, kinds, "OP1");
    REQUIRE(e);
    CHECK(e->order_id == "777");
    CHECK(e->metric_id == "OP1");
}

TEST_CASE("profiles keep consent and suppressions, hashed email only", "[klaviyo]")
{
    model::EmailHasher hasher("k");
    auto doc = parse(
        R"J({"type":"profile","id":"01FT","attributes":{"email":"Jane.Doe@Example.com","created":"2022-01-24T01:41:54+00:00","updated":"2025-12-22T03:16:30+00:00",
      "subscriptions":{"email":{"marketing":{"can_receive_email_marketing":false,"consent":"SUBSCRIBED","suppression":[{"reason":"HARD_BOUNCE","timestamp":"2025-01-01T00:00:00+00:00"}]}}}}})J");
    auto p = parse_profile(doc, hasher);
    REQUIRE(p);
    CHECK(p->email_hash == hasher.hash("jane.doe@example.com"));
    CHECK(p->email_masked == "j***@example.com");
    CHECK(p->consent == model::DestinationConsent::subscribed);
    CHECK_FALSE(p->can_receive_marketing);
    CHECK(p->suppressions == std::vector<std::string>{"HARD_BOUNCE"});
}

TEST_CASE("get_all follows links.next verbatim and sends the required headers", "[klaviyo]")
{
    Fixture f;
    const std::string next = "http://127.0.0.1:1/api/events/?page%5Bcursor%5D=bmV4dA&page%5Bsize%5D=1000";
    f.transport.reply(
        200, R"J({"data":[{"type":"event","id":"a"}],"links":{"self":"x","next":")J" + next + R"J("}})J");
    f.transport.reply(
        200,
        R"J({"data":[{"type":"event","id":"b"},{"type":"event","id":"c"}],"links":{"self":"x","next":null}})J");
    std::vector<std::string> ids;
    auto r = f.client.get_all("/api/events?filter=x", {"events", Tier::xl},
                              [&](const rapidjson::Value& v) { ids.push_back(v["id"].GetString()); });
    CHECK(r.complete());
    CHECK(ids == std::vector<std::string>{"a", "b", "c"});
    REQUIRE(f.transport.sent().size() == 2);
    CHECK(f.transport.sent()[1].url == next);
    const auto& first = f.transport.sent()[0];
    CHECK(first.url == "http://127.0.0.1:1/api/events?filter=x");
    CHECK(test::header_of(first, "Authorization") == "Klaviyo-API-Key pk_test_key");
    CHECK(test::header_of(first, "revision") == "2026-07-15");
    CHECK(test::header_of(first, "Accept") == "application/vnd.api+json");
}

TEST_CASE("429 is retried with and without Retry-After", "[klaviyo]")
{
    Fixture f;
    f.transport.reply(429, k_throttled, {{"retry-after", "7"}});
    f.transport.reply(429, k_throttled);
    f.transport.reply(200, R"J({"data":[],"links":{"next":null}})J");
    auto reply = f.client.get("/api/metrics", {"metrics", Tier::m});
    CHECK(reply.status == ReplyStatus::ok);
    CHECK(f.stats.snapshot().throttled == 2);
    CHECK(f.sleeper.total_slept() >= std::chrono::seconds{7});
}

TEST_CASE("a 403 JSON:API error is a credentials failure; a 500 gives up after retries", "[klaviyo]")
{
    Fixture f;
    f.transport.reply(
        403,
        R"J({"errors":[{"id":"1","status":403,"code":"permission_denied","title":"You do not have permission to perform this action.","detail":"You do not have permission to perform this action."}]})J");
    auto reply = f.client.get("/api/events", {"events", Tier::xl});
    CHECK(reply.status == ReplyStatus::forbidden);
    CHECK_THAT(reply.error, Catch::Contains("permission_denied"));
    for (int i = 0; i < 5; ++i)
        f.transport.reply(
            500,
            R"J({"errors":[{"id":"1","code":"error","title":"x","detail":"A server error occurred."}]})J");
    reply = f.client.get("/api/events", {"events", Tier::xl});
    CHECK(reply.status == ReplyStatus::failed);
    CHECK_THAT(reply.error, Catch::Contains("after 5 attempts"));
}

TEST_CASE("request building: filters, emails, aggregates", "[klaviyo]")
{
    core::TimePoint from{std::chrono::seconds{1'793'577'600}};  // 2026-11-02T00:00:00Z
    CHECK(events_filter("Y6", from, from + std::chrono::hours{24}) ==
          "equals(metric_id,\"Y6\"),greater-or-equal(datetime,2026-11-02T00:00:00Z),less-than(datetime,2026-"
          "11-03T00:00:00Z)");
    CHECK(email_filter({"a@b.co", "c@d.co"}) == R"J(any(email,["a@b.co","c@d.co"]))J");
    auto body = daily_aggregate_body("Y6", from, from + std::chrono::hours{24}, "Europe/London");
    auto doc = parse(body.c_str());
    REQUIRE_FALSE(doc.HasParseError());
    CHECK(std::string(doc["data"]["attributes"]["interval"].GetString()) == "day");
    CHECK(std::string(doc["data"]["attributes"]["timezone"].GetString()) == "Europe/London");
}

TEST_CASE("daily aggregate buckets become store-local dates", "[klaviyo]")
{
    auto doc = parse(R"J({"data":{"type":"metric-aggregate","id":"x","attributes":{
      "dates":["2026-07-05T23:00:00+00:00","2026-07-07T00:00:00+00:00","2026-11-01T00:00:00Z"],
      "data":[{"dimensions":[],"measurements":{"count":[41.0,40.0,55.0]}}]}}})J");
    auto days = parse_daily_counts(doc, "Europe/London");
    REQUIRE(days.size() == 3);
    CHECK(days[0] == model::DailyCount{"2026-07-06", 41});
    CHECK(days[1] == model::DailyCount{"2026-07-07", 40});
    CHECK(days[2] == model::DailyCount{"2026-11-01", 55});
}

namespace {

// Klaviyo OAuth over one scripted transport: token grants and API requests
// share the script, so a test reads as the exchange on the wire.
struct OAuthFixture {
    test::ScriptedTransport transport;
    core::FakeSleeper sleeper;
    core::SeededRandom random{5};
    net::RequestStats stats;
    core::FixedClock clock{core::TimePoint{std::chrono::seconds{1'800'000'000}}};
    net::RefreshTokenProvider tokens{
        net::RequestContext{transport, net::RetryPolicy{}, sleeper, random, stats}, [] {
            net::RefreshTokenOptions o;
            o.style = net::RefreshStyle::basic_auth_form;
            o.platform = "klaviyo";
            o.token_url = "http://127.0.0.1:1/oauth/token";
            o.client_id = "cid";
            o.client_secret = "secret";
            o.refresh_token = "krt_0";
            return o;
        }()};
    JsonApiClient client{"http://127.0.0.1:1",
                         "2026-07-15",
                         connectors::klaviyo::AuthMode::oauth,
                         tokens,
                         net::RequestContext{transport, net::RetryPolicy{}, sleeper, random, stats},
                         clock};

    void grant(int n)
    {
        transport.reply(
            200,
            fmt::format(
                R"J({{"access_token":"kat_{0}","token_type":"Bearer","expires_in":300,"refresh_token":"krt_{0}"}})J",
                n));
    }
    void expired()
    {
        transport.reply(
            401,
            R"J({"errors":[{"id":"1","status":401,"code":"not_authenticated","title":"Incorrect authentication credentials.","detail":"Access token has expired."}]})J");
    }
    std::vector<std::string> api_authorizations() const
    {
        std::vector<std::string> out;
        for (const auto& r : transport.sent())
            if (r.url.find("/api/") != std::string::npos)
                out.push_back(test::header_of(r, "Authorization"));
        return out;
    }
};

}  // namespace

TEST_CASE("oauth: a token expired again after its renewal is renewed again, the page is not lost",
          "[klaviyo]")
{
    // Every access token expired on the first events page; the renewed one was expired
    // too (a second expiry) before the retry reached the server.
    OAuthFixture f;
    f.grant(1);
    f.expired();
    f.grant(2);
    f.expired();
    f.grant(3);
    f.transport.reply(200, R"J({"data":[{"type":"event","id":"a"}],"links":{"next":null}})J");
    std::vector<std::string> ids;
    auto r = f.client.get_all("/api/events?filter=x", {"events", Tier::xl},
                              [&](const rapidjson::Value& v) { ids.push_back(v["id"].GetString()); });
    CHECK(r.complete());
    CHECK(ids == std::vector<std::string>{"a"});
    CHECK(f.api_authorizations() == std::vector<std::string>{"Bearer kat_1", "Bearer kat_2", "Bearer kat_3"});
    CHECK(f.tokens.current_refresh_token() == "krt_3");
    CHECK(f.transport.remaining() == 0);
}

TEST_CASE("oauth: a server refusing every fresh token ends as unauthorized after bounded renewals",
          "[klaviyo]")
{
    OAuthFixture f;
    f.grant(1);
    for (int n = 2; n <= net::k_max_renewals_per_request + 1; ++n) {
        f.expired();
        f.grant(n);
    }
    f.expired();
    auto reply = f.client.get("/api/metrics", {"metrics", Tier::m});
    CHECK(reply.status == ReplyStatus::unauthorized);
    CHECK_THAT(reply.error, Catch::Contains("HTTP 401"));
    CHECK(f.api_authorizations().size() == static_cast<std::size_t>(net::k_max_renewals_per_request + 1));
    CHECK(f.transport.remaining() == 0);
}

TEST_CASE("oauth: one expiry costs one grant; a late 401 for the old token keeps the new one", "[klaviyo]")
{
    OAuthFixture f;
    f.grant(1);
    REQUIRE(f.tokens.access_token(f.clock.now()) == "kat_1");
    f.expired();
    f.grant(2);
    f.transport.reply(200, R"J({"data":[],"links":{"next":null}})J");
    auto reply = f.client.get("/api/lists", {"lists", Tier::l});
    CHECK(reply.status == ReplyStatus::ok);
    // A late 401 for kat_1 (sent before the renewal) must not throw kat_2 away.
    f.tokens.reject("kat_1");
    CHECK(f.tokens.access_token(f.clock.now()) == "kat_2");
    CHECK(f.transport.remaining() == 0);
}

TEST_CASE("a private key refused with 401 is not sent again", "[klaviyo]")
{
    Fixture f;
    f.transport.reply(
        401,
        R"J({"errors":[{"id":"1","status":401,"code":"not_authenticated","title":"Incorrect authentication credentials.","detail":"Invalid API key."}]})J");
    auto reply = f.client.get("/api/metrics", {"metrics", Tier::m});
    CHECK(reply.status == ReplyStatus::unauthorized);
    CHECK_THAT(reply.error, Catch::Contains("Invalid API key."));
    CHECK(f.transport.sent().size() == 1);
}

TEST_CASE("Klaviyo's words as the destination name the source's integration and its settings")
{
    const auto w = vocabulary("shopify", "Shopify");
    CHECK(w.source_key == "shopify");
    CHECK(w.destination_key == "klaviyo");
    CHECK(w.source == "Shopify");
    CHECK(w.destination == "Klaviyo");
    CHECK(w.integration == "the Shopify integration in Klaviyo");
    CHECK(w.integration_settings == "Integrations > Shopify");
    CHECK(w.subscriber_sync_setting == "Sync your Shopify email subscribers to Klaviyo");
    CHECK(w.subscriber_list_key == "klaviyo.subscriber_list");
    // The words the checks' and the report's tests use (they do not link the connectors).
    const auto& fixture = test::k_pair_words;
    CHECK(std::tie(w.source_key, w.destination_key, w.source, w.destination, w.integration,
                   w.integration_settings, w.subscriber_sync_setting, w.subscriber_list_key) ==
          std::tie(fixture.source_key, fixture.destination_key, fixture.source, fixture.destination,
                   fixture.integration, fixture.integration_settings, fixture.subscriber_sync_setting,
                   fixture.subscriber_list_key));
    const auto woo = vocabulary("woocommerce", "WooCommerce");
    CHECK(woo.integration == "the WooCommerce integration in Klaviyo");
    CHECK(woo.source_key == "woocommerce");
}
