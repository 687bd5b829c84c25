#include "checks/indicator_support.hpp"
#include "checks/indicators.hpp"

#include <fmt/format.h>

namespace frr::checks {

std::vector<std::string_view> DuplicatesIndicator::needs() const
{
    return {model::dataset::orders, model::dataset::placed_order_events};
}

IndicatorResult DuplicatesIndicator::evaluate(const CheckInput& input) const
{
    const auto& w = input.words();
    auto r = start_result(id(), title());
    const auto& orders = input.current().source.orders;
    std::int64_t synced = 0;
    std::int64_t extra = 0;
    std::int64_t counted_twice = 0;
    for (std::size_t i = 0; i < orders.size(); ++i) {
        const auto& tally = input.tally(i);
        if (input.order_classes()[i] != OrderClass::judged || tally.placed == 0)
            continue;
        ++synced;
        if (tally.placed < 2)
            continue;
        extra += tally.placed - 1;
        // The extra events' value: Klaviyo adds each one to its revenue.
        const auto& revenue = orders[i].revenue;
        const auto each = tally.first_placed && tally.first_placed->value &&
                tally.first_placed->value->currency == input.money().currency
            ? tally.first_placed->value->minor
            : (revenue.currency == input.money().currency ? revenue.minor : 0);
        counted_twice += each * (tally.placed - 1);
        add_affected(r, "order_event_duplicate", orders[i].name);
        add_example(r, fmt::format("{} ({} times)", orders[i].name, tally.placed));
    }
    const auto affected = static_cast<std::int64_t>(r.affected.size());
    add_count(r, "synced", synced);
    add_count(r, "duplicated", affected);
    add_count(r, "extra_events", extra);
    r.score = rate_score(affected, synced, 0.5);
    r.status = status_for(affected);
    r.value = fmt::format("{} of {} duplicated", affected, synced);
    set_at_stake(r, input.money(), counted_twice, affected);
    if (affected == 0) {
        r.summary = fmt::format("No order reached {} twice.", w.destination);
        return r;
    }
    r.summary = fmt::format("{} reached {} more than once, so {} of sales is counted twice.",
                            plural(affected, "order", "orders"), w.destination,
                            money_text(input.money(), counted_twice));
    r.impact = fmt::format("These customers may get the post-purchase email twice, and {}'s "
                           "revenue reports overstate sales by {}.",
                           w.destination, money_text(input.money(), counted_twice));
    r.action = fmt::format("Look for a second integration or app that also sends Placed Order (another "
                           "{} connection, a custom webhook) and disable one.",
                           w.source);
    return r;
}

}  // namespace frr::checks
