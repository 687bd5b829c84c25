#include "checks/consent_table.hpp"

namespace frr::checks {

Suppression suppression_of(const std::vector<std::string>& suppressions)
{
    for (const auto& s : suppressions)
        if (s != "UNSUBSCRIBE" && s != "UNSUBSCRIBED")
            return Suppression::deliverability;
    return Suppression::none;
}

ConsentVerdict consent_verdict(model::SourceConsent source, model::DestinationConsent destination,
                               Suppression suppression)
{
    using S = model::SourceConsent;
    using D = model::DestinationConsent;
    if (destination == D::unknown)
        return ConsentVerdict::not_judged;
    const bool subscribed = destination == D::subscribed;
    switch (source) {
    case S::subscribed:
        if (subscribed || suppression == Suppression::deliverability)
            return ConsentVerdict::expected;
        return ConsentVerdict::mismatch;
    case S::not_subscribed: return subscribed ? ConsentVerdict::mismatch : ConsentVerdict::expected;
    case S::pending: return ConsentVerdict::expected;  // double opt-in in flight
    case S::unsubscribed: return subscribed ? ConsentVerdict::mismatch_critical : ConsentVerdict::expected;
    case S::invalid: return subscribed ? ConsentVerdict::mismatch : ConsentVerdict::expected;
    case S::redacted:
    case S::unknown: return ConsentVerdict::not_judged;
    }
    return ConsentVerdict::not_judged;
}

}  // namespace frr::checks
