// The WooCommerce REST API v3 of frr-sim over loopback (docs/simulator.md "WooCommerce"): the same
// generated world as the Shopify one, paged with page/per_page and X-WP-Total/X-WP-TotalPages/Link,
// filtered by date, authenticated with a consumer key and secret, validated as WordPress
// validates; Klaviyo's side as its WooCommerce integration; the answer key of WooCommerce scenarios.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <set>

#include <httplib.h>
#include <rapidjson/document.h>

#include "sim_helpers.hpp"
#include "simulator.hpp"
#include "woocommerce/wc_records.hpp"

using namespace frr::sim;
using namespace frr::sim::test;
using namespace std::chrono_literals;

namespace {

// A WooCommerce scenario served in-process on a free port, with the default consumer key.
struct WooShop {
    explicit WooShop(const std::string& name) : WooShop(load_example(name)) { }
    explicit WooShop(Scenario scenario)
        : sc(std::move(scenario)),
          sim(sc, *sc.now, true),
          port(sim.start()),
          cli("127.0.0.1", port)
    {
        cli.set_basic_auth(std::string(defaults::k_woocommerce_consumer_key),
                           std::string(defaults::k_woocommerce_consumer_secret));
    }
    ~WooShop() { sim.stop(); }
    const Store& store() { return sim.store(); }

    Scenario sc;
    Simulator sim;
    int port;
    httplib::Client cli;
};

rapidjson::Document parse(const std::string& body)
{
    rapidjson::Document d;
    d.Parse(body.c_str());
    REQUIRE_FALSE(d.HasParseError());
    return d;
}

std::string error_code(const httplib::Result& r)
{
    REQUIRE(r);
    auto d = parse(r->body);
    REQUIRE(d.IsObject());
    return d["code"].GetString();
}

// The path and query of the Link header's rel="next" URL; empty when there is none.
std::string next_link(const httplib::Result& r, int port)
{
    const std::string link = r->get_header_value("Link");
    const std::string prefix = "http://127.0.0.1:" + std::to_string(port);
    std::size_t pos = 0;
    while ((pos = link.find('<', pos)) != std::string::npos) {
        const std::size_t close = link.find('>', pos);
        const std::string url = link.substr(pos + 1, close - pos - 1);
        const std::size_t rel_end = link.find(',', close);
        const std::string rel =
            link.substr(close, rel_end == std::string::npos ? std::string::npos : rel_end - close);
        if (rel.find("rel=\"next\"") != std::string::npos) {
            REQUIRE(url.rfind(prefix, 0) == 0);
            return url.substr(prefix.size());
        }
        pos = close;
    }
    return {};
}

struct Walked {
    std::vector<std::int64_t> ids;
    std::vector<std::string> sort_values;
    std::size_t total = 0;
    int pages = 0;
};

// Follows rel="next" from `first` to the end, collecting ids and one field per record.
Walked walk(WooShop& shop, const std::string& first, const char* field)
{
    Walked out;
    std::string path = first;
    while (!path.empty()) {
        auto r = shop.cli.Get(path);
        REQUIRE(r);
        REQUIRE(r->status == 200);
        const std::size_t total = std::stoul(r->get_header_value("X-WP-Total"));
        if (out.pages == 0)
            out.total = total;
        CHECK(total == out.total);
        auto d = parse(r->body);
        REQUIRE(d.IsArray());
        for (const auto& rec : d.GetArray()) {
            out.ids.push_back(rec["id"].GetInt64());
            out.sort_values.push_back(rec[field].GetString());
        }
        ++out.pages;
        CHECK(std::stoi(r->get_header_value("X-WP-TotalPages")) >= out.pages);
        REQUIRE(out.pages < 500);
        path = next_link(r, shop.port);
    }
    return out;
}

}  // namespace

