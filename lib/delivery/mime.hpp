#pragma once
// The e-mail itself (RFC 5322 + MIME): multipart/alternative with a plain-text
// and an HTML part, both UTF-8 in base64 (safe for any line length and any
// 8-bit character), CRLF line ends, and a subject as RFC 2047 encoded words.
#include "core/clock.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace frr::delivery {

struct MailHeaders {
    std::string from;
    std::vector<std::string> to;
    std::string subject;     // UTF-8; encoded by build_message
    std::string message_id;  // with angle brackets
    core::TimePoint date{};
    std::string report_id;
};

// "=?UTF-8?B?...?=" words of at most 75 characters, split on UTF-8 character
// boundaries and folded with CRLF SP (RFC 2047 sections 2 and 5).
std::string encode_subject(std::string_view subject);
// "Fri, 27 Nov 2026 06:00:00 +0000"
std::string rfc5322_date(core::TimePoint t);
// Deterministic for a report and its recipients, so a resend after a crash
// carries the same Message-ID and a duplicate is detectable (mail clients and
// many servers fold identical Message-IDs): "<frr.<report id>.<hash>@<domain>>".
std::string message_id_for(const std::string& report_id, const std::string& from,
                           const std::vector<std::string>& to);
// The domain part of an address ("reports@example.com" -> "example.com").
std::string domain_of(std::string_view address);
std::string build_message(const MailHeaders& headers, const std::string& text, const std::string& html);

}  // namespace frr::delivery
