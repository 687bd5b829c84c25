// Paging and filters through the real GraphQL handler: every record exactly
// once, in sort order, for each sort key, direction and filter.
#include <catch2/catch.hpp>

#include <set>

#include "shopify_fixture.hpp"

using namespace frr::sim;
using namespace frr::sim::shopify;
using namespace frr::sim::shopify::testing;

namespace {

struct Walk {
    std::vector<std::string> ids;
    std::vector<std::string> sort_values;
    int pages = 0;
};

// Pages with `first`/`after` until hasNextPage is false.
Walk walk(World& world, const std::string& root, const std::string& args, const std::string& sort_field,
          const std::string& token = k_token, int first = 37)
{
    Walk out;
    std::string after = "null";
    while (true) {
        std::string query = "query P($first: Int!, $after: String) { " + root +
            "(first: $first, after: $after" + args +
            ") { pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id " + sort_field +
            " } } } }";
        world.clock.advance(std::chrono::seconds(1));  // the bucket restores 100 points per second
        auto doc =
            world.gql(query, "{\"first\":" + std::to_string(first) + ",\"after\":" + after + "}", token);
        REQUIRE(doc.HasMember("data"));
        const auto& connection = doc["data"][root.c_str()];
        for (const auto& edge : connection["edges"].GetArray()) {
            out.ids.push_back(edge["node"]["id"].GetString());
            out.sort_values.push_back(edge["node"][sort_field.c_str()].GetString());
        }
        CHECK(connection["pageInfo"]["hasPreviousPage"].GetBool() == (out.pages > 0));
        ++out.pages;
        REQUIRE(out.pages < 1000);
        if (!connection["pageInfo"]["hasNextPage"].GetBool())
            break;
        after = std::string("\"") + connection["pageInfo"]["endCursor"].GetString() + "\"";
    }
    return out;
}

bool non_decreasing(const std::vector<std::string>& v)
{
    return std::is_sorted(v.begin(), v.end());
}

}  // namespace

TEST_CASE("shopify orders paging returns every order exactly once for each sort key", "[shopify]")
{
    World world;
    const std::size_t total = world.store.orders.size();
    for (auto [key, field] :
         {std::pair{"UPDATED_AT", "updatedAt"}, std::pair{"CREATED_AT", "createdAt"},
          std::pair{"PROCESSED_AT", "processedAt"}, std::pair{"ID", "legacyResourceId"}}) {
        for (bool reverse : {false, true}) {
            INFO(key << " reverse=" << reverse);
            Walk w = walk(world, "orders",
                          std::string(", sortKey: ") + key + (reverse ? ", reverse: true" : ""), field);
            CHECK(w.ids.size() == total);
            CHECK(std::set<std::string>(w.ids.begin(), w.ids.end()).size() == total);
            if (std::string(key) != "ID") {
                auto values = w.sort_values;
                if (reverse)
                    std::reverse(values.begin(), values.end());
                CHECK(non_decreasing(values));
            }
        }
    }
}

TEST_CASE("shopify filtered paging returns exactly the matching orders", "[shopify]")
{
    World world;
    const std::string since = "2026-10-01T00:00:00Z";
    const Time since_t = *parse_iso(since);
    std::set<std::string> expected;
    for (const auto& o : world.store.orders) {
        if (o.updated_at >= since_t && !o.test)
            expected.insert(gid("Order", o.id));
    }
    REQUIRE(expected.size() > 50);
    for (const char* key : {"UPDATED_AT", "CREATED_AT", "ID"}) {
        INFO(key);
        Walk w = walk(world, "orders",
                      std::string(", sortKey: ") + key + ", query: \"updated_at:>='" + since +
                          "' AND test:false\"",
                      "updatedAt");
        CHECK(std::set<std::string>(w.ids.begin(), w.ids.end()) == expected);
        CHECK(w.ids.size() == expected.size());
    }
    // OR and created_at ranges with unquoted timestamps.
    const Time a = *parse_iso("2026-09-01T00:00:00Z");
    const Time b = *parse_iso("2026-09-15T00:00:00Z");
    std::set<std::string> either;
    for (const auto& o : world.store.orders) {
        if ((o.created_at >= a && o.created_at < b) || o.id == world.store.orders.back().id)
            either.insert(gid("Order", o.id));
    }
    Walk w = walk(world, "orders",
                  ", sortKey: CREATED_AT, query: \"(created_at:>=2026-09-01T00:00:00Z "
                  "created_at:<2026-09-15T00:00:00Z) OR id:>=" +
                      std::to_string(world.store.orders.back().id) + "\"",
                  "createdAt");
    CHECK(std::set<std::string>(w.ids.begin(), w.ids.end()) == either);
}