TEST_CASE("woocommerce scenarios: source, and what WooCommerce cannot have is refused", "[sim][woocommerce]")
{
    CHECK(parse_scenario("source: woocommerce\n", "f.yaml").source == SourcePlatform::woocommerce);
    CHECK(parse_scenario("name: x\n", "f.yaml").source == SourcePlatform::shopify);
    CHECK_THROWS_WITH(parse_scenario("source: magento\n", "f.yaml"), Catch::Contains("f.yaml:1:9"));
    CHECK_THROWS_WITH(
        parse_scenario("source: woocommerce\ndefects:\n  consent_klaviyo_subscribed: {count: 2}\n", "f.yaml"),
        Catch::Contains("f.yaml:3:31") && Catch::Contains("consent"));
    CHECK_THROWS_WITH(
        parse_scenario("source: woocommerce\ndefects:\n  missing_checkout_started: {count: 2}\n", "f.yaml"),
        Catch::Contains("abandoned checkouts"));
    CHECK_THROWS_AS(
        parse_scenario("source: woocommerce\ndefects:\n  subscribers_missing_from_list: {count: 1}\n",
                       "f.yaml"),
        ScenarioError);
    CHECK_THROWS_AS(parse_scenario("source: woocommerce\nrecords:\n  order_name: {prefix: 'W-'}\n", "f.yaml"),
                    ScenarioError);
    CHECK_THROWS_WITH(parse_scenario("source: woocommerce\nshopify:\n  bucket_size: 20000\n", "f.yaml"),
                      Catch::Contains("f.yaml:3:3"));
    CHECK_THROWS_WITH(
        parse_scenario("source: woocommerce\nfaults:\n  - {platform: shopify, kind: reset}\n", "f.yaml"),
        Catch::Contains("use platform woocommerce"));
    CHECK_THROWS_WITH(parse_scenario("faults:\n  - {platform: woocommerce, kind: reset}\n", "f.yaml"),
                      Catch::Contains("use platform shopify"));
    CHECK(parse_scenario("source: woocommerce\nfaults:\n  - {platform: woocommerce, kind: reset, count: 1}\n",
                         "f.yaml")
              .faults.size() == 1);
}

TEST_CASE("woocommerce-healthy: an empty key, WooCommerce's metrics, no Shopify API", "[sim][woocommerce]")
{
    WooShop shop("woocommerce-healthy");
    const Store& s = shop.store();
    CHECK(compute_answer_key(s, s.start, shop.sc.answer_key).empty());
    std::set<std::string> names;
    for (const Metric& m : s.metrics) {
        if (m.integration == Integration::api)
            continue;
        CHECK(m.integration == Integration::woocommerce);
        CHECK(m.integration_json.find("\"key\":\"woocommerce\"") != std::string::npos);
        names.insert(m.name);
    }
    CHECK(names ==
          std::set<std::string>{"Placed Order", "Ordered Product", "Fulfilled Order", "Cancelled Order",
                                "Refunded Order", "Started Checkout"});
    for (const Order& o : s.orders)
        CHECK_FALSE(o.partially_fulfilled_at);
    // The Shopify API is not there; the WooCommerce one is.
    CHECK(shop.cli.Post("/admin/api/2026-10/graphql.json", "{}", "application/json")->status == 404);
    CHECK(shop.cli.Get("/wp-json/wc/v3/orders")->status == 200);
    auto index = shop.cli.Get("/wp-json/wc/v3");
    REQUIRE(index);
    CHECK(index->status == 200);
    CHECK(index->body.find("\"/wc/v3/orders\"") != std::string::npos);
    auto root = shop.cli.Get("/wp-json/");
    REQUIRE(root);
    CHECK(root->body.find("\"timezone_string\":\"Europe/London\"") != std::string::npos);
    CHECK(error_code(shop.cli.Get("/wp-json/wc/v3/products")) == "rest_no_route");
    CHECK(shop.cli.Get("/wp-json/wc/v3/products")->status == 404);
    auto status = shop.cli.Get("/wp-json/wc/v3/system_status");
    REQUIRE(status);
    CHECK(status->status == 200);
    CHECK(status->body.find("klaviyo/klaviyo.php") != std::string::npos);
    // The Klaviyo side names its integration: the metrics filter finds WooCommerce's.
    httplib::Client klaviyo("127.0.0.1", shop.port);
    klaviyo.set_default_headers(
        {{"Authorization", "Klaviyo-API-Key " + std::string(defaults::k_klaviyo_api_key)},
         {"revision", "2026-07-15"},
         {"accept", "application/vnd.api+json"}});
    auto metrics = klaviyo.Get("/api/metrics?filter=equals(integration.name,\"WooCommerce\")");
    REQUIRE(metrics);
    REQUIRE(metrics->status == 200);
    auto d = parse(metrics->body);
    CHECK(d["data"].Size() == 6);
    // /_sim/stats counts the store's platform as woocommerce.
    auto stats = shop.cli.Get("/_sim/stats");
    REQUIRE(stats);
    CHECK(stats->body.find("\"woocommerce\":{\"requests\":") != std::string::npos);
    CHECK(stats->body.find("\"shopify\"") == std::string::npos);
}

