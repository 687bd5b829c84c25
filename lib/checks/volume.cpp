#include "checks/indicator_support.hpp"
#include "checks/indicators.hpp"
#include "checks/poisson.hpp"

#include "core/time.hpp"
#include "model/money_text.hpp"

#include <fmt/format.h>
#include <unordered_map>

namespace frr::checks {

namespace {

// Below this lower-tail probability a day's Placed Order count is implausible
// for its eligible order count (docs/sync-semantics.md).
constexpr double k_gap_probability = 0.001;

std::unordered_map<std::string_view, std::int64_t> by_date(const std::vector<model::DailyCount>& days)
{
    std::unordered_map<std::string_view, std::int64_t> map;
    for (const auto& d : days)
        map[d.date] += d.count;
    return map;
}

}  // namespace

std::vector<std::string_view> VolumeIndicator::needs() const
{
    return {model::dataset::daily_orders, model::dataset::daily_placed_orders};
}

// Each complete store-local day of the look-back (default 28 days, the last
// ending at or before `since`) compares the day's eligible Shopify orders n
// with its Placed Order count k from Klaviyo's metric aggregates. Under a
// healthy sync k is ~n, with Poisson noise at worst, so the day is a gap when
// P(X <= k | Poisson(n)) < 0.001 and n >= volume_min_orders (default 10), or when
// it has no Placed Order at all for n >= volume_min_orders_lost_day (default 5)
// orders: a small store's lost day. Each day is its own baseline, so weekday
// seasonality needs no model, and a quiet day with some events never cries wolf.
IndicatorResult VolumeIndicator::evaluate(const CheckInput& input) const
{
    const auto& w = input.words();
    auto r = start_result(id(), title());
    const auto& config = input.config();
    const auto orders = by_date(input.current().source.daily_orders);
    const auto placed = by_date(input.current().destination.daily_placed_orders);
    // The run's window start, as the fetch counted the days (a catch-up window moves them back too).
    const auto last_day = core::add_days(core::local_date(input.window().run_since, input.timezone()), -1);
    std::int64_t judged_days = 0;
    std::int64_t missing_events = 0;
    for (int back = config.volume_lookback_days - 1; back >= 0; --back) {
        const auto day = core::add_days(last_day, -back);
        const auto n_found = orders.find(day);
        const auto n = n_found == orders.end() ? 0 : n_found->second;
        const auto k_found = placed.find(day);
        const auto k = k_found == placed.end() ? 0 : k_found->second;
        // A small store's whole day lost: no Placed Order for several orders. Under a healthy
        // sync every order has one, so k = 0 of n >= 5 is no noise even where Poisson's
        // approximation cannot say so (P(0 | 5) = 0.7 %).
        const bool lost_day =
            config.volume_min_orders_lost_day > 0 && n >= config.volume_min_orders_lost_day && k == 0;
        if (n < config.volume_min_orders && !lost_day)
            continue;
        ++judged_days;
        if (!lost_day && poisson_lower_tail(k, static_cast<double>(n)) >= k_gap_probability)
            continue;
        missing_events += n - k;
        add_affected(r, "volume_gap", day);
        add_example(
            r, fmt::format("{}: {} orders, {} in {}", core::format_local_date(day), n, k, w.destination));
    }
    const auto gaps = static_cast<std::int64_t>(r.affected.size());
    add_count(r, "days_judged", judged_days);
    add_count(r, "gap_days", gaps);
    add_count(r, "orders_short", missing_events);
    r.score = rate_score(gaps, judged_days, 0.25);
    r.status = status_for(gaps);
    r.value = fmt::format("{} of {} days short", gaps, judged_days);
    // Daily counts carry no values: the estimate is the orders short times
    // the store's average order value (docs/health-model.md).
    const auto estimate = missing_events * input.money().average_order_minor;
    set_at_stake(r, input.money(), estimate, missing_events, Estimate::yes);
    if (gaps == 0) {
        r.summary = fmt::format("Daily Placed Order counts match {} over {}.", w.source,
                                plural(judged_days, "day", "days"));
        return r;
    }
    r.summary = fmt::format("On {} in the last {} days {} recorded far fewer orders than {} took: "
                            "about {} short, worth about {}.",
                            plural(gaps, "day", "days"), config.volume_lookback_days, w.destination, w.source,
                            plural(missing_events, "order", "orders"),
                            model::format_money_rounded(estimate, input.money().currency));
    r.impact = fmt::format("Orders from those days are missing from {}'s revenue reports and from "
                           "purchase-based segments and flows.",
                           w.destination);
    r.action = fmt::format("Check the history of {} for those dates and ask {} support to backfill the "
                           "missing orders.",
                           w.integration, w.destination);
    return r;
}

}  // namespace frr::checks
