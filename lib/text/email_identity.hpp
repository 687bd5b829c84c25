#pragma once
// Who an email address belongs to, as Klaviyo matches profiles: one function used by frr (its
// hashes and profile look-ups) and by frr-sim (its profile index, filters and answer key), so
// the two can never disagree about "the same person". docs/sync-semantics.md, "Email identity".
//
// Same person: surrounding white space, letter case in any script (Unicode full case folding:
// ÉLODIE = élodie, STRASSE = straße), canonically equivalent spellings (é precomposed or as e +
// combining accent), and the two IDNA forms of a domain (bücher.example = xn--bcher-kva.example).
// Different people: "+tags", dots in the local part, any other character.
#include <string>
#include <string_view>
#include <vector>

namespace frr::text {

// The one form of an address: trimmed (Unicode white space), the local part case-folded and in
// NFC, the domain through IDNA2008/UTS #46 (non-transitional) to its ASCII form (A-labels, lower
// case); a domain IDNA refuses is case-folded instead. Ill-formed UTF-8 becomes U+FFFD first, so
// the result is always valid UTF-8. "" for an empty or all-space input. Pure ASCII input takes a
// fast path (trim, ASCII lower case) with the same result.
std::string email_identity(std::string_view email);

// The identity with its domain in Unicode (U-labels): what people read. Equal to the identity
// for ASCII domains.
std::string email_display(std::string_view identity);

// The spellings under which a platform may hold an identity's address: the identity and, for an
// internationalised domain, its Unicode form. Distinct, identity first.
std::vector<std::string> email_lookup_forms(std::string_view identity);

// For people: the first character (code point) of the local part, "***", then "@" and the domain
// in Unicode. "jane.doe@example.com" -> "j***@example.com", "Élodie@xn--bcher-kva.example" ->
// "É***@bücher.example". "" stays ""; no local part or no "@" gives "***". Valid UTF-8 always.
std::string mask_email(std::string_view email);

}  // namespace frr::text