TEST_CASE("woocommerce: consumer key and secret, as WooCommerce refuses them", "[sim][woocommerce]")
{
    WooShop shop("woocommerce-healthy");
    httplib::Client anon("127.0.0.1", shop.port);
    auto none = anon.Get("/wp-json/wc/v3/orders");
    REQUIRE(none);
    CHECK(none->status == 401);
    CHECK(error_code(none) == "woocommerce_rest_cannot_view");
    CHECK(none->body.find("\"data\":{\"status\":401}") != std::string::npos);
    httplib::Client bad_key("127.0.0.1", shop.port);
    bad_key.set_basic_auth("ck_unknown", std::string(defaults::k_woocommerce_consumer_secret));
    auto r = bad_key.Get("/wp-json/wc/v3/orders");
    CHECK(r->status == 401);
    CHECK(error_code(r) == "woocommerce_rest_authentication_error");
    CHECK(r->body.find("Consumer key is invalid.") != std::string::npos);
    httplib::Client bad_secret("127.0.0.1", shop.port);
    bad_secret.set_basic_auth(std::string(defaults::k_woocommerce_consumer_key), "cs_wrong");
    r = bad_secret.Get("/wp-json/wc/v3/customers");
    CHECK(r->status == 401);
    CHECK(r->body.find("Consumer secret is invalid.") != std::string::npos);
    // A wrong key is refused before the parameters are looked at; no key at all, after.
    CHECK(bad_key.Get("/wp-json/wc/v3/orders?per_page=500")->status == 401);
    CHECK(anon.Get("/wp-json/wc/v3/orders?per_page=500")->status == 400);
    // The HTTPS alternative: the key and secret as query parameters.
    auto q =
        anon.Get("/wp-json/wc/v3/orders?consumer_key=" + std::string(defaults::k_woocommerce_consumer_key) +
                 "&consumer_secret=" + std::string(defaults::k_woocommerce_consumer_secret));
    CHECK(q->status == 200);
    CHECK(anon.Get("/wp-json/wc/v3/system_status")->status == 401);
    CHECK(anon.Get("/wp-json/wc/v3/reports/sales")->status == 401);
}

