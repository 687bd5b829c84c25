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
// may have queued it, so it is not retried blindly.
#include "delivery/channel.hpp"
#include "delivery/env.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace frr::delivery {

struct SmtpSettings {
    std::string url;  // smtps://host:465, smtp://host:587
    std::string from;
    std::vector<std::string> to;
    std::string username;  // "" -> no AUTH
    std::string password;
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds total_timeout{60'000};
};

// Throws Error(config) for a scheme other than smtp/smtps, no host, no sender or
// no recipient, naming delivery.email and what to do.
void validate_smtp(const SmtpSettings& settings);

class SmtpChannel final : public Channel {
public:
    SmtpChannel(SmtpSettings settings, const DeliveryEnv& env);
    std::string name() const override { return "email"; }
    Replay replay() const override { return Replay::unsafe; }
    DeliveryOutcome deliver(const OutgoingReport& report) override;
    // The Message-ID this channel gives `report` (deterministic).
    std::string message_id(const OutgoingReport& report) const override;

private:
    DeliveryOutcome attempt(const std::string& message) const;

    SmtpSettings m_settings;
    const DeliveryEnv& m_env;
};

}  // namespace frr::delivery
