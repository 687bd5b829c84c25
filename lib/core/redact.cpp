#include "core/redact.hpp"

#include "text/email_identity.hpp"
#include "text/utf8.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace frr::core {

namespace {

bool is_secret_key(std::string_view key)
{
    const std::string lower = text::ascii_lower(key);
    constexpr std::array<std::string_view, 10> k_words{"token", "key", "secret", "signature",  "password",
                                                       "code",  "sig", "auth",   "credential", "hmac"};
    return std::any_of(k_words.begin(), k_words.end(),
                       [&](std::string_view w) { return lower.find(w) != std::string::npos; });
}

}  // namespace

std::string redact_url(std::string_view url)
{
    std::string out(url);
    auto scheme_end = out.find("://");
    std::size_t host_start = scheme_end == std::string::npos ? 0 : scheme_end + 3;
    auto path_start = out.find('/', host_start);
    auto at = out.find('@', host_start);
    if (at != std::string::npos && (path_start == std::string::npos || at < path_start)) {
        out.replace(host_start, at - host_start, "[redacted]");
        path_start = out.find('/', host_start);
    }
    // Webhook URLs carry their secret in the path: keep only the first segment.
    bool webhook = out.find("hooks.slack.com") != std::string::npos ||
        out.find("/webhook") != std::string::npos || out.find("/hooks/") != std::string::npos;
    auto query = out.find('?');
    if (webhook && path_start != std::string::npos) {
        auto second = out.find('/', path_start + 1);
        auto end = query == std::string::npos ? out.size() : query;
        if (second != std::string::npos && second < end)
            out.replace(second, end - second, "/[redacted]");
        query = out.find('?');
    }
    if (query == std::string::npos)
        return out;
    std::string result = out.substr(0, query + 1);
    std::string_view rest(out);
    rest.remove_prefix(query + 1);
    bool first = true;
    while (!rest.empty()) {
        auto amp = rest.find('&');
        auto pair = rest.substr(0, amp);
        auto eq = pair.find('=');
        if (!first)
            result += '&';
        first = false;
        if (eq != std::string_view::npos && is_secret_key(pair.substr(0, eq))) {
            result += pair.substr(0, eq);
            result += "=[redacted]";
        } else {
            result += pair;
        }
        if (amp == std::string_view::npos)
            break;
        rest.remove_prefix(amp + 1);
    }
    return result;
}

std::string mask_email(std::string_view email)
{
    return text::mask_email(email);
}

void Redactor::add_secret(std::string secret)
{
    // Very short values would scrub ordinary words; secrets are never that short.
    if (secret.size() < 6)
        return;
    if (std::find(m_secrets.begin(), m_secrets.end(), secret) == m_secrets.end())
        m_secrets.push_back(std::move(secret));
    std::sort(m_secrets.begin(), m_secrets.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string Redactor::scrub(std::string text) const
{
    for (const auto& s : m_secrets) {
        std::size_t pos = 0;
        while ((pos = text.find(s, pos)) != std::string::npos) {
            text.replace(pos, s.size(), "[redacted]");
            pos += 10;
        }
    }
    return text;
}

}  // namespace frr::core
