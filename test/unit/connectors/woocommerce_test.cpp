// The WooCommerce source against canned REST API v3 answers (WooCommerce's documented shapes:
// orders, customers, the error body), and the Klaviyo destination's view of
// Klaviyo's WooCommerce integration.
#include "connectors/json_access.hpp"
#include "connectors/klaviyo/integration.hpp"
#include "connectors/klaviyo/records.hpp"
#include "connectors/klaviyo/vocabulary.hpp"
#include "connectors/registry.hpp"
#include "connectors/woocommerce/doctor.hpp"
#include "connectors/woocommerce/records.hpp"
#include "connectors/woocommerce/rest_client.hpp"
#include "connectors/woocommerce/settings.hpp"
#include "connectors/woocommerce/woocommerce_source.hpp"
#include "core/error.hpp"
#include "core/random.hpp"
#include "core/time.hpp"
#include "scripted_transport.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fmt/format.h>
#include <functional>
#include <map>
#include <mutex>

using namespace frr;
namespace woo = frr::connectors::woocommerce;

namespace {

rapidjson::Document parse(const std::string& json)
{
    rapidjson::Document d;
    d.Parse(json.c_str());
    REQUIRE_FALSE(d.HasParseError());
    return d;
}

const model::EmailHasher k_hasher(std::string(32, 'k'));

// An order as GET /wp-json/wc/v3/orders lists it (fields frr does not read left out).
std::string order_json(int id, const std::string& status, const std::string& created,
                       const std::string& modified, const std::string& completed = "",
                       const std::string& email = "ann@example.com")
{
    return fmt::format(
        R"J({{"id":{0},"parent_id":0,"number":"{0}","order_key":"wc_order_x{0}","created_via":"checkout","version":"9.4.0",)J"
        R"J("status":"{1}","currency":"GBP","date_created":"{2}","date_created_gmt":"{2}","date_modified":"{3}",)J"
        R"J("date_modified_gmt":"{3}","discount_total":"0.00","shipping_total":"4.00","total":"54.00","total_tax":"9.00",)J"
        R"J("customer_id":{4},"billing":{{"first_name":"Ann","email":"{5}","phone":""}},"payment_method":"bacs",)J"
        R"J("date_paid_gmt":"{2}","date_completed_gmt":{6},)J"
        R"J("line_items":[{{"id":315,"name":"Woo Single","product_id":93,"quantity":2,"subtotal":"40.00","total":"40.00"}},)J"
        R"J({{"id":316,"name":"Lanyard","product_id":22,"quantity":1,"subtotal":"10.00","total":"10.00"}}],"refunds":[]}})J",
        id, status, created, modified, id % 2 == 0 ? 0 : 7, email,
        completed.empty() ? std::string("null") : "\"" + completed + "\"");
}

struct Fixture {
    test::ScriptedTransport transport;
    core::FakeSleeper sleeper;
    core::SeededRandom random{5};
    net::RequestStats stats;
    woo::RestClient client{"http://127.0.0.1:1/", woo::basic_authorization("ck_test", "cs_test"),
                           net::RequestContext{transport, net::RetryPolicy{}, sleeper, random, stats}, 100};
};

// Answers by route (the path after /wp-json/wc/v3 and the page), whatever the order in which
// the source's two threads ask; records every URL.
class RoutedTransport final : public net::HttpTransport {
public:
    using Handler = std::function<net::HttpResponse(const std::string& route, const std::string& url)>;
    explicit RoutedTransport(Handler h) : m_handler(std::move(h)) { }
    net::HttpResult send(const net::HttpRequest& request) override
    {
        // Called from the source's threads: no Catch2 assertion here (they are not thread-safe).
        const auto at = request.url.find(woo::k_api_root);
        auto rest = at == std::string::npos ? std::string()
                                            : request.url.substr(at + std::string(woo::k_api_root).size());
        const auto q = rest.find('?');
        {
            std::lock_guard lock(m_mutex);
            m_urls.push_back(request.url);
        }
        net::HttpResult r;
        r.response = m_handler(rest.substr(0, q), request.url);
        return r;
    }
    std::vector<std::string> urls() const
    {
        std::lock_guard lock(m_mutex);
        return m_urls;
    }

private:
    Handler m_handler;
    mutable std::mutex m_mutex;
    std::vector<std::string> m_urls;
};

bool has(const std::string& url, const std::string& part)
{
    return url.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a WooCommerce order becomes a canonical order: #number, minor units, units, channel",
          "[woocommerce]")
{
    auto doc = parse(order_json(1043, "processing", "2026-11-02T14:31:07", "2026-11-02T14:35:00"));
    auto o = woo::parse_order(doc, k_hasher);
    REQUIRE(o);
    CHECK(o->id == "1043");
    CHECK(o->name == "#1043");
    CHECK(o->created_at == *core::parse_iso8601("2026-11-02T14:31:07Z"));
    CHECK(o->updated_at == *core::parse_iso8601("2026-11-02T14:35:00Z"));
    CHECK_FALSE(o->cancelled_at);
    CHECK(o->total == model::Money{5400, "GBP"});
    CHECK(o->revenue == model::Money{5400, "GBP"});
    CHECK(o->revenue_as_placed == o->revenue);
    CHECK(o->item_quantity == 3);
    CHECK(o->source_name == "checkout");
    CHECK(o->customer_id == "7");
    CHECK(o->email_hash == k_hasher.hash("ann@example.com"));
    CHECK(o->email_masked != "ann@example.com");
    CHECK_FALSE(o->test);

    // customer_id 0 is a guest; an email is normalised before hashing.
    auto guest = woo::parse_order(parse(order_json(1044, "on-hold", "2026-11-02T15:00:00",
                                                   "2026-11-02T15:00:00", "", " Bob@Example.COM ")),
                                  k_hasher);
    REQUIRE(guest);
    CHECK(guest->customer_id.empty());
    CHECK(guest->email_hash == k_hasher.hash("bob@example.com"));

    // Not purchases: left out and said so; an order without its creation time is unreadable.
    for (const char* status : {"pending", "failed", "checkout-draft", "trash"}) {
        bool not_purchase = false;
        CHECK_FALSE(
            woo::parse_order(parse(order_json(1, status, "2026-11-02T15:00:00", "2026-11-02T15:00:00")),
                             k_hasher, &not_purchase));
        CHECK(not_purchase);
    }
    bool not_purchase = false;
    CHECK_FALSE(
        woo::parse_order(parse(R"({"id":5,"status":"processing","total":"1.00"})"), k_hasher, &not_purchase));
    CHECK_FALSE(not_purchase);
    auto cancelled = woo::parse_order(
        parse(order_json(1045, "cancelled", "2026-11-02T15:00:00", "2026-11-03T09:00:00")), k_hasher);
    REQUIRE(cancelled);
    CHECK(cancelled->cancelled_at == *core::parse_iso8601("2026-11-03T09:00:00Z"));
}

TEST_CASE("WooCommerce statuses become fulfilment, cancellation and refund facts", "[woocommerce]")
{
    auto completed = woo::parse_order_changes(parse(order_json(1043, "completed", "2026-11-02T14:31:07",
                                                               "2026-11-03T10:00:00", "2026-11-03T09:30:00")),
                                              k_hasher);
    REQUIRE(completed.size() == 1);
    CHECK(completed[0].kind == model::OrderChangeKind::fulfilled);
    CHECK(completed[0].at == *core::parse_iso8601("2026-11-03T09:30:00Z"));
    CHECK(completed[0].order_id == "1043");
    CHECK(completed[0].order_name == "#1043");
    CHECK(completed[0].total == model::Money{5400, "GBP"});
    CHECK(completed[0].source_name == "checkout");

    auto refunded = woo::parse_order_changes(
        parse(order_json(1046, "refunded", "2026-11-02T14:31:07", "2026-11-04T08:00:00")), k_hasher);
    REQUIRE(refunded.size() == 1);
    CHECK(refunded[0].kind == model::OrderChangeKind::refunded);
    CHECK(refunded[0].at == *core::parse_iso8601("2026-11-04T08:00:00Z"));
    auto cancelled = woo::parse_order_changes(
        parse(order_json(1047, "cancelled", "2026-11-02T14:31:07", "2026-11-04T08:00:00")), k_hasher);
    REQUIRE(cancelled.size() == 1);
    CHECK(cancelled[0].kind == model::OrderChangeKind::cancelled);

    // Nothing happened yet, or the order was never a purchase.
    CHECK(woo::parse_order_changes(
              parse(order_json(1, "processing", "2026-11-02T14:31:07", "2026-11-04T08:00:00")), k_hasher)
              .empty());
    CHECK(woo::parse_order_changes(
              parse(order_json(2, "failed", "2026-11-02T14:31:07", "2026-11-04T08:00:00")), k_hasher)
              .empty());
    // completed without a completion time says nothing about when it shipped.
    CHECK(woo::parse_order_changes(
              parse(order_json(3, "completed", "2026-11-02T14:31:07", "2026-11-04T08:00:00")), k_hasher)
              .empty());
}

TEST_CASE("WooCommerce customers: hashed email, phone, consent unknown", "[woocommerce]")
{
    auto c = woo::parse_customer(
        parse(R"({"id":25,"date_created":"2026-10-01T10:00:00","date_created_gmt":"2026-10-01T09:00:00",
                  "date_modified_gmt":"2026-11-02T08:00:00","email":"John.Doe@Example.com","role":"customer",
                  "username":"john.doe","billing":{"phone":"(555) 555-5555"},"is_paying_customer":true})"),
        k_hasher);
    REQUIRE(c);
    CHECK(c->customer.id == "25");
    CHECK(c->email == "john.doe@example.com");
    CHECK(c->customer.email_hash == k_hasher.hash("john.doe@example.com"));
    CHECK(c->customer.created_at == *core::parse_iso8601("2026-10-01T09:00:00Z"));
    CHECK(c->customer.updated_at == *core::parse_iso8601("2026-11-02T08:00:00Z"));
    CHECK(c->customer.has_phone);
    CHECK(c->customer.consent == model::SourceConsent::unknown);
    CHECK_FALSE(woo::parse_customer(parse(R"({"id":0,"date_created_gmt":"2026-10-01T09:00:00"})"), k_hasher));
}

