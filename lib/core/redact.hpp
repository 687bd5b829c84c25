#pragma once
// The one redaction helper: every URL, header or message that may carry a
// secret passes through it before reaching a log line, a report or a file.
#include <string>
#include <string_view>
#include <vector>

namespace frr::core {

// Masks userinfo, secret-looking query values (token, key, secret, signature,
// password, code, sig, access_token, refresh_token, api_key) and the secret
// path of Slack and other webhook URLs. Keeps scheme, host and path shape.
std::string redact_url(std::string_view url);

// "jane.doe@example.com" -> "j***@example.com"; "" stays ""; whole characters, valid UTF-8
// (text::mask_email).
std::string mask_email(std::string_view email);

// Holds the run's secret values (tokens, keys, passwords, webhook URLs) and
// replaces each occurrence in a text with "[redacted]". Thread-safe to read.
class Redactor {
public:
    void add_secret(std::string secret);
    std::string scrub(std::string text) const;
    const std::vector<std::string>& secrets() const { return m_secrets; }

private:
    std::vector<std::string> m_secrets;
};

}  // namespace frr::core
