#include "checks/indicator_support.hpp"
#include "checks/indicators.hpp"

#include <fmt/format.h>
#include <unordered_set>

namespace frr::checks {

std::vector<std::string_view> OrderSyncIndicator::needs() const
{
    return {model::dataset::orders, model::dataset::placed_order_events};
}

// An order in the window whose Placed Order never reached Klaviyo triggers no
// post-purchase flow and is missing from revenue attribution. 20% missing is
// treated as a total loss of the indicator's score.
IndicatorResult OrderSyncIndicator::evaluate(const CheckInput& input) const
{
    const auto& w = input.words();
    auto r = start_result(id(), title());
    const auto& orders = input.current().source.orders;
    const auto& basis = input.money();
    std::int64_t judged = 0;
    std::int64_t value = 0;
    std::unordered_set<std::string_view> customers;
    for (std::size_t i = 0; i < orders.size(); ++i) {
        if (input.order_classes()[i] != OrderClass::judged)
            continue;
        ++judged;
        if (input.tally(i).placed > 0)
            continue;
        add_affected(r, "order_missing_event", orders[i].name);
        if (orders[i].revenue.currency == basis.currency)
            value += orders[i].revenue.minor;
        customers.insert(orders[i].email_hash.key());
        add_example(r, orders[i].name);
    }
    const auto missing = static_cast<std::int64_t>(r.affected.size());
    add_count(r, "judged", judged);
    add_count(r, "missing", missing);
    r.score = rate_score(missing, judged, 0.2);
    r.status = status_for(missing);
    r.value = fmt::format("{} of {} missing", missing, judged);
    set_at_stake(r, basis, value, static_cast<std::int64_t>(customers.size()));
    if (missing == 0) {
        r.summary = fmt::format("All {} reached {}.", plural(judged, "eligible order", "eligible orders"),
                                w.destination);
        return r;
    }
    r.summary = fmt::format("{} worth {} never reached {}.", plural(missing, "order", "orders"),
                            money_text(basis, value), w.destination);
    r.impact = fmt::format("{} who bought will not get the post-purchase email, and {} of sales is "
                           "missing from {}'s revenue reports.",
                           plural(static_cast<std::int64_t>(customers.size()), "customer", "customers"),
                           money_text(basis, value), w.destination);
    r.action = fmt::format("Check {} ({}) for errors; re-sync the listed orders or contact {} support "
                           "with the order numbers.",
                           w.integration, w.integration_settings, w.destination);
    return r;
}

}  // namespace frr::checks