TEST_CASE("shopify customers and abandoned checkouts page completely", "[shopify]")
{
    World world;
    for (auto [key, field] : {std::pair{"UPDATED_AT", "updatedAt"}, std::pair{"CREATED_AT", "createdAt"},
                              std::pair{"ID", "createdAt"}}) {
        Walk w = walk(world, "customers", std::string(", sortKey: ") + key, field, k_token, 50);
        CHECK(w.ids.size() == world.store.customers.size());
        CHECK(std::set<std::string>(w.ids.begin(), w.ids.end()).size() == world.store.customers.size());
    }
    Walk checkouts = walk(world, "abandonedCheckouts", ", sortKey: CREATED_AT", "createdAt", k_token, 9);
    CHECK(checkouts.ids.size() == world.store.checkouts.size());
    CHECK(non_decreasing(checkouts.sort_values));
    // Checkouts have no UPDATED_AT sort key.
    auto doc = world.gql("{ abandonedCheckouts(first: 5, sortKey: UPDATED_AT) { nodes { id } } }");
    CHECK(doc.HasMember("errors"));
}

TEST_CASE("shopify hides orders older than 60 days without read_all_orders", "[shopify]")
{
    World world;
    Walk w = walk(world, "orders", ", sortKey: UPDATED_AT", "createdAt", k_token_recent, 100);
    const Time oldest = world.clock.now() - std::chrono::days(60);  // the walk moved the clock
    std::size_t recent = 0;
    for (const auto& o : world.store.orders)
        recent += o.created_at >= oldest ? 1 : 0;
    REQUIRE(recent < world.store.orders.size());
    CHECK(w.ids.size() == recent);
    for (const auto& created : w.sort_values)
        CHECK(*parse_iso(created) >= oldest);
    auto counts = world.gql("{ a: ordersCount(limit: null) { count precision } }", "{}", k_token_recent);
    CHECK(counts["data"]["a"]["count"].GetInt() == static_cast<int>(recent));
    auto all = world.gql(
        "{ a: ordersCount(limit: 100) { count precision } b: ordersCount(limit: null) { count precision } }");
    CHECK(all["data"]["a"]["count"].GetInt() == 100);
    CHECK(std::string(all["data"]["a"]["precision"].GetString()) == "AT_LEAST");
    CHECK(all["data"]["b"]["count"].GetInt() == static_cast<int>(world.store.orders.size()));
    CHECK(std::string(all["data"]["b"]["precision"].GetString()) == "EXACT");
}

TEST_CASE("shopify order fields use the schema's names and scalar encodings", "[shopify]")
{
    World world;
    auto doc = world.gql(R"({ orders(first: 1, sortKey: ID) { nodes {
        id legacyResourceId name createdAt test email sourceName displayFinancialStatus
        totalPriceSet { shopMoney { amount currencyCode } } subtotalPriceSet { shopMoney { amount } }
        totalShippingPriceSet { shopMoney { amount } } subtotalLineItemsQuantity currencyCode presentmentCurrencyCode
        customer { id legacyResourceId email defaultEmailAddress { emailAddress marketingState } phone }
        lineItems(first: 5) { nodes { id quantity title sku } } } } })");
    const auto& node = doc["data"]["orders"]["nodes"][0];
    const Order& o = world.store.orders.front();
    CHECK(std::string(node["id"].GetString()) == gid("Order", o.id));
    CHECK(node["legacyResourceId"].IsString());
    CHECK(std::string(node["name"].GetString()) == "#1001");
    CHECK(std::string(node["totalPriceSet"]["shopMoney"]["amount"].GetString()) == money_string(o.total));
    CHECK(node["subtotalLineItemsQuantity"].GetInt() == static_cast<int>(o.quantity));
    CHECK(node["lineItems"]["nodes"].Size() == o.line_item_count);
    CHECK(std::string(node["customer"]["defaultEmailAddress"]["emailAddress"].GetString()) ==
          world.store.customers[0].email);
    const auto& cost = doc["extensions"]["cost"];
    CHECK(cost["requestedQueryCost"].GetInt() == 2 + 1 * (1 + 4 + 1 + 1 + 2 + (2 + 5)));
    CHECK(cost["actualQueryCost"].GetInt() <= cost["requestedQueryCost"].GetInt());
    CHECK(cost["throttleStatus"]["maximumAvailable"].IsDouble());
    CHECK(cost["throttleStatus"]["currentlyAvailable"].IsInt());
    CHECK(cost["throttleStatus"]["restoreRate"].IsDouble());
}
