// Which records the scenario's defects hit. Rate- and count-based order defects pick, without
// overlap, from the eligible orders created in [now - defects.scope, now - grace) so the answer
// key at the start time lists exactly what was asked for; explicit keys (order numbers,
// customer ids) may hit any record. History outside that scope stays clean, except the
// explicitly requested missing days.
#include <algorithm>
#include <cmath>
#include <functional>
#include <tuple>

#include "generator.hpp"

namespace frr::sim {

namespace {

template <typename T> void shuffle(std::vector<T>& v, Rng& rng)
{
    for (std::size_t i = v.size(); i > 1; --i)
        std::swap(v[i - 1], v[rng.below(i)]);
}

// Takes the requested amount from the front of `pool` (already shuffled) and removes it.
std::vector<Index> take(std::vector<Index>& pool, std::size_t pool_size, const DefectAmount& a)
{
    std::size_t n = a.count;
    if (a.rate > 0)
        n += static_cast<std::size_t>(std::llround(a.rate * static_cast<double>(pool_size)));
    n = std::min(n, pool.size());
    std::vector<Index> out(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(n));
    pool.erase(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(n));
    return out;
}

void plan_orders(Store& s, const Scenario& sc, Time now, Rng& rng, DefectPlan& plan)
{
    const DefectSettings& d = sc.defects;
    Window w = window_at(sc.answer_key, now);
    Time from = std::max(now - d.scope, w.since);
    std::vector<Index> pool;
    for (Index i = 0; i < s.orders.size(); ++i) {
        const Order& o = s.orders[i];
        if (o.created_at >= from && o.created_at < w.judge_before && s.eligible(o))
            pool.push_back(i);
    }
    const std::size_t pool_size = pool.size();
    shuffle(pool, rng);
    const std::pair<const DefectAmount*, std::uint8_t> kinds[] = {
        {&d.missing_placed_order, k_order_missing},
        {&d.late_events, k_order_late},
        {&d.duplicates, k_order_duplicate},
        {&d.wrong_value, k_order_wrong_value},
        {&d.missing_ordered_product, k_order_missing_item}};
    for (const auto& [amount, flag] : kinds) {
        for (Index i : take(pool, pool_size, *amount))
            plan.order_flags[i] |= flag;
        for (std::int64_t number : amount->keys) {
            auto it = std::find_if(s.orders.begin(), s.orders.end(),
                                   [&](const Order& o) { return o.number == number; });
            if (it != s.orders.end())
                plan.order_flags[static_cast<std::size_t>(it - s.orders.begin())] |= flag;
        }
    }
    const auto late_span = (d.late_max - d.late_min).count();
    for (Index i = 0; i < s.orders.size(); ++i)
        if (plan.order_flags[i] & k_order_late)
            plan.late_arrival[i] =
                now + d.late_min + std::chrono::seconds(rng.below(static_cast<std::uint64_t>(late_span) + 1));
}

void plan_customers(Store& s, const Scenario& sc, Time now, Rng& rng, DefectPlan& plan)
{
    const DefectSettings& d = sc.defects;
    Window w = window_at(sc.answer_key, now);
    std::vector<bool> has_synced_order(s.customers.size(), false);
    for (const Order& o : s.orders)
        if (s.eligible(o))
            has_synced_order[o.customer] = true;
    std::vector<Index> no_orders, subscribed, refused;
    for (Index i = 0; i < s.customers.size(); ++i) {
        const Customer& c = s.customers[i];
        if (!c.has_email() || c.updated_at < w.since || c.updated_at >= w.judge_before)
            continue;
        if (!has_synced_order[i])
            no_orders.push_back(i);
        if (c.marketing_state == MarketingState::subscribed)
            subscribed.push_back(i);
        if (c.marketing_state == MarketingState::unsubscribed ||
            c.marketing_state == MarketingState::not_subscribed)
            refused.push_back(i);
    }
    auto apply = [&](std::vector<Index> pool, const DefectAmount& a, std::uint8_t flag) {
        shuffle(pool, rng);
        std::erase_if(pool, [&](Index i) { return plan.customer_flags[i] != 0; });
        std::size_t size = pool.size();
        for (Index i : take(pool, size, a))
            plan.customer_flags[i] |= flag;
        for (std::int64_t id : a.keys) {
            Index i = s.find_customer(id);
            if (i != k_none)
                plan.customer_flags[i] |= flag;
        }
    };
    apply(no_orders, d.missing_profile, k_customer_missing_profile);
    apply(refused, d.consent_klaviyo_subscribed, k_customer_klaviyo_subscribed);
    apply(subscribed, d.consent_klaviyo_not_subscribed, k_customer_klaviyo_not_subscribed);
}

// Complete store-local days that end at or before `since`, inside the look-back, with at least
// 10 eligible orders. Returns [begin, end) per day, newest first.
std::vector<std::pair<Time, Time>> candidate_days(const Scenario& sc, Time now)
{
    Window w = window_at(sc.answer_key, now);
    const Time history_start = now - std::chrono::days(sc.store.history_days);
    std::vector<std::pair<Time, Time>> days;
    Time end = local_day_start(sc.store.timezone, w.since);
    for (std::uint32_t k = 0; k < sc.answer_key.volume_lookback_days; ++k) {
        Time begin = local_day_start(sc.store.timezone, end - std::chrono::hours(12));
        if (begin < history_start)
            break;
        days.emplace_back(begin, end);
        end = begin;
    }
    return days;
}

std::size_t eligible_between(const Store& s, Time begin, Time end)
{
    auto first = std::lower_bound(s.orders.begin(), s.orders.end(), begin,
                                  [](const Order& o, Time t) { return o.created_at < t; });
    std::size_t n = 0;
    for (auto it = first; it != s.orders.end() && it->created_at < end; ++it)
        if (s.eligible(*it))
            ++n;
    return n;
}

void plan_days(Store& s, const Scenario& sc, Time now, Rng& rng, DefectPlan& plan)
{
    const DefectSettings& d = sc.defects;
    if (d.missing_days == 0 && d.missing_days_ago.empty())
        return;
    auto days = candidate_days(sc, now);
    for (std::uint32_t ago : d.missing_days_ago)
        if (ago >= 1 && ago <= days.size())
            plan.missing_days.push_back(days[ago - 1]);
    std::vector<std::pair<Time, Time>> pool;
    for (const auto& day : days)
        if (eligible_between(s, day.first, day.second) >= 10 &&
            std::find(plan.missing_days.begin(), plan.missing_days.end(), day) == plan.missing_days.end())
            pool.push_back(day);
    shuffle(pool, rng);
    for (std::size_t i = 0; i < d.missing_days && i < pool.size(); ++i)
        plan.missing_days.push_back(pool[i]);
}

// Orders whose fulfilment, cancellation or full refund happened in [now - scope, judge_before)
// (the window at the start) and that no other defect touches: their event of that kind is not
// synced. Explicit keys are order numbers.
void plan_order_changes(Store& s, const Scenario& sc, Time now, Rng& rng, DefectPlan& plan)
{
    const DefectSettings& d = sc.defects;
    const Window w = window_at(sc.answer_key, now);
    const Time from = std::max(now - d.scope, w.since);
    auto in_range = [&](const std::optional<Time>& t) { return t && *t >= from && *t < w.judge_before; };
    const std::tuple<const DefectAmount*, std::uint8_t, std::function<bool(const Order&)>> kinds[] = {
        {&d.missing_fulfilled_order, k_order_no_fulfilled,
         [&](const Order& o) { return in_range(o.fulfilled_at); }},
        {&d.missing_cancelled_order, k_order_no_cancelled,
         [&](const Order& o) { return in_range(o.cancelled_at); }},
        {&d.missing_refunded_order, k_order_no_refunded,
         [&](const Order& o) {
             return o.financial_status == FinancialStatus::refunded && in_range(o.refunded_at);
         }},
    };
    for (const auto& [amount, flag, wanted] : kinds) {
        if (!amount->any())
            continue;
        std::vector<Index> pool;
        for (Index i = 0; i < s.orders.size(); ++i)
            if (plan.order_flags[i] == 0 && s.eligible(s.orders[i]) &&
                plan.customer_flags[s.orders[i].customer] == 0 && wanted(s.orders[i]))
                pool.push_back(i);
        const std::size_t size = pool.size();
        shuffle(pool, rng);
        for (Index i : take(pool, size, *amount))
            plan.order_flags[i] |= flag;
        for (std::int64_t number : amount->keys)
            for (Index i = 0; i < s.orders.size(); ++i)
                if (s.orders[i].number == number)
                    plan.order_flags[i] |= flag;
    }
}

// Checkouts with an email created in [now - scope, judge_before) whose Checkout Started is not
// synced; explicit keys are checkout ids.
void plan_checkouts(Store& s, const Scenario& sc, Time now, Rng& rng, DefectPlan& plan)
{
    const DefectAmount& a = sc.defects.missing_checkout_started;
    plan.checkout_missing.assign(s.checkouts.size(), 0);
    if (!a.any())
        return;
    const Window w = window_at(sc.answer_key, now);
    const Time from = std::max(now - sc.defects.scope, w.since);
    std::vector<Index> pool;
    for (Index i = 0; i < s.checkouts.size(); ++i) {
        const AbandonedCheckout& c = s.checkouts[i];
        if (c.created_at >= from && c.created_at < w.judge_before && c.customer != k_none &&
            s.customers[c.customer].has_email() && plan.customer_flags[c.customer] == 0)
            pool.push_back(i);
    }
    const std::size_t size = pool.size();
    shuffle(pool, rng);
    for (Index i : take(pool, size, a))
        plan.checkout_missing[i] = 1;
    for (std::int64_t id : a.keys)
        if (Index i = s.find_checkout(id); i != k_none)
            plan.checkout_missing[i] = 1;
}

// Customers who opted in to email marketing in the window (consent updated in it, customer
// updated in it) and are left out of the Newsletter list; explicit keys are customer ids.
void plan_subscribers(Store& s, const Scenario& sc, Time now, Rng& rng, DefectPlan& plan)
{
    const DefectAmount& a = sc.defects.subscribers_missing_from_list;
    if (!a.any())
        return;
    const Window w = window_at(sc.answer_key, now);
    auto in_window = [&](Time t) { return t >= w.since && t < w.judge_before; };
    std::vector<Index> pool;
    for (Index i = 0; i < s.customers.size(); ++i) {
        const Customer& c = s.customers[i];
        if (c.has_email() && c.marketing_state == MarketingState::subscribed && in_window(c.updated_at) &&
            c.consent_updated_at && in_window(*c.consent_updated_at) && plan.customer_flags[i] == 0)
            pool.push_back(i);
    }
    const std::size_t size = pool.size();
    shuffle(pool, rng);
    for (Index i : take(pool, size, a))
        plan.customer_flags[i] |= k_customer_not_on_list;
    for (std::int64_t id : a.keys)
        if (Index i = s.find_customer(id); i != k_none)
            plan.customer_flags[i] |= k_customer_not_on_list;
}

}  // namespace

DefectPlan plan_defects(Store& s, const Scenario& sc, Time now, Rng& rng)
{
    DefectPlan plan;
    plan.order_flags.assign(s.orders.size(), 0);
    plan.customer_flags.assign(s.customers.size(), 0);
    plan_orders(s, sc, now, rng, plan);
    plan_customers(s, sc, now, rng, plan);
    plan_days(s, sc, now, rng, plan);
    // Flow triggers last: their draws come after every older defect's, so adding them shifted
    // nothing in existing scenarios.
    plan_order_changes(s, sc, now, rng, plan);
    plan_checkouts(s, sc, now, rng, plan);
    plan_subscribers(s, sc, now, rng, plan);
    if (sc.defects.stall_from)
        plan.stall_from = sc.defects.stall_from->resolve(now);
    return plan;
}

}  // namespace frr::sim
