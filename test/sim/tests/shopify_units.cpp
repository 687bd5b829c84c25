// Unit tests of the Shopify simulator's building blocks: GraphQL parsing,
// search syntax, cursors, cost and the leaky bucket.
#include <catch2/catch.hpp>

#include "shopify/cost.hpp"
#include "shopify/cursor.hpp"
#include "shopify/graphql_parser.hpp"
#include "shopify/leaky_bucket.hpp"
#include "shopify/search_query.hpp"

using namespace frr::sim::shopify;

TEST_CASE("shopify graphql parser resolves variables, fragments and aliases", "[shopify]")
{
    auto doc = parse_document(R"(
        query OrdersPage($first: Int!, $after: String, $q: String = "test:false") {
          o: orders(first: $first, after: $after, query: $q, sortKey: UPDATED_AT) {
            pageInfo { hasNextPage endCursor }
            nodes { ...F ... on Order { name } }
          }
        }
        fragment F on Order { id legacyResourceId })");
    rapidjson::Document vars;
    vars.Parse(R"({"first": 50})");
    auto op = resolve_operation(doc, "OrdersPage", &vars);
    REQUIRE(op.fields.size() == 1);
    const Field& orders = op.fields[0];
    CHECK(orders.response_key == "o");
    CHECK(orders.name == "orders");
    CHECK(orders.argument("first")->int_value == 50);
    CHECK(orders.argument("after")->is_null());
    CHECK(orders.argument("query")->text == "test:false");
    CHECK(orders.argument("sortKey")->text == "UPDATED_AT");
    const Field& nodes = orders.children[1];
    REQUIRE(nodes.children.size() == 3);
    CHECK(nodes.children[0].name == "id");
    CHECK(nodes.children[0].on_type == "Order");
    CHECK(nodes.children[2].name == "name");
}

TEST_CASE("shopify graphql parser reports graphql-ruby style errors", "[shopify]")
{
    try {
        parse_document("{ orders(first: 1) { nodes { id } }");
        FAIL("no error");
    } catch (const GraphqlError& e) {
        CHECK(std::string(e.what()) == "Parse error on end of file at [1, 36]");
    }
    rapidjson::Document none;
    CHECK_THROWS_AS(resolve_operation(parse_document("query Q($first: Int!) { shop { name } }"), "", &none),
                    GraphqlError);
    // Block strings (bulk queries) keep their content.
    auto doc = parse_document("mutation { bulkOperationRunQuery(query: \"\"\"{ orders { edges { node { id } "
                              "} } }\"\"\") { userErrors { message } } }");
    auto op = resolve_operation(doc, "", nullptr);
    CHECK(op.type == OperationType::Mutation);
    CHECK(op.fields[0].argument("query")->text == "{ orders { edges { node { id } } } }");
}

TEST_CASE("shopify search syntax: comparators, quoting, AND/OR, bounds", "[shopify]")
{
    std::vector<SearchField> fields = {{"updated_at", 0, SearchValueType::Time},
                                       {"id", 1, SearchValueType::Integer},
                                       {"test", 2, SearchValueType::Boolean},
                                       {"status", 3, SearchValueType::Text}};
    auto t = [](const char* iso) { return *parse_search_time(iso); };
    struct Rec {
        std::int64_t updated, id;
        bool test;
        const char* status;
    };
    auto match = [&](const CompiledSearch& q, Rec r) {
        return search_matches(q.root, [&](int f) {
            switch (f) {
            case 0: return FieldValue{true, r.updated, {}};
            case 1: return FieldValue{true, r.id, {}};
            case 2: return FieldValue{true, r.test ? 1 : 0, {}};
            default: return FieldValue{true, 0, r.status};
            }
        });
    };
    auto q = compile_search(
        "updated_at:>='2026-11-20T00:00:00Z' AND updated_at:<2026-11-21T00:00:00Z test:false", fields);
    CHECK(q.warnings.empty());
    CHECK(match(q, {t("2026-11-20T00:00:00Z"), 1, false, "open"}));
    CHECK_FALSE(match(q, {t("2026-11-21T00:00:00Z"), 1, false, "open"}));
    CHECK_FALSE(match(q, {t("2026-11-20T10:00:00Z"), 1, true, "open"}));
    auto bounds = time_bounds(q.root, 0);
    CHECK(*bounds.lower == t("2026-11-20T00:00:00Z"));
    CHECK(*bounds.upper == t("2026-11-21T00:00:00Z"));
    auto either = compile_search("id:>=5 OR status:closed", fields);
    CHECK(match(either, {0, 5, false, "open"}));
    CHECK(match(either, {0, 1, false, "CLOSED"}));
    CHECK_FALSE(match(either, {0, 4, false, "open"}));
    CHECK_FALSE(time_bounds(either.root, 0).lower.has_value());
    auto unknown = compile_search("tag:vip updated_at:>2026-11-20", fields);
    REQUIRE(unknown.warnings.size() == 1);
    CHECK(unknown.warnings[0].field == "tag");
    CHECK_FALSE(
        match(unknown, {t("2026-11-20T23:59:59Z"), 1, false, "open"}));  // date-only `>` excludes the day
    CHECK(match(unknown, {t("2026-11-21T00:00:00Z"), 1, false, "open"}));
    CHECK(match(compile_search("-test:true", fields), {0, 1, false, "open"}));
}

TEST_CASE("shopify cursors are base64 JSON with last_id and last_value", "[shopify]")
{
    std::string cursor = encode_cursor({488033419649, 488033419649});
    CHECK(cursor == "eyJsYXN0X2lkIjo0ODgwMzM0MTk2NDksImxhc3RfdmFsdWUiOiI0ODgwMzM0MTk2NDkifQ==");
    auto back = decode_cursor(cursor);
    REQUIRE(back);
    CHECK(back->id == 488033419649);
    CHECK_FALSE(decode_cursor("not a cursor").has_value());
}

TEST_CASE("shopify requested cost follows the documented rules", "[shopify]")
{
    auto cost = [](const char* query) {
        auto op = resolve_operation(parse_document(query), "", nullptr);
        return requested_cost(op.fields, op.type, ApiVersion::parse("2025-01"));
    };
    CHECK(cost("{ products(first: 10) { edges { node { id title } } } }") == 12);
    CHECK(cost("{ orders(first: 50) { nodes { id customer { id } totalPriceSet { shopMoney { amount } } } } "
               "}") == 2 + 50 * 4);
    CHECK(cost("{ orders(first: 250) { nodes { id lineItems(first: 5) { nodes { id } } } } }") ==
          2 + 250 * 8);
    CHECK(cost("{ shop { name plan { displayName } } }") == 2);
    CHECK(cost("mutation { bulkOperationRunQuery(query: \"x\") { userErrors { message } } }") == 10);
}

TEST_CASE("shopify leaky bucket refills continuously and caps at its size", "[shopify]")
{
    BucketClock t0{};
    LeakyBucket bucket(2000, 100, t0);
    for (int i = 0; i < 7; ++i)
        CHECK(bucket.try_take(252, t0).allowed);
    auto refused = bucket.try_take(252, t0);
    CHECK_FALSE(refused.allowed);
    CHECK(refused.currently_available == 236);
    CHECK(refused.retry_after == std::chrono::milliseconds(160));
    CHECK(bucket.try_take(252, t0 + std::chrono::milliseconds(160)).allowed);
    bucket.refund(5000, t0 + std::chrono::seconds(1));
    CHECK(bucket.level(t0 + std::chrono::seconds(100)) == Approx(2000));
}