TEST_CASE("the REST client sends Basic auth and pages until X-WP-TotalPages", "[woocommerce]")
{
    Fixture f;
    f.transport.reply(200,
                      "[" + order_json(1, "processing", "2026-11-02T10:00:00", "2026-11-02T10:00:00") + "]",
                      {{"x-wp-total", "2"}, {"x-wp-totalpages", "2"}});
    f.transport.reply(200,
                      "[" + order_json(2, "processing", "2026-11-02T11:00:00", "2026-11-02T11:00:00") + "]",
                      {{"x-wp-total", "2"}, {"x-wp-totalpages", "2"}});
    std::vector<std::string> ids;
    int progress_calls = 0;
    auto r = f.client.get_all(
        "/orders", {{"status", "any"}}, 1,
        [&](const rapidjson::Value& v) { ids.push_back(connectors::text(connectors::member(&v, "id"))); },
        [&](int, std::int64_t) { ++progress_calls; });
    REQUIRE(r.complete());
    CHECK(r.pages == 2);
    CHECK(r.records == 2);
    CHECK(r.total == 2);
    CHECK(ids == std::vector<std::string>{"1", "2"});
    CHECK(progress_calls == 2);
    REQUIRE(f.transport.sent().size() == 2);
    const auto& first = f.transport.sent()[0];
    CHECK(first.url == "http://127.0.0.1:1/wp-json/wc/v3/orders?status=any&per_page=1&page=1");
    CHECK(f.transport.sent()[1].url ==
          "http://127.0.0.1:1/wp-json/wc/v3/orders?status=any&per_page=1&page=2");
    // base64("ck_test:cs_test")
    CHECK(test::header_of(first, "Authorization") == "Basic Y2tfdGVzdDpjc190ZXN0");
    CHECK(test::header_of(first, "Accept") == "application/json");
}

