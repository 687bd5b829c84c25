#include "checks/indicator_support.hpp"
#include "checks/indicators.hpp"
#include "checks/trigger_support.hpp"

#include <array>
#include <fmt/format.h>
#include <unordered_set>

namespace frr::checks {

std::vector<std::string_view> SubscribersIndicator::needs() const
{
    return {model::dataset::customers, model::dataset::customer_consent, model::dataset::profiles,
            model::dataset::subscriber_list};
}

// Klaviyo's Shopify integration adds customers who opt in to email marketing to one list
// (chosen in its settings: "Sync your Shopify email subscribers to Klaviyo"); the welcome flow
// starts there. Every customer who opted in during the window (consent updated to subscribed,
// customer updated, both before the grace cut-off) and whose profile is subscribed in Klaviyo
// must be on that list. A customer without a profile, or whose profile disagrees on consent,
// is customer_sync's or consent's finding instead.
IndicatorResult SubscribersIndicator::evaluate(const CheckInput& input) const
{
    const auto& w = input.words();
    const auto& list = input.current().destination.subscriber_list;
    const std::unordered_set<std::string_view> checked(list.checked.begin(), list.checked.end());
    const std::unordered_set<std::string_view> members(list.members.begin(), list.members.end());
    auto r = start_result(id(), title());
    std::int64_t judged = 0;
    std::int64_t not_looked_up = 0;
    std::vector<const model::Customer*> candidates;
    for (const auto& c : input.current().source.customers) {
        if (c.email_hash.empty() || c.consent != model::SourceConsent::subscribed || !c.consent_updated_at ||
            !input.window().contains(*c.consent_updated_at) || !input.window().contains(c.updated_at))
            continue;
        const auto* profile = input.profile_by_email(c.email_hash);
        if (!profile || profile->consent != model::DestinationConsent::subscribed)
            continue;
        std::array<char, 64> text;
        if (!checked.count(c.email_hash.text(text))) {
            ++not_looked_up;
            continue;
        }
        candidates.push_back(&c);
    }
    if (list.id.empty() && !candidates.empty()) {
        auto result = not_checked(id(), title(), "no list to check new subscribers against",
                                  "none is configured and no list starts a flow");
        result.action = fmt::format("Set {} to the list chosen in the settings of {} (\"{}\").",
                                    w.subscriber_list_key, w.integration, w.subscriber_sync_setting);
        return result;
    }
    for (const auto* c : candidates) {
        ++judged;
        std::array<char, 64> text;
        if (members.count(c->email_hash.text(text)))
            continue;
        add_affected(r, "subscriber_missing_from_list", c->id);
        add_example(r, fmt::format("{} (customer {})", c->email_masked, c->id));
    }
    const auto missing = static_cast<std::int64_t>(r.affected.size());
    add_count(r, "judged", judged);
    add_count(r, "missing", missing);
    add_count(r, "not_looked_up", not_looked_up);
    r.score = rate_score(missing, judged, 0.2);
    r.status = status_for(missing);
    r.value = fmt::format("{} of {} missing", missing, judged);
    const std::string where =
        list.name.empty() ? std::string("the subscriber list") : fmt::format("the list “{}”", list.name);
    const std::string how =
        list.found_by == "configured" ? "" : " (found as the list that starts your flows)";
    if (missing == 0) {
        r.summary = fmt::format("All {} are on {}{}.",
                                plural(judged, "new email subscriber", "new email subscribers"), where, how);
        return r;
    }
    r.summary = fmt::format("{} who opted in to email in {} {} not on {}{}.",
                            plural(missing, "customer", "customers"), w.source, missing == 1 ? "is" : "are",
                            where, how);
    const auto flows = live_flows_triggered_by(input, list.id);
    const std::string starved =
        starved_flows_sentence(flows, missing == 1 ? "this subscriber" : "these subscribers");
    r.impact =
        fmt::format("{}{}{} no welcome and {} left out of campaigns sent to the list.", starved,
                    starved.empty() ? "" : " ", plural(missing, "new subscriber gets", "new subscribers get"),
                    missing == 1 ? "is" : "are");
    r.action = list.found_by == "configured"
        ? fmt::format("Check the subscriber sync of {} ({} > \"{}\") and add the listed customers.",
                      w.integration, w.integration_settings, w.subscriber_sync_setting)
        : fmt::format("Check the subscriber sync of {} ({}). If the list named here is not the one it "
                      "syncs to, set {}.",
                      w.integration, w.integration_settings, w.subscriber_list_key);
    return r;
}

}  // namespace frr::checks
