// Klaviyo filter grammar and allow-lists (api/klaviyo.md §2, OpenAPI x-klaviyo-filters).
#include <catch2/catch.hpp>

#include "../klaviyo/api_error.hpp"
#include "../klaviyo/endpoints.hpp"
#include "../klaviyo/filter.hpp"

using namespace frr::sim::klaviyo;

namespace {

int status_of(const std::string& text, Endpoint endpoint)
{
    try {
        parse_filter(text, endpoint_spec(endpoint).filters);
        return 200;
    } catch (const ApiError& e) {
        CHECK(e.detail().rfind("Invalid filter provided", 0) == 0);
        return e.status();
    }
}

}  // namespace

TEST_CASE("klaviyo filter: comma-separated conditions are an AND of typed literals")
{
    const Filter f =
        parse_filter(R"(equals(metric_id,"Y6Hmxn"),greater-or-equal(datetime,2026-11-01T00:00:00Z),)"
                     R"(less-than(datetime,2026-11-02T00:00:00+01:00))");
    REQUIRE(f.size() == 3);
    CHECK(f[0].op == FilterOp::equals);
    CHECK(f[0].field == "metric_id");
    CHECK(f[0].value.kind == LiteralKind::string);
    CHECK(f[0].value.text == "Y6Hmxn");
    CHECK(f[1].op == FilterOp::greater_or_equal);
    CHECK(f[1].value.kind == LiteralKind::datetime);
    CHECK(format_iso8601(f[1].value.time) == "2026-11-01T00:00:00+00:00");
    CHECK(format_iso8601(f[2].value.time) == "2026-11-01T23:00:00+00:00");
}

TEST_CASE("klaviyo filter: and(), arrays, single quotes, escapes, has, numbers, booleans")
{
    const Filter f =
        parse_filter(R"(and(any(email,["a@x.com",'b@y.com']),equals(name,"say \"hi\"")),has(profile),)"
                     R"(greater-than(timestamp,1700000000),equals(is_active,true))");
    REQUIRE(f.size() == 5);
    CHECK(f[0].op == FilterOp::any);
    REQUIRE(f[0].value.items.size() == 2);
    CHECK(f[0].value.items[1].text == "b@y.com");
    CHECK(f[1].value.text == "say \"hi\"");
    CHECK(f[2].op == FilterOp::has);
    CHECK(f[2].value.kind == LiteralKind::none);
    CHECK(f[3].value.kind == LiteralKind::number);
    CHECK(f[3].value.number == 1700000000.0);
    CHECK(f[4].value.kind == LiteralKind::boolean);
    CHECK(f[4].value.flag);
}

TEST_CASE("klaviyo filter: malformed text is 400 Invalid filter provided")
{
    for (const char* bad :
         {"equals(email,jane@example.com)", "equals(email,\"x\"", "equals(email)",
          "contains-nothing(email,\"x\")", "or(equals(id,\"a\"),equals(id,\"b\"))", "equals(email,\"x\"))",
          "any(email,[])", "any(email,[[\"a\"]])", "equals(email,\"x\") junk", "equals(,\"x\")"}) {
        INFO(bad);
        CHECK_THROWS_AS(parse_filter(bad), ApiError);
    }
    CHECK(parse_filter("").empty());
}

TEST_CASE("klaviyo filter: per-endpoint allow-lists from x-klaviyo-filters")
{
    // GET /api/profiles
    CHECK(status_of(R"(any(email,["a@x.com","b@x.com"]))", Endpoint::get_profiles) == 200);
    CHECK(status_of(R"(equals(email,"a@x.com"))", Endpoint::get_profiles) == 200);
    CHECK(status_of("greater-than(updated,2026-01-01T00:00:00Z)", Endpoint::get_profiles) == 200);
    CHECK(status_of("greater-or-equal(updated,2026-01-01T00:00:00Z)", Endpoint::get_profiles) == 400);
    CHECK(status_of(R"(greater-than(updated,"2026-01-01T00:00:00Z"))", Endpoint::get_profiles) == 400);
    CHECK(status_of(R"(equals(first_name,"Jane"))", Endpoint::get_profiles) == 400);
    // GET /api/events
    CHECK(status_of(R"(equals(metric_id,"abc123"))", Endpoint::get_events) == 200);
    CHECK(status_of(R"(equals(metric_id,["a","b"]))", Endpoint::get_events) == 200);
    CHECK(status_of(R"(any(metric_id,["a","b"]))", Endpoint::get_events) == 400);
    CHECK(status_of("less-or-equal(datetime,2026-01-01T00:00:00Z)", Endpoint::get_events) == 200);
    CHECK(status_of("greater-than(timestamp,1700000000)", Endpoint::get_events) == 200);
    CHECK(status_of("has(profile)", Endpoint::get_events) == 200);
    CHECK(status_of("has(metric_id)", Endpoint::get_events) == 400);
    CHECK(status_of(R"(equals(profile_id,["a"]))", Endpoint::get_events) == 400);
    // GET /api/metrics
    CHECK(status_of(R"(equals(integration.name,"Shopify"))", Endpoint::get_metrics) == 200);
    CHECK(status_of(R"(equals(integration.category,"eCommerce"))", Endpoint::get_metrics) == 200);
    CHECK(status_of(R"(equals(name,"Placed Order"))", Endpoint::get_metrics) == 400);
    // list members
    CHECK(status_of("greater-or-equal(joined_group_at,2026-01-01T00:00:00Z)", Endpoint::get_list_profiles) ==
          200);
    CHECK(status_of(R"(equals(email,"a@x.com"))", Endpoint::get_list_profiles) == 400);
    CHECK(status_of(R"(equals(email,["a@x.com"]))", Endpoint::get_list_profiles) == 200);
}