TEST_CASE("woocommerce: parameters are validated as WordPress validates them", "[sim][woocommerce][strict]")
{
    WooShop shop("woocommerce-healthy");
    auto bad = [&](const std::string& query, const std::string& param, const std::string& message) {
        INFO(query);
        auto r = shop.cli.Get("/wp-json/wc/v3/" + query);
        REQUIRE(r);
        CHECK(r->status == 400);
        auto d = parse(r->body);
        CHECK(std::string(d["code"].GetString()) == "rest_invalid_param");
        CHECK(d["data"]["status"].GetInt() == 400);
        REQUIRE(d["data"]["params"].HasMember(param.c_str()));
        CHECK(std::string(d["data"]["params"][param.c_str()].GetString()) == message);
        CHECK(d["data"]["details"][param.c_str()].HasMember("code"));
    };
    bad("orders?per_page=101", "per_page", "per_page must be between 1 (inclusive) and 100 (inclusive)");
    bad("orders?per_page=0", "per_page", "per_page must be between 1 (inclusive) and 100 (inclusive)");
    bad("orders?per_page=ten", "per_page", "per_page is not of type integer.");
    bad("orders?page=0", "page", "page must be greater than or equal to 1");
    bad("orders?order=up", "order", "order is not one of asc and desc.");
    bad("orders?orderby=total", "orderby",
        "orderby is not one of date, id, include, title, slug, and modified.");
    bad("orders?status=shipped", "status",
        "status[0] is not one of any, trash, pending, processing, on-hold, completed, cancelled, refunded, "
        "failed, "
        "and checkout-draft.");
    bad("orders?after=2026-11-01", "after", "Invalid date.");
    bad("orders?modified_after=yesterday", "modified_after", "Invalid date.");
    bad("orders?dates_are_gmt=yes", "dates_are_gmt", "dates_are_gmt is not of type boolean.");
    bad("orders?include=1,x", "include", "include[1] is not of type integer.");
    bad("customers?orderby=email", "orderby",
        "orderby is not one of id, include, name, and registered_date.");
    bad("customers?email=nobody", "email", "Invalid email address.");
    bad("customers?role=owner", "role",
        "role is not one of all, administrator, editor, author, contributor, subscriber, customer, and "
        "shop_manager.");
    bad("reports/sales?date_min=26-11-2026", "date_min", "The date you provided is invalid.");
    bad("reports/sales?period=day", "period", "period is not one of week, month, last_month, and year.");
    // Every invalid parameter is named at once.
    auto both = shop.cli.Get("/wp-json/wc/v3/orders?per_page=500&order=up");
    CHECK(std::string(parse(both->body)["message"].GetString()) == "Invalid parameter(s): per_page, order");
    // Parameters the endpoint does not declare are ignored; the documented forms are accepted.
    CHECK(shop.cli.Get("/wp-json/wc/v3/orders?utm_source=x&per_page=100&page=2")->status == 200);
    CHECK(shop.cli.Get("/wp-json/wc/v3/orders?after=2026-10-25T00:00:00&dates_are_gmt=true")->status == 200);
    CHECK(shop.cli.Get("/wp-json/wc/v3/orders?after=2026-10-25T00:00:00.000%2B01:00")->status == 200);
    CHECK(shop.cli.Get("/wp-json/wc/v3/orders?status=completed,refunded&status[]=cancelled")->status == 200);
}

TEST_CASE("woocommerce orders: every order once, paged by Link, in order, filtered by date",
          "[sim][woocommerce]")
{
    WooShop shop("woocommerce-healthy");
    const Store& s = shop.store();
    // All of them, ascending by id: the generated orders, WooCommerce id == number.
    Walked all = walk(shop, "/wp-json/wc/v3/orders?per_page=100&orderby=id&order=asc", "date_created_gmt");
    CHECK(all.total == s.orders.size());
    CHECK(all.ids.size() == s.orders.size());
    CHECK(all.pages == static_cast<int>((s.orders.size() + 99) / 100));
    CHECK(std::is_sorted(all.ids.begin(), all.ids.end()));
    CHECK(std::set<std::int64_t>(all.ids.begin(), all.ids.end()).size() == all.ids.size());
    CHECK(all.ids.front() == s.orders.front().number);

    // The window a checker asks for: created in [since, until) in GMT, newest first by default.
    const Time since = s.start - 24h, until = s.start - 1h;
    std::set<std::int64_t> expected;
    for (const Order& o : s.orders)
        if (o.created_at > since && o.created_at < until)
            expected.insert(o.number);
    REQUIRE(expected.size() > 150);
    const std::string q =
        "/wp-json/wc/v3/orders?per_page=37&dates_are_gmt=true&after=" + woocommerce::gmt_datetime(since) +
        "&before=" + woocommerce::gmt_datetime(until);
    Walked window = walk(shop, q, "date_created_gmt");
    CHECK(std::set<std::int64_t>(window.ids.begin(), window.ids.end()) == expected);
    CHECK(window.ids.size() == expected.size());
    CHECK(std::is_sorted(window.sort_values.rbegin(), window.sort_values.rend()));  // desc by date
    // The same window in site time (no offset, dates_are_gmt false) and with an explicit offset.
    Walked local = walk(shop,
                        "/wp-json/wc/v3/orders?per_page=100&after=" + woocommerce::site_datetime(s, since) +
                            "&before=" + woocommerce::site_datetime(s, until),
                        "date_created");
    CHECK(std::set<std::int64_t>(local.ids.begin(), local.ids.end()) == expected);
    Walked zoned = walk(shop,
                        "/wp-json/wc/v3/orders?per_page=100&after=" + woocommerce::gmt_datetime(since) +
                            "%2B00:00&before=" + woocommerce::gmt_datetime(until) + "Z",
                        "date_created");
    CHECK(zoned.ids.size() == expected.size());

    // Modified after a time (an incremental run), ascending by modification.
    std::size_t modified = 0;
    for (const Order& o : s.orders)
        modified += o.updated_at > s.start - 6h;
    Walked changed =
        walk(shop,
             "/wp-json/wc/v3/orders?per_page=50&orderby=modified&order=asc&dates_are_gmt=1&modified_after=" +
                 woocommerce::gmt_datetime(s.start - 6h),
             "date_modified_gmt");
    CHECK(changed.ids.size() == modified);
    CHECK(std::is_sorted(changed.sort_values.begin(), changed.sort_values.end()));

    // Past the last page: an empty list, the totals still there, a prev link and no next.
    auto past = shop.cli.Get("/wp-json/wc/v3/orders?per_page=100&page=9999");
    REQUIRE(past);
    CHECK(past->status == 200);
    CHECK(past->body == "[]");
    CHECK(past->get_header_value("X-WP-Total") == std::to_string(s.orders.size()));
    CHECK(past->get_header_value("Link").find("rel=\"prev\"") != std::string::npos);
    CHECK(next_link(past, shop.port).empty());

    // Statuses: the generated lifecycle as WooCommerce shows it.
    std::map<std::string, std::size_t> by_status;
    for (const Order& o : s.orders)
        ++by_status[std::string(woocommerce::status_name(woocommerce::order_status(o)))];
    for (const char* st : {"completed", "processing", "cancelled", "refunded", "failed", "on-hold"}) {
        INFO(st);
        CHECK((by_status[st] > 0 || std::string(st) == "on-hold"));  // on-hold: unpaid drafts, rare
        auto r = shop.cli.Get(std::string("/wp-json/wc/v3/orders?per_page=1&status=") + st);
        CHECK(r->get_header_value("X-WP-Total") == std::to_string(by_status[st]));
    }
}

