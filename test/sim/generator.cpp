// Orchestrates generation. The seeded steps run in order on the calling thread (one random
// stream each, so their draws never interleave); the lookup indices, pure functions of records
// that are already final, are sorted on helper threads meanwhile (store_indices.cpp).
#include "generator.hpp"

#include "flow_model.hpp"

#include <algorithm>
#include <future>

namespace frr::sim {

namespace {

void record_injected(Store& s, const DefectPlan& plan)
{
    const std::pair<std::uint8_t, const char*> order_kinds[] = {
        {k_order_missing, "order_missing_event"},
        {k_order_late, "order_event_late"},
        {k_order_duplicate, "order_event_duplicate"},
        {k_order_wrong_value, "order_value_mismatch"},
        {k_order_missing_item, "order_items_missing"},
        {k_order_no_fulfilled, "fulfillment_missing_event"},
        {k_order_no_cancelled, "cancellation_missing_event"},
        {k_order_no_refunded, "refund_missing_event"}};
    for (Index i = 0; i < s.orders.size(); ++i)
        for (const auto& [flag, kind] : order_kinds)
            if (plan.order_flags[i] & flag)
                s.injected.push_back({kind, order_name(s.shop, s.orders[i])});
    for (Index i = 0; i < s.customers.size(); ++i) {
        std::uint8_t f = plan.customer_flags[i];
        if (f & k_customer_missing_profile)
            s.injected.push_back({"customer_missing_profile", std::to_string(s.customers[i].id)});
        if (f & (k_customer_klaviyo_subscribed | k_customer_klaviyo_not_subscribed))
            s.injected.push_back({"consent_mismatch", std::to_string(s.customers[i].id)});
        if (f & k_customer_not_on_list)
            s.injected.push_back({"subscriber_missing_from_list", std::to_string(s.customers[i].id)});
    }
    for (Index i = 0; i < s.checkouts.size(); ++i)
        if (plan.checkout_missing[i])
            s.injected.push_back({"checkout_missing_event", std::to_string(s.checkouts[i].id)});
    for (const auto& day : plan.missing_days)
        s.injected.push_back({"volume_gap", local_date(s.shop.timezone, day.first)});
    if (plan.stall_from)
        s.injected.push_back({"sync_stalled", "Placed Order"});
}

// The generated orders as a WooCommerce store has them (docs/simulator.md "WooCommerce"): core
// WooCommerce ships an order whole (no partial fulfilments), and a fully refunded order is not
// completed afterwards. Uses no random numbers.
void adapt_for_woocommerce(Store& s)
{
    for (Order& o : s.orders) {
        o.partially_fulfilled_at.reset();
        if (o.financial_status == FinancialStatus::refunded && o.refunded_at && o.fulfilled_at &&
            *o.fulfilled_at > *o.refunded_at) {
            o.fulfilled_at.reset();
            o.fulfillment_status = FulfillmentStatus::unfulfilled;
        }
        Time updated = o.created_at;
        for (const auto& t : {o.cancelled_at, o.refunded_at, o.fulfilled_at})
            if (t && *t > updated)
                updated = *t;
        // An edit after placement (records.edited_orders) may be later still.
        o.updated_at = o.edited ? std::max(o.updated_at, updated) : updated;
    }
}

}  // namespace

Store generate_store(const Scenario& sc, Time now)
{
    Store s;
    s.scenario = sc.name;
    s.source = sc.source;
    s.seed = sc.seed;
    s.start = now;
    Rng rng(sc.seed);
    Rng shopify_rng = rng.fork(1);
    Rng defect_rng = rng.fork(2);
    Rng klaviyo_rng = rng.fork(3);
    Rng records_rng = rng.fork(4);
    generate_shopify(s, sc, now, shopify_rng);
    const RecordsPlan records = plan_records(s, sc, now, records_rng);
    Rng partial_rng = rng.fork(6);
    add_partial_fulfillments(s, sc, partial_rng);
    if (sc.source == SourcePlatform::woocommerce)
        adapt_for_woocommerce(s);
    // Customers and orders are final from here on (the later steps only read them).
    auto shopify_indices = std::async(std::launch::async, [&s] { build_shopify_indices(s); });
    DefectPlan plan = plan_defects(s, sc, now, defect_rng);
    generate_klaviyo(s, sc, plan, now, klaviyo_rng, records);
    Rng flow_rng = rng.fork(5);
    make_flows(s, sc, now, flow_rng);
    record_injected(s, plan);
    shopify_indices.get();
    return s;
}

}  // namespace frr::sim