TEST_CASE("without X-WP-TotalPages a short page is the last", "[woocommerce]")
{
    Fixture f;
    f.transport.reply(200, "[{\"id\":1},{\"id\":2}]");
    f.transport.reply(200, "[{\"id\":3}]");
    std::int64_t n = 0;
    auto r = f.client.get_all("/customers", {}, 2, [&](const rapidjson::Value&) { ++n; });
    CHECK(r.complete());
    CHECK(n == 3);
    CHECK(f.transport.remaining() == 0);
}

TEST_CASE("429 with Retry-After, 5xx and an unreadable page are retried; 401 is final and explained",
          "[woocommerce]")
{
    Fixture f;
    f.transport.reply(429, R"({"code":"too_many_requests","message":"Slow down"})", {{"retry-after", "3"}});
    f.transport.reply(503, "<html>maintenance</html>");
    f.transport.reply(200, "[{\"id\":1");  // truncated
    f.transport.fail(net::TransportErrorKind::timeout);
    f.transport.reply(200, "[{\"id\":1}]", {{"x-wp-totalpages", "1"}});
    std::int64_t n = 0;
    auto r = f.client.get_all("/orders", {}, 100, [&](const rapidjson::Value&) { ++n; });
    CHECK(r.complete());
    CHECK(n == 1);
    CHECK(f.sleeper.total_slept() >= std::chrono::seconds{3});
    CHECK(f.stats.snapshot().throttled >= 1);

    Fixture g;
    g.transport.reply(
        401,
        R"({"code":"woocommerce_rest_cannot_view","message":"Sorry, you cannot list resources.","data":{"status":401}})");
    auto refused = g.client.get("/orders", {{"page", "1"}});
    CHECK(refused.status == woo::ReplyStatus::unauthorized);
    CHECK(refused.error ==
          "GET /wp-json/wc/v3/orders page 1: HTTP 401: Sorry, you cannot list resources. "
          "(woocommerce_rest_cannot_view)");
    CHECK(g.transport.sent().size() == 1);  // a static key is not sent again

    Fixture h;
    h.transport.reply(403, R"({"code":"woocommerce_rest_cannot_view","message":"no","data":{"status":403}})");
    CHECK(h.client.get("/customers", {}).status == woo::ReplyStatus::forbidden);
}

