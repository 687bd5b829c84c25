// Generation: determinism, the mix of records, and the healthy sync model.
#include <catch2/catch.hpp>

#include <set>

#include "sim_helpers.hpp"

using namespace frr::sim;
using namespace frr::sim::test;
using namespace std::chrono_literals;

TEST_CASE("generation is deterministic for a seed and differs across seeds", "[sim][core]")
{
    Scenario sc = load_example("silent-gaps");
    Store a = generate_example(sc);
    Store b = generate_example(sc);
    REQUIRE(a.orders.size() == b.orders.size());
    for (std::size_t i = 0; i < a.orders.size(); ++i) {
        CHECK(a.orders[i].id == b.orders[i].id);
        CHECK(a.orders[i].created_at == b.orders[i].created_at);
        CHECK(a.orders[i].total == b.orders[i].total);
    }
    REQUIRE(a.profiles.size() == b.profiles.size());
    CHECK(a.profiles.front().id_view() == b.profiles.front().id_view());
    CHECK(answer_key_json(a, a.start, sc.answer_key) == answer_key_json(b, b.start, sc.answer_key));

    sc.seed += 1;
    Store c = generate_example(sc);
    bool differs = c.orders.size() != a.orders.size() || c.orders[10].created_at != a.orders[10].created_at;
    CHECK(differs);
}

TEST_CASE("the generated store has the documented mix of records", "[sim][core]")
{
    Scenario sc = load_example("healthy");
    Store s = generate_example(sc);
    std::set<MarketingState> states;
    int phone_only = 0, odd_email = 0;
    for (const Customer& c : s.customers) {
        states.insert(c.marketing_state);
        if (!c.has_email() && !c.phone.empty())
            ++phone_only;
        if (c.has_email() && normalise_email(c.email) != c.email)
            ++odd_email;
    }
    CHECK(states.size() == 6);
    CHECK(phone_only > 0);
    CHECK(odd_email > 0);
    std::set<SourceName> sources;
    int test = 0, cancelled = 0, refunded = 0, eur = 0, multi_unit = 0;
    for (const Order& o : s.orders) {
        sources.insert(o.source);
        test += o.test;
        cancelled += o.cancelled_at.has_value();
        refunded += o.financial_status == FinancialStatus::refunded;
        eur += o.presentment_currency == Currency::eur;
        multi_unit += o.quantity > o.line_item_count;
        CHECK(o.total == o.subtotal + o.shipping);
        CHECK(s.customers[o.customer].created_at <= o.created_at);
    }
    CHECK(sources.size() == 3);
    CHECK(test > 0);
    CHECK(cancelled > 0);
    CHECK(refunded > 0);
    CHECK(eur > 0);
    CHECK(multi_unit > 0);
    CHECK_FALSE(s.checkouts.empty());
    CHECK(std::is_sorted(s.orders.begin(), s.orders.end(),
                         [](const Order& a, const Order& b) { return a.id < b.id; }));
    // About 30 days of 240 orders a day, with a weekly pattern.
    CHECK(s.orders.size() > 6000);
    CHECK(s.orders.size() < 8500);
}

TEST_CASE("healthy: every eligible order has exactly one Placed Order and the key is empty", "[sim][core]")
{
    Scenario sc = load_example("healthy");
    Store s = generate_example(sc);
    Index placed = s.store_metric(EventKind::placed_order);
    REQUIRE(placed != k_none);
    std::vector<int> per_order(s.orders.size(), 0);
    for (const Event& e : s.events[placed])
        ++per_order[e.order];
    for (Index i = 0; i < s.orders.size(); ++i)
        CHECK(per_order[i] == (s.eligible(s.orders[i]) ? 1 : 0));
    Index ordered = s.store_metric(EventKind::ordered_product);
    std::size_t units = 0;
    for (const Order& o : s.orders)
        if (s.eligible(o))
            units += o.quantity;
    CHECK(s.events[ordered].size() == units);

    auto key = compute_answer_key(s, s.start, sc.answer_key);
    for (const Defect& d : key)
        UNSCOPED_INFO(d.kind << " " << d.key << " " << d.detail_json);
    CHECK(key.empty());
    // Still empty an hour later: the grace-period orders' events have all arrived.
    CHECK(compute_answer_key(s, s.start + 1h, sc.answer_key).empty());
}

TEST_CASE("healthy: orders sit on the window edges and in the repeated DST hour", "[sim][core]")
{
    Scenario sc = load_example("healthy");
    Store s = generate_example(sc);
    Window w = window_at(sc.answer_key, s.start);
    auto has_order_at = [&](Time t) {
        return std::any_of(s.orders.begin(), s.orders.end(),
                           [&](const Order& o) { return o.created_at == t; });
    };
    CHECK(has_order_at(w.since));
    CHECK(has_order_at(w.since - 1s));
    CHECK(has_order_at(w.judge_before));
    CHECK(has_order_at(w.judge_before - 1s));
    // 2026-10-25 01:30 local happens twice: 00:30Z (BST) and 01:30Z (GMT).
    CHECK(has_order_at(*parse_iso("2026-10-25T00:30:00Z")));
    CHECK(has_order_at(*parse_iso("2026-10-25T01:30:00Z")));
    CHECK(local_date("Europe/London", *parse_iso("2026-10-25T23:30:00Z")) == "2026-10-25");
    CHECK(local_date("Europe/London", *parse_iso("2026-10-24T23:30:00Z")) == "2026-10-25");
    CHECK(local_day_start("Europe/London", *parse_iso("2026-10-25T12:00:00Z")) ==
          *parse_iso("2026-10-24T23:00:00Z"));
}

TEST_CASE("event properties carry the documented Shopify keys", "[sim][core]")
{
    Scenario sc = load_example("healthy");
    Store s = generate_example(sc);
    Index placed = s.store_metric(EventKind::placed_order);
    const Event& e = s.events[placed].front();
    const Order& o = s.orders[e.order];
    std::string json = s.event_properties_json(placed, e);
    CHECK(json.find("\"$event_id\":\"" + std::to_string(o.id) + "\"") != std::string::npos);
    CHECK(json.find("\"name\":\"" + order_name(s.shop, o) + "\"") != std::string::npos);
    CHECK(json.find("\"$value\":" + money_string(o.subtotal + o.shipping)) != std::string::npos);
    CHECK(json.find("\"$currency_code\":\"GBP\"") != std::string::npos);
    auto id = s.event_id(placed, 0);
    CHECK(id.size() == 26);
    auto found = s.find_event(id);
    REQUIRE(found);
    CHECK(found->first == placed);
    CHECK(found->second == 0);
    Index decoy = 0;
    while (s.metrics[decoy].kind != EventKind::decoy_placed_order)
        ++decoy;
    CHECK(s.metrics[decoy].name == "Placed Order");
    CHECK(s.metrics[decoy].integration_json.find("\"key\":\"api\"") != std::string::npos);
    CHECK_FALSE(s.events[decoy].empty());
}
