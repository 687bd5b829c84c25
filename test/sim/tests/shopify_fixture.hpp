#pragma once
// A small hand-built store with known records for the Shopify route tests,
// and helpers to call the service and parse its JSON answers.
#include <algorithm>
#include <memory>
#include <numeric>
#include <string>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "shopify/exec_state.hpp"
#include "shopify/shopify_service.hpp"
#include "sim_context.hpp"

namespace frr::sim::shopify::testing {

inline const Time k_now = *parse_iso("2026-11-27T06:00:00Z");
inline constexpr const char* k_token = "shpat_test_all_orders";
inline constexpr const char* k_token_recent = "shpat_test_recent_orders";

inline Store make_store(std::size_t orders = 600)
{
    Store store;
    store.seed = 42;
    store.shop.id = 77;
    store.shop.name = "Test Shop";
    store.shop.domain = "test-shop.myshopify.com";
    store.shop.timezone = "Europe/London";
    store.shop.api_versions = {"2025-01", "2025-04", "2025-07", "2025-10", "2026-01", "unstable"};
    for (int p = 0; p < 5; ++p) {
        store.products.push_back({9000 + p, "Product " + std::to_string(p), "SKU-" + std::to_string(p),
                                  1000 + p * 250, k_now - std::chrono::days(200 - p),
                                  k_now - std::chrono::days(10 + (p * 7) % 5)});
    }
    for (std::size_t c = 0; c < 300; ++c) {
        Customer customer;
        customer.id = 5000 + static_cast<std::int64_t>(c);
        customer.created_at = k_now - std::chrono::hours(24 * 150) + std::chrono::hours(12 * c);
        customer.updated_at = customer.created_at + std::chrono::hours((c * 7919) % 900);
        if (c % 7 != 3)
            customer.email = "Customer" + std::to_string(c) + "@Example.com";
        else
            customer.phone = "+4477009000" + std::to_string(c);
        customer.marketing_state = static_cast<MarketingState>(c % 5);
        store.customers.push_back(customer);
    }
    for (std::size_t o = 0; o < orders; ++o) {
        Order order;
        order.id = 100000 + static_cast<std::int64_t>(o) * 3;
        order.number = 1001 + static_cast<std::uint32_t>(o);
        order.created_at = k_now - std::chrono::hours(24 * 120) +
            std::chrono::seconds(120LL * 86400 * static_cast<long long>(o) / static_cast<long long>(orders));
        order.updated_at = order.created_at + std::chrono::minutes((o * 104729) % 5000);
        order.processed_at = order.created_at - std::chrono::seconds((o * 31) % 120);
        order.test = o % 10 == 4;
        order.source = static_cast<SourceName>(o % 3);
        order.customer = static_cast<Index>(o % store.customers.size());
        order.first_line_item = static_cast<std::uint32_t>(store.line_items.size());
        order.line_item_count = 1 + o % 3;
        for (std::uint32_t l = 0; l < order.line_item_count; ++l) {
            LineItem item{static_cast<std::int64_t>(700000 + store.line_items.size()),
                          static_cast<Index>((o + l) % 5), 1 + l, 1000};
            order.quantity += item.quantity;
            order.subtotal += item.unit_price * item.quantity;
            store.line_items.push_back(item);
        }
        order.shipping = 495;
        order.total = order.subtotal + order.shipping;
        if (o % 25 == 0)
            order.cancelled_at = order.updated_at;
        store.orders.push_back(order);
    }
    for (std::size_t k = 0; k < 80; ++k) {
        AbandonedCheckout checkout;
        checkout.id = 300000 + static_cast<std::int64_t>(k);
        checkout.created_at = k_now - std::chrono::hours(24 * 30) + std::chrono::hours(((k * 37) % 80) * 9);
        checkout.updated_at = checkout.created_at + std::chrono::hours(1);
        checkout.customer = static_cast<Index>(k * 3 % store.customers.size());
        checkout.total = 2500;
        checkout.subtotal = 2500;
        store.checkouts.push_back(checkout);
    }
    auto by = [](auto& records, auto key) {
        std::vector<Index> out(records.size());
        std::iota(out.begin(), out.end(), Index{0});
        std::sort(out.begin(), out.end(), [&](Index a, Index b) {
            return key(records[a]) != key(records[b]) ? key(records[a]) < key(records[b])
                                                      : records[a].id < records[b].id;
        });
        return out;
    };
    store.orders_by_updated = by(store.orders, [](const Order& o) { return o.updated_at; });
    store.orders_by_processed = by(store.orders, [](const Order& o) { return o.processed_at; });
    store.customers_by_updated = by(store.customers, [](const Customer& c) { return c.updated_at; });
    return store;
}

// A store, a fixed clock, credentials and the service under test.
struct World {
    Store store;
    SimClock clock{k_now};
    SimContext ctx;
    ShopifyService service;

    explicit World(std::size_t orders = 600, double scale = 1.0)
        : store(make_store(orders)),
          ctx(store, clock, 42, scale),
          service((setup(), ctx))
    {
    }

    void setup()
    {
        ctx.set_base_url("http://127.0.0.1:1");
        ctx.credentials().add_static(Platform::shopify, k_token,
                                     {"read_orders", "read_all_orders", "read_customers", "read_products"},
                                     "app-all");
        ctx.credentials().add_static(Platform::shopify, k_token_recent, {"read_orders", "read_customers"},
                                     "app-recent");
        OAuthClient client;
        client.client_id = "client-1";
        client.client_secret = "secret-1";
        client.scopes = {"read_orders", "read_customers"};
        ctx.credentials().add_client(client);
        ctx.credentials().add_refresh_token(Platform::shopify, "client-1", "refresh-0",
                                            k_now + std::chrono::days(90));
    }

    // Runs a GraphQL request; `variables` is a JSON object text.
    rapidjson::Document gql(const std::string& query, const std::string& variables = "{}",
                            const std::string& token = k_token, const std::string& version = "2026-01",
                            HttpAnswer* raw = nullptr)
    {
        rapidjson::Document request(rapidjson::kObjectType);
        request.AddMember("query", rapidjson::Value(query.c_str(), request.GetAllocator()),
                          request.GetAllocator());
        rapidjson::Document vars;
        vars.Parse(variables.c_str());
        request.AddMember("variables", rapidjson::Value(vars, request.GetAllocator()),
                          request.GetAllocator());
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
        request.Accept(writer);
        HttpAnswer answer = service.graphql(version, token, buffer.GetString());
        if (raw != nullptr)
            *raw = answer;
        rapidjson::Document out;
        out.Parse(answer.body.c_str());
        return out;
    }
};

}  // namespace frr::sim::shopify::testing
