#include "checks/consent_table.hpp"
#include "checks/indicator_support.hpp"
#include "checks/indicators.hpp"

#include <cctype>
#include <fmt/format.h>

namespace frr::checks {

namespace {

// "NOT_SUBSCRIBED" -> "not subscribed": the state as people say it.
std::string spoken(std::string_view state)
{
    std::string out;
    for (char c : state)
        out += c == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

std::vector<std::string_view> ConsentIndicator::needs() const
{
    return {model::dataset::customers, model::dataset::customer_consent, model::dataset::profiles};
}

// The same customers as customer sync (email, updated in the window), judged
// by the consent table when they have a profile. Any "unsubscribed in Shopify
// but subscribed in Klaviyo" pair makes the indicator critical.
IndicatorResult ConsentIndicator::evaluate(const CheckInput& input) const
{
    const auto& w = input.words();
    auto r = start_result(id(), title());
    std::int64_t judged = 0;
    std::int64_t critical = 0;
    for (const auto& c : input.current().source.customers) {
        if (c.email_hash.empty() || !input.window().contains(c.updated_at))
            continue;
        const auto* profile = input.profile_by_email(c.email_hash);
        if (!profile)
            continue;
        const auto verdict =
            consent_verdict(c.consent, profile->consent, suppression_of(profile->suppressions));
        if (verdict == ConsentVerdict::not_judged)
            continue;
        ++judged;
        if (verdict == ConsentVerdict::expected)
            continue;
        const bool is_critical = verdict == ConsentVerdict::mismatch_critical;
        critical += is_critical ? 1 : 0;
        r.affected.push_back({"consent_mismatch",
                              c.id,
                              {{w.source_key, model::to_string(c.consent)},
                               {w.destination_key, model::to_string(profile->consent)},
                               {"severity", is_critical ? "critical" : "warn"}}});
        add_example(r,
                    fmt::format("{}: {} in {}, {} in {}", c.email_masked, spoken(model::to_string(c.consent)),
                                w.source, spoken(model::to_string(profile->consent)), w.destination));
    }
    const auto affected = static_cast<std::int64_t>(r.affected.size());
    add_count(r, "judged", judged);
    add_count(r, "mismatched", affected);
    add_count(r, "opted_out_but_subscribed", critical);
    r.score =
        critical > 0 ? std::min(rate_score(affected, judged, 0.2), 50) : rate_score(affected, judged, 0.2);
    r.status = critical > 0 ? Status::critical : status_for(affected);
    r.value = fmt::format("{} of {} disagree", affected, judged);
    set_at_stake(r, input.money(), 0, affected);
    if (affected == 0) {
        r.summary = fmt::format("Email consent agrees for {}.", plural(judged, "customer", "customers"));
        return r;
    }
    if (critical > 0) {
        r.summary = fmt::format("{} who unsubscribed in {} {} still subscribed in {}.",
                                plural(critical, "customer", "customers"), w.source,
                                critical == 1 ? "is" : "are", w.destination);
        r.impact = "Marketing email to people who opted out is a compliance risk (GDPR, CAN-SPAM) "
                   "and invites spam complaints.";
        r.action = fmt::format("Unsubscribe the listed customers in {} now, then check which app or form "
                               "re-subscribes them.",
                               w.destination);
        return r;
    }
    r.summary = fmt::format("{} {} a different email consent in {} than in {}.",
                            plural(affected, "customer", "customers"), affected == 1 ? "has" : "have",
                            w.destination, w.source);
    r.impact = fmt::format("Subscribers who get no campaigns lose you sales; people marketed to without a "
                           "consent record in {} are a compliance risk.",
                           w.source);
    r.action = "Compare the listed customers' consent in both platforms and fix the source of truth; "
               "check the integration's consent sync setting.";
    return r;
}

}  // namespace frr::checks