TEST_CASE("woocommerce orders: the records a checker compares", "[sim][woocommerce]")
{
    WooShop shop("woocommerce-healthy");
    const Store& s = shop.store();
    // A fully refunded order that was shipped first: status refunded, completed date kept,
    // its refund the whole total; a guest order has customer 0 and no email.
    const Order* refunded = nullptr;
    const Order* guest = nullptr;
    for (const Order& o : s.orders) {
        if (!refunded && woocommerce::order_status(o) == woocommerce::Status::refunded && o.fulfilled_at)
            refunded = &o;
        if (!guest && !o.test && woocommerce::customer_id(s, o) == 0)
            guest = &o;
    }
    REQUIRE(refunded != nullptr);
    auto r = shop.cli.Get("/wp-json/wc/v3/orders/" + std::to_string(refunded->number));
    REQUIRE(r);
    REQUIRE(r->status == 200);
    auto d = parse(r->body);
    CHECK(d["id"].GetInt64() == refunded->number);
    CHECK(std::string(d["number"].GetString()) == std::to_string(refunded->number));
    CHECK(std::string(d["status"].GetString()) == "refunded");
    CHECK(std::string(d["total"].GetString()) == money_string(refunded->total));
    CHECK(std::string(d["date_completed_gmt"].GetString()) ==
          woocommerce::gmt_datetime(*refunded->fulfilled_at));
    CHECK(std::string(d["date_modified_gmt"].GetString()) ==
          woocommerce::gmt_datetime(*refunded->refunded_at));
    CHECK(std::string(d["refunds"][0]["total"].GetString()) == "-" + money_string(refunded->total));
    CHECK(std::string(d["billing"]["email"].GetString()) == s.customer_of(*refunded)->email);
    CHECK(d["customer_id"].GetInt64() == woocommerce::customer_id(s, *refunded));
    Money lines = 0;
    std::uint32_t units = 0;
    for (const auto& li : d["line_items"].GetArray()) {
        lines += static_cast<Money>(std::llround(std::stod(li["total"].GetString()) * 100));
        units += li["quantity"].GetUint();
    }
    CHECK(lines + refunded->shipping == refunded->total);
    CHECK(units == refunded->quantity);
    if (guest != nullptr) {
        auto g = parse(shop.cli.Get("/wp-json/wc/v3/orders/" + std::to_string(guest->number))->body);
        CHECK(g["customer_id"].GetInt64() == 0);
        CHECK(std::string(g["billing"]["email"].GetString()).empty());
    }
    CHECK(error_code(shop.cli.Get("/wp-json/wc/v3/orders/42")) == "woocommerce_rest_shop_order_invalid_id");
}

