#pragma once
// The consent-pair table of docs/sync-semantics.md ("Consent pairs"):
// Shopify's email-marketing state against Klaviyo's email-marketing consent.
#include "model/records.hpp"

#include <string>
#include <vector>

namespace frr::checks {

enum class ConsentVerdict {
    expected,
    mismatch,           // warn
    mismatch_critical,  // emails someone who opted out: compliance risk
    not_judged,         // a state we cannot judge (unknown, redacted)
};

enum class Suppression { none, deliverability };

// A suppression for deliverability (bounce, spam complaint, invalid email,
// manual suppression) explains a subscriber who gets no email; an
// "UNSUBSCRIBE" suppression is the unsubscription itself, not such a reason.
Suppression suppression_of(const std::vector<std::string>& suppressions);

ConsentVerdict consent_verdict(model::SourceConsent source, model::DestinationConsent destination,
                               Suppression suppression);

}  // namespace frr::checks
