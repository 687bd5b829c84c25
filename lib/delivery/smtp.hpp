#pragma once
// E-mail over SMTP with libcurl. TLS is required: smtps:// (implicit TLS) or
// smtp:// with STARTTLS enforced (CURLUSESSL_ALL); only a loopback server
// (a local relay, a test sink) may be spoken to in plain text. Certificates
// are always verified. AUTH is used when a username is configured.
//
// Reply classes (RFC 5321 section 4.2.1): 4xx is temporary and retried with
// the shared backoff; 5xx is permanent and fails at once (no retry storm).
// No connection at all is temporary. A connection lost after the whole
// message was handed over, before the final reply, is `uncertain`: the server
// may have queued it, so it is not retried blindly. A refusal records the
// server's own reply ("501 5.1.7 Bad sender address syntax"), not the
// closing "221 Bye".
//
// Addresses are RFC 5322 mailboxes parsed by GMime (display names, quoting,
// IDN); the envelope (MAIL FROM, RCPT TO) uses the bare address. The body is
// built by libcurl's MIME API: multipart/alternative, text then HTML, UTF-8,
// base64. Date is the moment of sending; the report's own date is its as-of.
#include "delivery/channel.hpp"
#include "delivery/env.hpp"
#include "delivery/mime.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace frr::delivery {

// Which copy of the report the channel sends (docs/report.md "Two audiences").
enum class MailCopy { client, operator_copy };

struct SmtpSettings {
    std::string url;   // smtps://host:465, smtp://host:587
    std::string from;  // "frr <reports@example.com>" or a bare address
    std::vector<std::string> to;
    MailCopy copy = MailCopy::client;
    std::string store_key;  // tells two stores' reports apart in one inbox (Message-ID)
    std::string username;   // "" -> no AUTH
    std::string password;
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds total_timeout{60'000};
};

// Throws Error(config) for a scheme other than smtp/smtps, no host, a sender or
// recipient that is not an RFC 5322 address, or no recipient, naming
// delivery.email and what to do.
void validate_smtp(const SmtpSettings& settings);

class SmtpChannel final : public Channel {
public:
    SmtpChannel(SmtpSettings settings, const DeliveryEnv& env);
    // "email" for the client's copy, "email-operator" for the operator's: one
    // ledger entry each, so either is delivered exactly once.
    std::string name() const override
    {
        return m_settings.copy == MailCopy::client ? "email" : "email-operator";
    }
    Replay replay() const override { return Replay::unsafe; }
    DeliveryOutcome deliver(const OutgoingReport& report) override;
    // The Message-ID this channel gives `report` (deterministic).
    std::string message_id(const OutgoingReport& report) const override;

private:
    DeliveryOutcome attempt(const OutgoingReport& report) const;

    SmtpSettings m_settings;
    Mailbox m_from;
    std::vector<Mailbox> m_to;
    const DeliveryEnv& m_env;
};

}  // namespace frr::delivery