namespace {

// A small shop: the window [2026-11-02T00:00Z, 2026-11-03T00:00Z), three look-back days.
connectors::SourceWindow shop_window()
{
    connectors::SourceWindow w;
    w.since = *core::parse_iso8601("2026-11-02T00:00:00Z");
    w.until = *core::parse_iso8601("2026-11-03T00:00:00Z");
    w.orders_from = *core::parse_iso8601("2026-10-30T00:00:00Z");
    w.orders_updated_from = w.since;
    w.customers_from = w.since;
    w.daily_dates = {"2026-10-30", "2026-10-31", "2026-11-01"};
    w.timezone = "Europe/London";
    return w;
}

const char* k_customers_page1 =
    R"([{"id":1,"date_created_gmt":"2026-01-01T00:00:00","date_modified_gmt":"2026-11-02T09:00:00","email":"a@example.com","billing":{}},
        {"id":2,"date_created_gmt":"2026-01-01T00:00:00","date_modified_gmt":"2026-10-01T09:00:00","email":"b@example.com","billing":{}}])";
const char* k_customers_page2 =
    R"([{"id":3,"date_created_gmt":"2026-11-02T10:00:00","date_modified_gmt":"2026-11-02T10:00:00","email":"c@example.com","billing":{}}])";

net::HttpResponse healthy_shop(const std::string& route, const std::string& url)
{
    net::HttpResponse r;
    r.status = 200;
    if (route == "/customers") {
        r.headers = {{"x-wp-total", "3"}, {"x-wp-totalpages", "2"}};
        r.body = has(url, "page=2") ? k_customers_page2 : k_customers_page1;
    } else if (route == "/orders" && has(url, "modified_after")) {
        r.headers = {{"x-wp-totalpages", "1"}};
        r.body = "[" +
            order_json(990, "completed", "2026-10-20T10:00:00", "2026-11-02T12:00:00",
                       "2026-11-02T11:00:00") +
            "," + order_json(991, "refunded", "2026-10-21T10:00:00", "2026-11-03T01:00:00") + "]";
    } else if (route == "/orders" && has(url, "before=2026-11-02T00%3A00%3A00Z")) {
        // The look-back days (London is UTC+0 in November): 2 on the 30th, 1 on the 1st; a test
        // (failed) order, an order without email and a late-evening one in the window's day.
        r.headers = {{"x-wp-totalpages", "1"}};
        r.body = "[" + order_json(901, "completed", "2026-10-30T10:00:00", "2026-10-30T10:00:00") + "," +
            order_json(902, "cancelled", "2026-10-30T23:59:59", "2026-10-31T10:00:00") + "," +
            order_json(903, "failed", "2026-10-31T10:00:00", "2026-10-31T10:00:00") + "," +
            order_json(904, "processing", "2026-10-31T11:00:00", "2026-10-31T11:00:00", "", "") + "," +
            order_json(905, "on-hold", "2026-11-01T12:00:00", "2026-11-01T12:00:00") + "]";
    } else if (route == "/orders" && has(url, "before=2026-11-02T00%3A00%3A00Z")) {
        // The look-back days (London is UTC+0 in November): 2 on the 30th, 1 on the 1st; a test
        // (failed) order and an order without email are not counted.
        r.headers = {{"x-wp-totalpages", "1"}};
        r.body = "[" + order_json(901, "completed", "2026-10-30T10:00:00", "2026-10-30T10:00:00") + "," +
            order_json(902, "cancelled", "2026-10-30T23:59:59", "2026-10-31T10:00:00") + "," +
            order_json(903, "failed", "2026-10-31T10:00:00", "2026-10-31T10:00:00") + "," +
            order_json(904, "processing", "2026-10-31T11:00:00", "2026-10-31T11:00:00", "", "") + "," +
            order_json(905, "on-hold", "2026-11-01T12:00:00", "2026-11-01T12:00:00") + "]";
    } else if (route == "/orders" && has(url, "after=")) {
        r.headers = {{"x-wp-total", "3"}, {"x-wp-totalpages", "1"}};
        r.body = "[" + order_json(1001, "processing", "2026-11-02T00:00:00", "2026-11-02T00:00:00") + "," +
            order_json(1002, "pending", "2026-11-02T05:00:00", "2026-11-02T05:00:00") + "," +
            order_json(1003, "completed", "2026-11-02T23:59:59", "2026-11-02T23:59:59") + "]";
    } else if (route == "/orders") {  // the first contact
        r.headers = {{"x-wp-total", "1200"}, {"x-wp-totalpages", "1200"}};
        r.body = "[" + order_json(1, "completed", "2026-01-01T00:00:00", "2026-01-01T00:00:00") + "]";
    } else {
        r.status = 404;
        r.body =
            R"({"code":"rest_no_route","message":"No route was found matching the URL and request method.","data":{"status":404}})";
    }
    return r;
}

