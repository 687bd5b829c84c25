// Orchestrates generation and builds the lookup indices routes page on.
#include "generator.hpp"

#include <algorithm>

namespace frr::sim {

namespace {

// Indices sorted by (updated_at, index), via a flat key array (cache-friendly at 1M records).
template <typename Vec>
std::vector<Index> index_by_updated(const Vec& v) {
    std::vector<std::pair<std::int64_t, Index>> keys(v.size());
    for (Index i = 0; i < keys.size(); ++i) keys[i] = {v[i].updated_at.time_since_epoch().count(), i};
    if (!std::is_sorted(keys.begin(), keys.end())) std::sort(keys.begin(), keys.end());
    std::vector<Index> idx(v.size());
    for (std::size_t i = 0; i < keys.size(); ++i) idx[i] = keys[i].second;
    return idx;
}

void build_indices(Store& s) {
    s.customers_by_updated = index_by_updated(s.customers);
    s.orders_by_updated = index_by_updated(s.orders);
    // processedAt equals createdAt for generated orders, so this is usually the identity.
    std::vector<std::pair<std::int64_t, Index>> processed(s.orders.size());
    for (Index i = 0; i < s.orders.size(); ++i) processed[i] = {s.orders[i].processed_at.time_since_epoch().count(), i};
    if (!std::is_sorted(processed.begin(), processed.end())) std::sort(processed.begin(), processed.end());
    s.orders_by_processed.resize(s.orders.size());
    for (std::size_t i = 0; i < processed.size(); ++i) s.orders_by_processed[i] = processed[i].second;
    s.profiles_by_updated = index_by_updated(s.profiles);
    std::vector<std::pair<std::string_view, Index>> emails(s.profiles.size());
    for (Index i = 0; i < s.profiles.size(); ++i) emails[i] = {s.profiles[i].email, i};
    std::sort(emails.begin(), emails.end());
    s.profiles_by_email.resize(s.profiles.size());
    for (std::size_t i = 0; i < emails.size(); ++i) s.profiles_by_email[i] = emails[i].second;
}

void record_injected(Store& s, const DefectPlan& plan) {
    const std::pair<std::uint8_t, const char*> order_kinds[] = {
        {k_order_missing, "order_missing_event"}, {k_order_late, "order_event_late"},
        {k_order_duplicate, "order_event_duplicate"}, {k_order_wrong_value, "order_value_mismatch"},
        {k_order_missing_item, "order_items_missing"}};
    for (Index i = 0; i < s.orders.size(); ++i)
        for (const auto& [flag, kind] : order_kinds)
            if (plan.order_flags[i] & flag) s.injected.push_back({kind, order_name(s.orders[i])});
    for (Index i = 0; i < s.customers.size(); ++i) {
        std::uint8_t f = plan.customer_flags[i];
        if (f & k_customer_missing_profile) s.injected.push_back({"customer_missing_profile", std::to_string(s.customers[i].id)});
        if (f & (k_customer_klaviyo_subscribed | k_customer_klaviyo_not_subscribed))
            s.injected.push_back({"consent_mismatch", std::to_string(s.customers[i].id)});
    }
    for (const auto& day : plan.missing_days) s.injected.push_back({"volume_gap", local_date(s.shop.timezone, day.first)});
    if (plan.stall_from) s.injected.push_back({"sync_stalled", "Placed Order"});
}

} // namespace

Store generate_store(const Scenario& sc, Time now) {
    Store s;
    s.scenario = sc.name;
    s.seed = sc.seed;
    s.start = now;
    Rng rng(sc.seed);
    Rng shopify_rng = rng.fork(1);
    Rng defect_rng = rng.fork(2);
    Rng klaviyo_rng = rng.fork(3);
    generate_shopify(s, sc, now, shopify_rng);
    DefectPlan plan = plan_defects(s, sc, now, defect_rng);
    generate_klaviyo(s, sc, plan, now, klaviyo_rng);
    record_injected(s, plan);
    build_indices(s);
    return s;
}

} // namespace frr::sim
