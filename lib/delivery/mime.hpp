#pragma once
// The parts of an e-mail that are not its body, done by GMime (Debian's
// libgmime-3.0): RFC 5322 addresses with display names, quoting and IDN
// domains; RFC 2047 encoded header text, folded; the Date header. The body
// (multipart/alternative, base64 parts) is built by libcurl's MIME API in
// smtp.cpp.
#include "core/clock.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace frr::delivery {

// One mailbox as the header shows it and as the SMTP envelope needs it.
struct Mailbox {
    std::string header;    // "frr <reports@example.com>", display name RFC 2047-encoded when not ASCII
    std::string envelope;  // "reports@example.com", the domain in ASCII (IDNA) for MAIL FROM / RCPT TO
};

// Parses one RFC 5322 mailbox ("frr <reports@example.com>",
// "\"Acme, Ltd\" <a@b.example>", "a@bücher.example"). Throws Error(config)
// naming `key` when `text` is not exactly one address with a local part and a
// domain.
Mailbox parse_mailbox(const std::string& text, const std::string& key);
// Every mailbox of every entry (an entry may hold a comma-separated list).
std::vector<Mailbox> parse_mailboxes(const std::vector<std::string>& entries, const std::string& key);

// "Subject: =?UTF-8?b?...?=" folded to lines of at most 78 characters
// (RFC 2047 encoded words where the text is not plain ASCII), without the
// trailing line end.
std::string encoded_header(std::string_view name, std::string_view value);
// "Fri, 27 Nov 2026 06:00:00 +0000"
std::string rfc5322_date(core::TimePoint t);
// Unique per store, report, copy and recipients, and the same again for the
// same four (a resend after a crash is detectable as a duplicate):
// "<frr.<report id>.<hash>@<domain of from>>". `store_key` tells apart two
// stores whose reports reach one inbox.
std::string message_id_for(const std::string& report_id, const std::string& store_key, const Mailbox& from,
                           const std::vector<Mailbox>& to);
// The domain part of an address ("reports@example.com" -> "example.com").
std::string domain_of(std::string_view address);

}  // namespace frr::delivery