struct SourceFixture {
    explicit SourceFixture(RoutedTransport::Handler h) : transport(std::move(h)) { }
    RoutedTransport transport;
    core::FakeSleeper sleeper;
    core::SeededRandom random{5};
    net::RequestStats stats;
    woo::Settings settings;
    woo::RestClient client{"http://127.0.0.1:1", woo::basic_authorization("ck", "cs"),
                           net::RequestContext{transport, net::RetryPolicy{}, sleeper, random, stats}, 100};
    connectors::SourceFetch run()
    {
        woo::WooCommerceSource source(client, k_hasher, settings);
        int handoffs = 0;
        auto out = source.fetch(shop_window(), [&](model::WindowEmails e) {
            ++handoffs;
            emails = std::move(e);
        });
        CHECK(handoffs == 1);
        return out;
    }
    model::WindowEmails emails;
};

}  // namespace

TEST_CASE("the WooCommerce source reads the window's purchases, day counts, customers and changes",
          "[woocommerce]")
{
    SourceFixture f(healthy_shop);
    auto out = f.run();
    INFO(fmt::format("{}", fmt::join(out.manifest.errors, "; ")));
    CHECK(out.exit == core::ExitCode::ok);
    CHECK(out.manifest.status == model::Coverage::complete);
    // The pending order is not a purchase; the window's edges are [since, until).
    REQUIRE(out.data.orders.size() == 2);
    CHECK(out.data.orders[0].name == "#1001");
    CHECK(out.data.orders[1].name == "#1003");
    // Eligible orders per store-local day: not the failed one, not the one without an email.
    CHECK(out.data.daily_orders ==
          std::vector<model::DailyCount>{{"2026-10-30", 2}, {"2026-10-31", 0}, {"2026-11-01", 1}});
    // Every customer is read; those modified in the window are kept and handed over.
    REQUIRE(out.data.customers.size() == 2);
    CHECK(out.data.customers[0].id == "1");
    CHECK(out.data.customers[1].id == "3");
    CHECK(f.emails.customers == std::vector<std::string>{"a@example.com", "c@example.com"});
    CHECK(f.emails.new_subscribers.empty());
    // The completion in the window counts; the refund after `until` does not.
    REQUIRE(out.data.order_changes.size() == 1);
    CHECK(out.data.order_changes[0].kind == model::OrderChangeKind::fulfilled);
    CHECK(out.data.order_changes[0].order_name == "#990");
    CHECK(out.manifest.counts.at("customers") == 2);
    // The requests: GMT dates, `after` one second before the window (WooCommerce's is exclusive).
    bool window_asked = false;
    for (const auto& url : f.transport.urls()) {
        CHECK(has(url, "per_page="));
        if (has(url, "after=2026-11-01T23%3A59%3A59Z") && has(url, "before=2026-11-03T00%3A00%3A00Z")) {
            window_asked = true;
            CHECK(has(url, "dates_are_gmt=true"));
            CHECK(has(url, "status=any"));
        }
    }
    CHECK(window_asked);
}