TEST_CASE("woocommerce customers: accounts only, paged, by email", "[sim][woocommerce]")
{
    WooShop shop("woocommerce-healthy");
    const Store& s = shop.store();
    std::set<std::int64_t> accounts;
    for (const Customer& c : s.customers)
        if (c.has_email())
            accounts.insert(c.id);
    Walked all = walk(shop, "/wp-json/wc/v3/customers?per_page=100&orderby=id", "date_modified_gmt");
    CHECK(all.total == accounts.size());
    CHECK(std::set<std::int64_t>(all.ids.begin(), all.ids.end()) == accounts);
    CHECK(std::is_sorted(all.ids.begin(), all.ids.end()));
    // The default order is by name: still every account once.
    Walked by_name = walk(shop, "/wp-json/wc/v3/customers?per_page=100", "email");
    CHECK(std::set<std::int64_t>(by_name.ids.begin(), by_name.ids.end()) == accounts);
    CHECK(by_name.ids.size() == accounts.size());
    const Customer& one = s.customers[s.find_customer(*accounts.begin())];
    auto r = shop.cli.Get("/wp-json/wc/v3/customers?email=" +
                          httplib::detail::encode_query_param(normalise_email(one.email)));
    auto d = parse(r->body);
    std::set<std::int64_t> found;
    for (const auto& c : d.GetArray())
        found.insert(c["id"].GetInt64());
    CHECK(found.count(one.id) == 1);
    CHECK(shop.cli.Get("/wp-json/wc/v3/customers?role=administrator")->body == "[]");
    auto single = shop.cli.Get("/wp-json/wc/v3/customers/" + std::to_string(one.id));
    REQUIRE(single);
    CHECK(single->status == 200);
    CHECK(parse(single->body)["id"].GetInt64() == one.id);
    CHECK(error_code(shop.cli.Get("/wp-json/wc/v3/customers/12")) == "woocommerce_rest_invalid_id");
}

TEST_CASE("woocommerce reports/sales: orders per store-local day", "[sim][woocommerce]")
{
    WooShop shop("woocommerce-healthy");
    const Store& s = shop.store();
    // Independently of the report: counted statuses by local creation date.
    std::map<std::string, std::uint64_t> expected;
    for (const Order& o : s.orders) {
        const auto st = woocommerce::order_status(o);
        if (st == woocommerce::Status::completed || st == woocommerce::Status::processing ||
            st == woocommerce::Status::on_hold || st == woocommerce::Status::refunded)
            ++expected[local_date(s.shop.timezone, o.created_at)];
    }
    // 2026-10-25 has 25 hours in London: its orders all count on that one day.
    auto r = shop.cli.Get("/wp-json/wc/v3/reports/sales?date_min=2026-10-20&date_max=2026-10-25");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    auto d = parse(r->body);
    REQUIRE(d.IsArray());
    const auto& report = d[0];
    CHECK(std::string(report["totals_grouped_by"].GetString()) == "day");
    std::uint64_t sum = 0;
    CHECK(report["totals"].MemberCount() == 6);
    for (const char* day :
         {"2026-10-20", "2026-10-21", "2026-10-22", "2026-10-23", "2026-10-24", "2026-10-25"}) {
        INFO(day);
        CHECK(report["totals"][day]["orders"].GetUint64() == expected[day]);
        sum += expected[day];
    }
    CHECK(report["total_orders"].GetUint64() == sum);
    // Over four months the totals are by month; the default period is the last seven days.
    auto months =
        parse(shop.cli.Get("/wp-json/wc/v3/reports/sales?date_min=2026-05-01&date_max=2026-10-26")->body);
    CHECK(std::string(months[0]["totals_grouped_by"].GetString()) == "month");
    CHECK(months[0]["totals"].HasMember("2026-10"));
    auto week = parse(shop.cli.Get("/wp-json/wc/v3/reports/sales")->body);
    CHECK(week[0]["totals"].MemberCount() == 7);
    CHECK(week[0]["totals"].HasMember("2026-10-26"));
}

