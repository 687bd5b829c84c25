#include "checks/indicator_support.hpp"
#include "checks/indicators.hpp"

#include <fmt/format.h>

namespace frr::checks {

std::vector<std::string_view> CustomerSyncIndicator::needs() const
{
    return {model::dataset::customers, model::dataset::profiles};
}

// Customers with an email, updated in the window (and older than grace), must
// have a Klaviyo profile with the same normalised email (matched by keyed hash).
// Klaviyo-only profiles (sign-up forms) are expected and never judged.
IndicatorResult CustomerSyncIndicator::evaluate(const CheckInput& input) const
{
    const auto& w = input.words();
    auto r = start_result(id(), title());
    std::int64_t judged = 0;
    for (const auto& c : input.current().source.customers) {
        if (c.email_hash.empty() || !input.window().contains(c.updated_at))
            continue;
        ++judged;
        if (input.profile_by_email(c.email_hash))
            continue;
        add_affected(r, "customer_missing_profile", c.id);
        add_example(r, c.email_masked);
    }
    const auto missing = static_cast<std::int64_t>(r.affected.size());
    add_count(r, "judged", judged);
    add_count(r, "missing", missing);
    r.score = rate_score(missing, judged, 0.2);
    r.status = status_for(missing);
    r.value = fmt::format("{} of {} without profile", missing, judged);
    set_at_stake(r, input.money(), 0, missing);
    if (missing == 0) {
        r.summary = fmt::format("All {} have a {} profile.",
                                plural(judged, "recently updated customer", "recently updated customers"),
                                w.destination);
        return r;
    }
    r.summary = fmt::format("{} with an email have no {} profile.", plural(missing, "customer", "customers"),
                            w.destination);
    r.impact = fmt::format("{} cannot be reached by any flow or campaign, and their orders "
                           "cannot be attributed.",
                           plural(missing, "customer", "customers"));
    r.action = fmt::format("Check the customer sync of {}; re-sync profiles, and look for suppressed or "
                           "deleted profiles.",
                           w.integration);
    return r;
}

}  // namespace frr::checks