TEST_CASE("a refused consumer key leaves the whole source unavailable with a credentials exit",
          "[woocommerce]")
{
    SourceFixture f([](const std::string&, const std::string&) {
        net::HttpResponse r;
        r.status = 401;
        r.body =
            R"({"code":"woocommerce_rest_cannot_view","message":"Sorry, you cannot list resources.","data":{"status":401}})";
        return r;
    });
    auto out = f.run();
    CHECK(out.exit == core::ExitCode::credentials);
    CHECK(out.manifest.status == model::Coverage::unavailable);
    REQUIRE(out.manifest.errors.size() == 1);
    CHECK(has(out.manifest.errors[0], "WooCommerce refused the consumer key"));
    CHECK(has(out.manifest.errors[0], "WooCommerce > Settings > Advanced > REST API"));
    CHECK(out.manifest.datasets.at("orders").status == model::Coverage::unavailable);
    CHECK(f.transport.urls().size() == 1);
}

TEST_CASE("a refused look-back page leaves only the day counts unavailable", "[woocommerce]")
{
    SourceFixture f([](const std::string& route, const std::string& url) {
        if (route == "/orders" && has(url, "before=2026-11-02T00%3A00%3A00Z")) {
            net::HttpResponse r;
            r.status = 400;
            r.body =
                R"({"code":"rest_invalid_param","message":"Invalid parameter(s): after","data":{"status":400}})";
            return r;
        }
        return healthy_shop(route, url);
    });
    auto out = f.run();
    CHECK(out.exit == core::ExitCode::partial);
    CHECK(out.manifest.status == model::Coverage::partial);
    CHECK(out.manifest.datasets.at("daily_orders").status == model::Coverage::unavailable);
    CHECK(has(out.manifest.datasets.at("daily_orders").missing, "rest_invalid_param"));
    CHECK(out.manifest.datasets.at("orders").status == model::Coverage::complete);
    CHECK(out.data.orders.size() == 2);
}

