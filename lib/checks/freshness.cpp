#include "checks/indicator_support.hpp"
#include "checks/indicators.hpp"

#include "core/duration.hpp"
#include "core/time.hpp"

#include <fmt/format.h>

namespace frr::checks {

std::vector<std::string_view> FreshnessIndicator::needs() const
{
    // The newest Placed Order comes from its own request (model::dataset::latest_placed_order),
    // so the window's events need not be complete for this one.
    return {model::dataset::orders, model::dataset::latest_placed_order};
}

// A stalled integration: Klaviyo's newest Shopify Placed Order is older than
// as_of - stall_after (default 2h) while at least stall_min_orders (default
// 3) eligible orders were created after it and before judge_before. Both
// conditions are needed so a quiet night is not a stall.
IndicatorResult FreshnessIndicator::evaluate(const CheckInput& input) const
{
    const auto& w = input.words();
    auto r = start_result(id(), title());
    const auto& config = input.config();
    const auto newest = input.newest_placed();
    const auto judge_before = input.window().judge_before;
    const auto& orders = input.current().source.orders;
    std::int64_t after = 0;
    std::int64_t value = 0;
    for (std::size_t i = 0; i < orders.size(); ++i) {
        const auto t = orders[i].created_at;
        if (!input.eligible(i) || (newest && t <= *newest) || t >= judge_before)
            continue;
        ++after;
        if (orders[i].revenue.currency == input.money().currency)
            value += orders[i].revenue.minor;
    }
    const bool old = !newest || *newest < input.as_of() - config.stall_after;
    const bool stalled = old && after >= config.stall_min_orders;
    add_count(r, "orders_since_newest_event", after);
    if (newest)
        add_count(r, "newest_event_age_seconds", (input.as_of() - *newest).count());
    const auto age = newest ? core::format_duration(input.as_of() - *newest) : std::string("never");
    r.value = newest ? fmt::format("newest Placed Order {} old", age) : "no Placed Order seen";
    if (!stalled) {
        if (!newest)
            r.summary = "No Placed Order yet, and too few orders to call it a stall.";
        else if (old)
            r.summary = fmt::format("{}'s newest Placed Order is {} old, but only {} came after it: "
                                    "a quiet spell, not a stall.",
                                    w.destination, age, plural(after, "order", "orders"));
        else
            r.summary =
                fmt::format("{}'s newest Placed Order is {} old; the sync is moving.", w.destination, age);
        return r;
    }
    add_affected(r, "sync_stalled", "Placed Order");
    if (newest)
        add_example(r,
                    fmt::format("newest Placed Order at {}", core::format_local(*newest, input.timezone())));
    r.score = 0;
    r.status = Status::critical;
    // The same orders are missing orders (order sync counts their money), so
    // the stall shows its value without adding it to the total again.
    set_at_stake(r, input.money(), value, after);
    r.at_stake.in_total = false;
    r.summary =
        fmt::format("Order sync has stalled: {} since {}'s newest Placed Order ({}).",
                    plural(after, "order", "orders"), w.destination, age == "never" ? age : age + " ago");
    r.impact = fmt::format("Every order since then ({} so far, worth {}) is missing from {}: no "
                           "post-purchase emails and no revenue reporting until the sync resumes.",
                           after, money_text(input.money(), value), w.destination);
    r.action = fmt::format("Open {} > {}: reconnect or re-authorise the integration, then check that new "
                           "orders appear.",
                           w.destination, w.integration_settings);
    return r;
}

}  // namespace frr::checks