TEST_CASE("woocommerce: faults through the shared machinery", "[sim][woocommerce]")
{
    WooShop shop("woocommerce-healthy");
    auto add = [&](const std::string& spec) {
        auto r = shop.cli.Post("/_sim/faults", spec, "application/json");
        REQUIRE(r);
        REQUIRE(r->status == 200);
    };
    add(R"({"platform":"woocommerce","kind":"rate_limit","retry_after_seconds":7,"count":1})");
    auto r = shop.cli.Get("/wp-json/wc/v3/orders");
    CHECK(r->status == 429);
    CHECK(r->get_header_value("Retry-After") == "7");
    CHECK(shop.cli.Get("/wp-json/wc/v3/orders")->status == 200);
    add(R"({"platform":"woocommerce","kind":"outage","from":"-1m","until":"+1h"})");
    CHECK(shop.cli.Get("/wp-json/wc/v3/customers")->status == 503);
    shop.cli.Post("/_sim/clock", R"({"advance_seconds": 3601})", "application/json");
    CHECK(shop.cli.Get("/wp-json/wc/v3/customers")->status == 200);
    add(R"({"platform":"woocommerce","kind":"short_page","endpoint":"/orders","count":1})");
    auto shortp = shop.cli.Get("/wp-json/wc/v3/orders?per_page=20");
    CHECK(parse(shortp->body).Size() == 19);
    CHECK_FALSE(next_link(shortp, shop.port).empty());
    // Klaviyo's faults stay Klaviyo's.
    add(R"({"platform":"klaviyo","kind":"http_status","status":500})");
    CHECK(shop.cli.Get("/wp-json/wc/v3/orders")->status == 200);
    auto stats = parse(shop.cli.Get("/_sim/stats")->body);
    CHECK(stats["woocommerce"]["throttled"].GetUint64() == 1);
    CHECK(stats["woocommerce"]["faults"].GetUint64() == 3);
}

TEST_CASE("woocommerce-silent-gaps: the key lists exactly the injected defects, by order number",
          "[sim][woocommerce]")
{
    WooShop shop("woocommerce-silent-gaps");
    const Store& s = shop.store();
    const auto key = compute_answer_key(s, s.start, shop.sc.answer_key);
    auto t = tally(key);
    CHECK(t["order_missing_event"] == 5);
    CHECK(t["order_event_duplicate"] == 2);
    CHECK(t["order_value_mismatch"] == 2);
    CHECK(t["order_items_missing"] == 3);
    CHECK(t["customer_missing_profile"] == 2);
    CHECK(t["fulfillment_missing_event"] == 3);
    CHECK(t["cancellation_missing_event"] == 1);
    CHECK(t["refund_missing_event"] == 1);
    CHECK(t["volume_gap"] == 1);
    CHECK(t.size() == 9);
    std::set<std::pair<std::string, std::string>> injected, found;
    for (const auto& d : s.injected)
        injected.insert({d.kind, d.key});
    for (const auto& d : key)
        found.insert({d.kind, d.key});
    CHECK(found == injected);
    // The keys are what the WooCommerce API shows: "#" + number, and customer ids.
    for (const Defect& d : key) {
        INFO(d.kind << " " << d.key);
        if (d.kind == "customer_missing_profile") {
            auto r = shop.cli.Get("/wp-json/wc/v3/customers?include=" + d.key);
            CHECK(parse(r->body).Size() == 1);
        } else if (d.key.starts_with("#")) {
            auto r = shop.cli.Get("/wp-json/wc/v3/orders/" + d.key.substr(1));
            REQUIRE(r);
            CHECK(r->status == 200);
            auto o = parse(r->body);
            if (d.kind == "fulfillment_missing_event")
                CHECK(o["date_completed_gmt"].IsString());
            if (d.kind == "cancellation_missing_event")
                CHECK(std::string(o["status"].GetString()) == "cancelled");
            if (d.kind == "refund_missing_event")
                CHECK(std::string(o["status"].GetString()) == "refunded");
        }
    }
    // The answer key over HTTP says the same.
    auto http = shop.cli.Get("/_sim/answer-key");
    CHECK(http->body.find("\"scenario\":\"woocommerce-silent-gaps\"") != std::string::npos);
    CHECK(http->body.find("\"kind\":\"refund_missing_event\"") != std::string::npos);
}