TEST_CASE("the woocommerce kind: settings, secrets, base URL override", "[woocommerce]")
{
    const std::string yaml = R"(store:
  name: Woo shop
source:
  kind: woocommerce
  base_url: https://shop.example.com/
  auth:
    consumer_key_env: FRR_TEST_WC_KEY
    consumer_secret_env: FRR_TEST_WC_SECRET
destination:
  kind: klaviyo
  auth:
    private_key_env: FRR_TEST_KLAVIYO_KEY
)";
    auto config = connectors::parse_config(yaml, "woo.yaml");
    const auto& s = core::settings_as<woo::Settings>(config.source);
    CHECK(s.page_size == 100);
    CHECK(s.consumer_key.env == "FRR_TEST_WC_KEY");
    CHECK(s.secrets().size() == 2);
    CHECK(s.account() == "shop.example.com");
    ::unsetenv("FRR_WOOCOMMERCE_BASE_URL");
    CHECK(s.effective_base_url() == "https://shop.example.com");
    ::setenv("FRR_WOOCOMMERCE_BASE_URL", "http://127.0.0.1:9/", 1);
    CHECK(s.effective_base_url() == "http://127.0.0.1:9");
    ::unsetenv("FRR_WOOCOMMERCE_BASE_URL");
    CHECK(has(s.describe(), "env FRR_TEST_WC_KEY"));
    CHECK(connectors::source_platform(config.source).name == "WooCommerce");

    auto error_of = [](const std::string& text) {
        try {
            connectors::parse_config(text, "woo.yaml");
        } catch (const core::Error& e) {
            return std::string(e.what()) + " | " + e.remedy();
        }
        return std::string("no error");
    };
    auto edited = [&](const std::string& from, const std::string& to) {
        auto text = yaml;
        text.replace(text.find(from), from.size(), to);
        return error_of(text);
    };
    CHECK(has(edited("    consumer_secret_env: FRR_TEST_WC_SECRET\n", ""), "consumer_secret_env"));
    CHECK(
        has(edited("  auth:\n    consumer_key", "  page_size: 250\n  auth:\n    consumer_key"), "page_size"));
    CHECK(has(edited("https://shop.example.com/", "http://shop.example.com/"),
              "plain http to a non-loopback host"));
    CHECK(has(edited("https://shop.example.com/", "shop.example.com"), "is not a https URL"));
}

TEST_CASE("Klaviyo keeps the WooCommerce integration's metrics when the source is WooCommerce",
          "[woocommerce]")
{
    const auto woo_integration = connectors::klaviyo::integration_with({"woocommerce", "WooCommerce"});
    auto placed = parse(
        R"J({"type":"metric","id":"WcPO","attributes":{"name":"Placed Order","integration":{"object":"integration","id":"7Xa1","key":"woocommerce","name":"WooCommerce","category":"eCommerce"}}})J");
    auto checkout = parse(
        R"J({"type":"metric","id":"WcSC","attributes":{"name":"Started Checkout","integration":{"object":"integration","id":"7Xa1","key":"woocommerce","name":"WooCommerce","category":"eCommerce"}}})J");
    auto shopify = parse(
        R"J({"type":"metric","id":"ShPO","attributes":{"name":"Placed Order","integration":{"object":"integration","id":"0eMv","key":"shopify","name":"Shopify","category":"eCommerce"}}})J");
    auto m = connectors::klaviyo::parse_metric(placed, woo_integration);
    REQUIRE(m);
    CHECK(m->integration == "woocommerce");
    CHECK(m->kind == model::EventKind::placed_order);
    CHECK(connectors::klaviyo::parse_metric(checkout, woo_integration)->kind ==
          model::EventKind::checkout_started);
    // Another store's integration in the same account is not this store's data.
    auto other = connectors::klaviyo::parse_metric(shopify, woo_integration);
    CHECK(other->kind == model::EventKind::other);
    CHECK(other->integration == "shopify");
    CHECK(woo_integration.metric_kind("Fulfilled Partial Order") == model::EventKind::other);
    CHECK(woo_integration.metric_kind("Checkout Started") == model::EventKind::other);
    // And the pair's words name it.
    const auto words = connectors::klaviyo::vocabulary("woocommerce", "WooCommerce");
    CHECK(words.integration == "the WooCommerce integration in Klaviyo");
}

