#pragma once
// UTF-8 as every file frr writes must be: well-formed, whatever arrived. Shared with frr-sim
// (test/sim links frr_text), so both sides cut, repair and compare text the same way.
#include <cstddef>
#include <string>
#include <string_view>

namespace frr::text {

// Well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s);

// `s` with every ill-formed sequence replaced by U+FFFD, one per maximal subpart (Unicode
// chapter 3, "U+FFFD Substitution of Maximal Subparts"); valid input comes back unchanged.
std::string to_valid_utf8(std::string_view s);

// The longest prefix of `s` holding at most `code_points` whole code points (an ill-formed
// byte counts as one). Never cuts a multi-byte character in two.
std::string_view utf8_prefix(std::string_view s, std::size_t code_points);

// Whether every byte is ASCII (the fast path of the email identity).
bool is_ascii(std::string_view s);

// A-Z to a-z, every other byte as it is: for protocol words (schemes, hosts, header and
// metric names), never for people's text, which is folded by ICU (email_identity.hpp).
std::string ascii_lower(std::string_view s);

}  // namespace frr::text
