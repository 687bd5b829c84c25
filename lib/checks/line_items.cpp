#include "checks/indicator_support.hpp"
#include "checks/indicators.hpp"
#include "model/money_text.hpp"

#include <fmt/format.h>

namespace frr::checks {

std::vector<std::string_view> LineItemsIndicator::needs() const
{
    return {model::dataset::orders, model::dataset::placed_order_events,
            model::dataset::ordered_product_events};
}

// Only orders whose Placed Order arrived are judged: a missing order is
// order_sync's finding, not a line-item one. Klaviyo sends one Ordered Product
// per unit, so the expected count is the order's unit quantity.
IndicatorResult LineItemsIndicator::evaluate(const CheckInput& input) const
{
    const auto& w = input.words();
    auto r = start_result(id(), title());
    const auto& orders = input.current().source.orders;
    std::int64_t judged = 0;
    std::int64_t units_missing = 0;
    std::int64_t value_missing = 0;
    for (std::size_t i = 0; i < orders.size(); ++i) {
        const auto& tally = input.tally(i);
        if (input.order_classes()[i] != OrderClass::judged || tally.placed == 0)
            continue;
        // An edited order is judged by the units it was placed with (check_input.hpp).
        const auto units = input.expected_units(i);
        if (!units)
            continue;
        ++judged;
        const auto expected = *units;
        const auto seen = static_cast<std::int64_t>(tally.products);
        if (seen >= expected)
            continue;
        units_missing += expected - seen;
        // Estimated: the order's value shared evenly over its units.
        const auto& revenue = orders[i].revenue;
        if (revenue.currency == input.money().currency && expected > 0)
            value_missing += revenue.minor * (expected - seen) / expected;
        add_affected(r, "order_items_missing", orders[i].name);
        add_example(r, fmt::format("{} ({} of {} items)", orders[i].name, seen, expected));
    }
    const auto affected = static_cast<std::int64_t>(r.affected.size());
    add_count(r, "judged", judged);
    add_count(r, "affected", affected);
    add_count(r, "units_missing", units_missing);
    r.score = rate_score(affected, judged, 0.5);
    r.status = status_for(affected);
    r.value = fmt::format("{} of {} incomplete", affected, judged);
    set_at_stake(r, input.money(), value_missing, affected, Estimate::yes);
    if (affected == 0) {
        r.summary = "Every synced order has all its Ordered Product events.";
        return r;
    }
    r.summary = fmt::format("{} reached {} without all their products ({} missing, worth about {}).",
                            plural(affected, "order", "orders"), w.destination,
                            plural(units_missing, "item", "items"),
                            model::format_money_rounded(value_missing, input.money().currency));
    r.impact = "Product-based flows (cross-sell, replenishment, reviews) and product segments "
               "miss these purchases.";
    r.action = fmt::format("Check the product sync of {} and re-sync the listed orders.", w.integration);
    return r;
}

}  // namespace frr::checks
