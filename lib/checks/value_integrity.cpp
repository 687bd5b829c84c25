#include "checks/indicator_support.hpp"
#include "checks/indicators.hpp"

#include <cstdlib>
#include <fmt/format.h>

#include "model/money_text.hpp"

namespace frr::checks {

std::vector<std::string_view> ValueIntegrityIndicator::needs() const
{
    return {model::dataset::orders, model::dataset::placed_order_events};
}

// The revenue rule of docs/sync-semantics.md, compared in the shop currency
// only (an event in another currency cannot be judged without a rate), with
// checks.value_tolerance_minor (default 1 minor unit) for rounding.
IndicatorResult ValueIntegrityIndicator::evaluate(const CheckInput& input) const
{
    const auto& w = input.words();
    auto r = start_result(id(), title());
    const auto& orders = input.current().source.orders;
    std::int64_t compared = 0;
    std::int64_t incomparable = 0;
    std::int64_t difference = 0;
    for (std::size_t i = 0; i < orders.size(); ++i) {
        const auto& tally = input.tally(i);
        if (input.order_classes()[i] != OrderClass::judged || tally.placed == 0)
            continue;
        if (tally.value_compared == 0) {
            ++incomparable;
            continue;
        }
        ++compared;
        if (tally.value_mismatches == 0)
            continue;
        add_affected(r, "order_value_mismatch", orders[i].name);
        const auto& o = orders[i];
        const auto& value = tally.first_placed->value;
        if (value && o.revenue.currency == input.money().currency)
            difference += std::llabs(value->minor - as_placed_revenue(o).minor);
        const auto shown = value ? model::format_money(value->minor, value->currency) : "no value";
        add_example(r,
                    fmt::format("{} ({} in {}, {} in {}{})", o.name, shown, w.destination,
                                model::format_money(as_placed_revenue(o).minor, o.revenue.currency), w.source,
                                o.edited ? " as placed" : ""));
    }
    const auto affected = static_cast<std::int64_t>(r.affected.size());
    add_count(r, "compared", compared);
    add_count(r, "mismatched", affected);
    add_count(r, "not_comparable", incomparable);
    r.score = rate_score(affected, compared, 0.5);
    r.status = status_for(affected);
    r.value = fmt::format("{} of {} differ", affected, compared);
    set_at_stake(r, input.money(), difference, affected);
    if (affected == 0) {
        r.summary = fmt::format("Order values agree for {}.", plural(compared, "order", "orders"));
        return r;
    }
    r.summary = fmt::format("{} reached {} with a different value than in {}: {} wrong in all.",
                            plural(affected, "order", "orders"), w.destination, w.source,
                            money_text(input.money(), difference));
    r.impact = "Revenue attributed to campaigns and flows is wrong, and value-based segments "
               "(VIPs, high spenders) include or leave out the wrong customers.";
    r.action = "Check for apps or custom code that change Placed Order values, and the "
               "integration's currency and tax settings.";
    return r;
}

}  // namespace frr::checks
