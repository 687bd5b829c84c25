#include "delivery/smtp.hpp"

#include "core/error.hpp"
#include "delivery/mime.hpp"
#include "net/url.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <cstring>
#include <memory>

namespace frr::delivery {

namespace {

void ensure_curl_global()
{
    static const CURLcode k_init = curl_global_init(CURL_GLOBAL_DEFAULT);
    if (k_init != CURLE_OK)
        throw core::Error(core::ExitCode::internal, "libcurl initialisation failed");
}

struct CurlDeleter {
    void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct SlistDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

// What one SMTP exchange collects from libcurl's callbacks.
struct Exchange {
    const std::string* message = nullptr;
    std::size_t offset = 0;
    std::string last_reply;  // the server's most recent reply line
};

std::size_t on_read(char* buffer, std::size_t size, std::size_t count, void* user)
{
    auto* ex = static_cast<Exchange*>(user);
    std::size_t n = std::min(size * count, ex->message->size() - ex->offset);
    std::memcpy(buffer, ex->message->data() + ex->offset, n);
    ex->offset += n;
    return n;
}

// Only the server's replies (CURLINFO_HEADER_IN) are kept: they carry no
// secret. Our own commands (AUTH ...) are never looked at.
int on_debug(CURL*, curl_infotype type, char* data, std::size_t size, void* user)
{
    if (type == CURLINFO_HEADER_IN) {
        std::string line(data, size);
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
            line.pop_back();
        if (!line.empty())
            static_cast<Exchange*>(user)->last_reply = line;
    }
    return 0;
}

bool never_connected(CURLcode rc)
{
    return rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
        rc == CURLE_COULDNT_RESOLVE_PROXY;
}

DeliveryOutcome classify(CURLcode rc, long reply, const Exchange& ex)
{
    DeliveryOutcome out;
    std::string detail = ex.last_reply.empty() ? curl_easy_strerror(rc) : ex.last_reply;
    if (rc == CURLE_OK) {
        out.kind = OutcomeKind::delivered;
        out.confirmation = ex.last_reply.empty() ? fmt::format("{} accepted", reply) : ex.last_reply;
        return out;
    }
    out.error = fmt::format("{} ({})", curl_easy_strerror(rc), detail);
    if (reply >= 400 && reply < 500)
        out.kind = OutcomeKind::temporary;
    else if (reply >= 500 && reply < 600)
        out.kind = OutcomeKind::permanent;
    else if (never_connected(rc))
        out.kind = OutcomeKind::temporary;
    else if (rc == CURLE_LOGIN_DENIED || rc == CURLE_USE_SSL_FAILED || rc == CURLE_PEER_FAILED_VERIFICATION ||
             rc == CURLE_SSL_CONNECT_ERROR || rc == CURLE_UNSUPPORTED_PROTOCOL || rc == CURLE_URL_MALFORMAT)
        out.kind = OutcomeKind::permanent;
    else if (ex.message && ex.offset == ex.message->size())
        out.kind = OutcomeKind::uncertain;  // the whole message went out; the final reply did not come back
    else
        out.kind = OutcomeKind::temporary;
    return out;
}

std::string bracketed(const std::string& address)
{
    return address.starts_with("<") ? address : "<" + address + ">";
}

}  // namespace

void validate_smtp(const SmtpSettings& s)
{
    auto authority = net::parse_authority(s.url);
    if (!authority || (authority->scheme != "smtp" && authority->scheme != "smtps"))
        throw core::Error(core::ExitCode::config,
                          "delivery.email.smtp_url must be smtps://HOST:465 or smtp://HOST:587",
                          "delivery.email.smtp_url", "smtp:// is upgraded with STARTTLS, which is required");
    if (s.from.find('@') == std::string::npos)
        throw core::Error(core::ExitCode::config, "delivery.email.from must be an e-mail address",
                          "delivery.email.from");
    if (s.to.empty())
        throw core::Error(core::ExitCode::config, "delivery.email.to lists no recipient",
                          "delivery.email.to");
}

SmtpChannel::SmtpChannel(SmtpSettings settings, const DeliveryEnv& env)
    : m_settings(std::move(settings)),
      m_env(env)
{
    validate_smtp(m_settings);
}

std::string SmtpChannel::message_id(const OutgoingReport& report) const
{
    return message_id_for(report.report_id, m_settings.from, m_settings.to);
}

DeliveryOutcome SmtpChannel::deliver(const OutgoingReport& report)
{
    MailHeaders headers{m_settings.from,    m_settings.to,     report.subject,
                        message_id(report), m_env.clock.now(), report.report_id};
    auto message = build_message(headers, report.text_with_note(), report.html_with_note());
    auto host = net::url_host(m_settings.url);
    auto outcome = with_retries(m_env, "smtp", [&] { return attempt(message); });
    if (outcome.kind == OutcomeKind::delivered)
        m_env.logger.info(
            "smtp",
            fmt::format("report {} accepted by {}: {}", report.report_id, host, outcome.confirmation));
    return outcome;
}

DeliveryOutcome SmtpChannel::attempt(const std::string& message) const
{
    ensure_curl_global();
    CurlHandle curl(curl_easy_init());
    if (!curl)
        return DeliveryOutcome{OutcomeKind::temporary, "", "libcurl could not allocate a handle", 0};
    CURL* h = curl.get();
    auto authority = net::parse_authority(m_settings.url);
    bool loopback = authority && is_loopback_host(authority->host);
    Slist rcpt;
    for (const auto& to : m_settings.to) {
        curl_slist* grown = curl_slist_append(rcpt.get(), bracketed(to).c_str());
        if (!grown)
            return DeliveryOutcome{OutcomeKind::temporary, "", "out of memory", 0};
        static_cast<void>(rcpt.release());
        rcpt.reset(grown);
    }
    Exchange ex{&message, 0, {}};
    auto from = bracketed(m_settings.from);
    curl_easy_setopt(h, CURLOPT_URL, m_settings.url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt.get());
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read);
    curl_easy_setopt(h, CURLOPT_READDATA, &ex);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
    curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);  // feeds on_debug; nothing is printed
    curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, on_debug);
    curl_easy_setopt(h, CURLOPT_DEBUGDATA, &ex);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(m_settings.connect_timeout.count()));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(m_settings.total_timeout.count()));
    // TLS is required except to a loopback relay, which may not offer it.
    curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(loopback ? CURLUSESSL_TRY : CURLUSESSL_ALL));
    if (!m_settings.username.empty()) {
        curl_easy_setopt(h, CURLOPT_USERNAME, m_settings.username.c_str());
        curl_easy_setopt(h, CURLOPT_PASSWORD, m_settings.password.c_str());
    }
    CURLcode rc = curl_easy_perform(h);
    long reply = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply);
    auto outcome = classify(rc, reply, ex);
    return outcome;
}

}  // namespace frr::delivery