TEST_CASE("doctor: the WooCommerce probe names what the key cannot read", "[woocommerce]")
{
    Fixture f;
    f.transport.reply(200, "[]", {{"x-wp-total", "1200"}});
    f.transport.reply(200, "[]", {{"x-wp-total", "310"}});
    auto ok = woo::probe_access(f.client);
    CHECK(ok.passed);
    CHECK(ok.evidence.front() == "orders: readable (1200 in the shop)");

    Fixture g;
    g.transport.reply(200, "[]");
    g.transport.reply(403, R"({"code":"woocommerce_rest_cannot_view","message":"no","data":{"status":403}})");
    auto refused = woo::probe_access(g.client);
    CHECK_FALSE(refused.passed);
    CHECK(refused.failure == core::ExitCode::credentials);
    CHECK(has(refused.action, "customers"));
}

TEST_CASE("doctor: the shop's time zone from WordPress's index, orders by id and by time", "[woocommerce]")
{
    Fixture f;
    f.transport.reply(
        200,
        R"({"name":"Shop","url":"https://shop.example.com","gmt_offset":0,"timezone_string":"Europe/Paris","namespaces":["wc/v3"]})");
    auto wrong = woo::probe_timezone(f.client, "Europe/London");
    CHECK_FALSE(wrong.passed);
    CHECK(wrong.failure == core::ExitCode::config);
    CHECK(has(wrong.action, "Set store.timezone to Europe/Paris"));
    CHECK(f.transport.sent().back().url == "http://127.0.0.1:1/wp-json/");
    f.transport.reply(200, R"({"timezone_string":"Europe/London"})");
    CHECK(woo::probe_timezone(f.client, "Europe/London").passed);
    f.transport.reply(200, R"({"timezone_string":"","gmt_offset":1})");
    CHECK(woo::probe_timezone(f.client, "Europe/London").passed);

    f.transport.reply(200,
                      "[" + order_json(1043, "completed", "2026-11-02T10:00:00", "2026-11-02T10:00:00") + "]",
                      {{"x-wp-totalpages", "1"}});
    auto names = woo::order_names(f.client, {"1043", "9999"});
    CHECK(names == std::map<std::string, std::string>{{"1043", "#1043"}});
    CHECK(has(f.transport.sent().back().url, "include=1043%2C9999"));

    f.transport.reply(200,
                      "[" + order_json(7, "processing", "2026-11-02T10:00:00", "2026-11-02T10:00:00") + "," +
                          order_json(8, "processing", "2026-11-02T12:00:00", "2026-11-02T12:00:00") + "]");
    auto created = woo::orders_created(f.client, *core::parse_iso8601("2026-11-02T09:00:00Z"),
                                       *core::parse_iso8601("2026-11-02T11:00:00Z"), 500);
    REQUIRE(created.size() == 1);
    CHECK(created[0] == std::pair<std::string, std::string>{"7", "#7"});
    CHECK(has(f.transport.sent().back().url, "per_page=100"));
    CHECK(has(f.transport.sent().back().url, "after=2026-11-02T08%3A59%3A59Z"));
}