TEST_CASE("woocommerce: Klaviyo's events copy the orders as its WooCommerce integration does",
          "[sim][woocommerce]")
{
    WooShop shop("woocommerce-silent-gaps");
    const Store& s = shop.store();
    const Index placed = s.store_metric(EventKind::placed_order);
    const Index ordered = s.store_metric(EventKind::ordered_product);
    const Index fulfilled = s.store_metric(EventKind::fulfilled_order);
    REQUIRE(placed != k_none);
    REQUIRE(ordered != k_none);
    REQUIRE(s.store_metric(EventKind::fulfilled_partial_order) == k_none);
    const Event& e = s.events[placed].back();
    const Order& o = s.orders[e.order];
    auto props = parse(s.event_properties_json(placed, e));
    CHECK(std::string(props["$event_id"].GetString()).starts_with(std::to_string(o.number)));
    CHECK(props["$extra"]["id"].GetInt64() == o.number);
    CHECK(std::string(props["$extra"]["number"].GetString()) == std::to_string(o.number));
    CHECK(props["OrderId"].GetInt64() == o.number);
    std::uint32_t units = 0;
    for (const auto& li : props["$extra"]["line_items"].GetArray())
        units += li["quantity"].GetUint();
    CHECK(units == o.original_quantity());
    auto item = parse(s.event_properties_json(ordered, s.events[ordered].front()));
    CHECK(item["$extra"]["order_id"].GetInt64() == s.orders[s.events[ordered].front().order].number);
    // Fulfilled Order: the same $event_id as the Placed Order, status completed, at date_completed.
    const Event& f = s.events[fulfilled].front();
    auto fp = parse(s.event_properties_json(fulfilled, f));
    CHECK(std::string(fp["$event_id"].GetString()) == std::to_string(s.orders[f.order].number));
    CHECK(std::string(fp["$extra"]["status"].GetString()) == "completed");
    CHECK(f.datetime == *s.orders[f.order].fulfilled_at);
}

TEST_CASE("woocommerce: stalls, late events, audience drops and flows keep their keys", "[sim][woocommerce]")
{
    const std::string base = "source: woocommerce\nseed: 5\nnow: 2026-11-27T15:00:00Z\n"
                             "store: {history_days: 20, orders_per_day: 200, customers: 2000}\n";
    {
        Scenario sc = parse_scenario(base + "defects:\n  stall_from: -6h\n", "stall.yaml");
        Store s = generate_store(sc, *sc.now);
        auto t = tally(compute_answer_key(s, s.start, sc.answer_key));
        CHECK(t["sync_stalled"] == 1);
        CHECK(t["order_missing_event"] > 3);
        CHECK(t.count("checkout_missing_event") == 0);
    }
    {
        Scenario sc =
            parse_scenario(base + "defects:\n  scope: 12h\n  late_events: {count: 4}\n", "late.yaml");
        Store s = generate_store(sc, *sc.now);
        CHECK(tally(compute_answer_key(s, s.start, sc.answer_key))["order_missing_event"] == 4);
        CHECK(tally(compute_answer_key(s, s.start + 2h + 1s, sc.answer_key))["order_event_late"] == 4);
    }
    {
        Scenario sc = parse_scenario(
            base +
                "defects:\n  audience_drops:\n    - {group: newsletter, at: +30m, keep: 0.1}\n"
                "  flow_switched_off:\n    - {flow: Abandoned Checkout, at: +30m, to: draft}\n",
            "audience.yaml");
        Store s = generate_store(sc, *sc.now);
        CHECK(compute_answer_key(s, s.start, sc.answer_key).empty());
        auto t = tally(compute_answer_key(s, s.start + 1h, sc.answer_key));
        CHECK(t["audience_drop"] == 1);
        CHECK(t["flow_not_live"] == 1);
        CHECK(t.count("subscriber_missing_from_list") == 0);  // no consent in WooCommerce's API
        CHECK(t.size() == 2);
    }
}
