#include "checks/indicator_support.hpp"
#include "checks/indicators.hpp"
#include "checks/trigger_support.hpp"
#include "core/time.hpp"

#include <fmt/format.h>

namespace frr::checks {

std::vector<std::string_view> CheckoutsIndicator::needs() const
{
    return {model::dataset::checkouts, "events.checkout_started"};
}

// Every abandoned checkout with an email, created in the window before the grace cut-off, must
// reach the destination as its checkout event (Klaviyo: Checkout Started, tracked once the
// shopper has entered an email), matched by the checkout id the event carries. Checkouts
// without an email never sync and are not judged. A missing checkout is a shopper the
// abandoned-checkout flow cannot remind: 20% missing is a total loss of the score.
IndicatorResult CheckoutsIndicator::evaluate(const CheckInput& input) const
{
    const auto& w = input.words();
    const auto kind = model::EventKind::checkout_started;
    auto r = start_result(id(), title());
    const auto synced = event_subjects(input, kind);
    const std::string event = metric_name(input, kind, "checkout event");
    std::int64_t judged = 0;
    std::int64_t without_email = 0;
    std::int64_t young = 0;
    for (const auto& c : input.current().source.checkouts) {
        if (c.created_at < input.window().since || c.created_at >= input.window().until)
            continue;
        if (c.email_hash.empty()) {
            ++without_email;
            continue;
        }
        if (!input.window().contains(c.created_at)) {
            ++young;
            continue;
        }
        ++judged;
        if (synced.count(c.id))
            continue;
        add_affected(r, "checkout_missing_event", c.id);
        // The client's copy shows examples, so no checkout id (the operator's copy lists the keys).
        add_example(r,
                    fmt::format("a {} checkout started {}", money_text(input.money(), c.total.minor),
                                core::format_local(c.created_at, input.timezone())));
    }
    const auto missing = static_cast<std::int64_t>(r.affected.size());
    add_count(r, "judged", judged);
    add_count(r, "missing", missing);
    add_count(r, "without_email", without_email);
    add_count(r, "within_grace", young);
    r.score = rate_score(missing, judged, 0.2);
    r.status = status_for(missing);
    r.value = fmt::format("{} of {} missing", missing, judged);
    const auto flows = live_flows_triggered_by(input, kind);
    if (missing == 0) {
        r.summary =
            fmt::format("All {} with an email reached {} as {}.",
                        plural(judged, "abandoned checkout", "abandoned checkouts"), w.destination, event);
        return r;
    }
    r.summary =
        fmt::format("{} with an email never reached {} as {}.",
                    plural(missing, "abandoned checkout", "abandoned checkouts"), w.destination, event);
    const std::string starved =
        starved_flows_sentence(flows, missing == 1 ? "this shopper" : "these shoppers");
    r.impact = starved.empty()
        ? fmt::format("{} who left a checkout cannot be reminded by any abandoned-cart email.",
                      plural(missing, "shopper", "shoppers"))
        : fmt::format("{} {} who left a checkout {} no reminder.", starved,
                      plural(missing, "shopper", "shoppers"), missing == 1 ? "gets" : "get");
    r.action = fmt::format("Check {} ({}) for errors and that checkout tracking is on; contact {} support "
                           "with the checkout ids (in the technical copy of this report).",
                           w.integration, w.integration_settings, w.destination);
    return r;
}

}  // namespace frr::checks
