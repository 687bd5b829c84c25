#include "delivery/smtp.hpp"

#include "core/error.hpp"
#include "core/loopback.hpp"
#include "delivery/mime.hpp"
#include "net/url.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

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

struct MimeDeleter {
    void operator()(curl_mime* m) const { curl_mime_free(m); }
};
using Mime = std::unique_ptr<curl_mime, MimeDeleter>;

// What one SMTP exchange collects from libcurl's callbacks.
struct Exchange {
    std::string last_reply;   // the server's most recent reply (the final one on success)
    std::string error_reply;  // the first refusal (4xx/5xx), in full: what the server said and why
    std::string pending;      // lines of a multi-line reply not yet complete
    bool data_sent = false;   // the message body went out (DATA accepted, body uploaded)
};

// Only the server's replies (CURLINFO_HEADER_IN) are kept: they carry no
// secret. Our own commands (AUTH ...) are never looked at.
int on_debug(CURL*, curl_infotype type, char* data, std::size_t size, void* user)
{
    auto* ex = static_cast<Exchange*>(user);
    if (type == CURLINFO_DATA_OUT)
        ex->data_sent = true;
    if (type != CURLINFO_HEADER_IN)
        return 0;
    std::string line(data, size);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
        line.pop_back();
    if (line.size() < 3)
        return 0;
    // "550-5.1.1 first line" continues; "550 5.1.1 last line" ends the reply.
    const bool continues = line.size() > 3 && line[3] == '-';
    ex->pending += (ex->pending.empty() ? "" : " ") + (ex->pending.empty() ? line : line.substr(4));
    if (continues)
        return 0;
    ex->last_reply = ex->pending;
    ex->pending.clear();
    if (ex->error_reply.empty() && (line[0] == '4' || line[0] == '5'))
        ex->error_reply = ex->last_reply;
    return 0;
}

bool never_connected(CURLcode rc)
{
    return rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
        rc == CURLE_COULDNT_RESOLVE_PROXY;
}

DeliveryOutcome classify(CURLcode rc, long reply, const Exchange& ex, const char* curl_error)
{
    DeliveryOutcome out;
    if (rc == CURLE_OK) {
        out.kind = OutcomeKind::delivered;
        out.confirmation = ex.last_reply.empty() ? fmt::format("{} accepted", reply) : ex.last_reply;
        return out;
    }
    // The server's own words first: "501 5.1.7 Bad sender address syntax",
    // never the "221 Bye" that closes the session after it.
    const std::string what = *curl_error ? curl_error : curl_easy_strerror(rc);
    out.error = ex.error_reply.empty() ? what : fmt::format("server replied {} ({})", ex.error_reply, what);
    if (reply >= 400 && reply < 500)
        out.kind = OutcomeKind::temporary;
    else if (reply >= 500 && reply < 600)
        out.kind = OutcomeKind::permanent;
    else if (never_connected(rc))
        out.kind = OutcomeKind::temporary;
    else if (rc == CURLE_LOGIN_DENIED || rc == CURLE_USE_SSL_FAILED || rc == CURLE_PEER_FAILED_VERIFICATION ||
             rc == CURLE_SSL_CONNECT_ERROR || rc == CURLE_UNSUPPORTED_PROTOCOL || rc == CURLE_URL_MALFORMAT)
        out.kind = OutcomeKind::permanent;
    else if (ex.data_sent && ex.error_reply.empty())
        out.kind = OutcomeKind::uncertain;  // the message went out; the final reply did not come back
    else
        out.kind = OutcomeKind::temporary;
    return out;
}

// Appends to an slist; false when out of memory.
bool append(Slist& list, const std::string& line)
{
    curl_slist* grown = curl_slist_append(list.get(), line.c_str());
    if (!grown)
        return false;
    static_cast<void>(list.release());
    list.reset(grown);
    return true;
}

}  // namespace

void validate_smtp(const SmtpSettings& s)
{
    auto authority = net::parse_authority(s.url);
    if (!authority || (authority->scheme != "smtp" && authority->scheme != "smtps"))
        throw core::Error(core::ExitCode::config,
                          "delivery.email.smtp_url must be smtps://HOST:465 or smtp://HOST:587",
                          "delivery.email.smtp_url", "smtp:// is upgraded with STARTTLS, which is required");
    parse_mailbox(s.from, "delivery.email.from");
    if (s.to.empty())
        throw core::Error(core::ExitCode::config, "delivery.email.to lists no recipient",
                          "delivery.email.to");
    parse_mailboxes(s.to, s.copy == MailCopy::client ? "delivery.email.to" : "delivery.email.operator_to");
}

SmtpChannel::SmtpChannel(SmtpSettings settings, const DeliveryEnv& env)
    : m_settings(std::move(settings)),
      m_env(env)
{
    validate_smtp(m_settings);
    m_from = parse_mailbox(m_settings.from, "delivery.email.from");
    m_to = parse_mailboxes(m_settings.to, "delivery.email.to");
}

std::string SmtpChannel::message_id(const OutgoingReport& report) const
{
    const auto copy = m_settings.copy == MailCopy::client ? "client" : "operator";
    return message_id_for(report.report_id, m_settings.store_key + "\n" + copy, m_from, m_to);
}

DeliveryOutcome SmtpChannel::deliver(const OutgoingReport& report)
{
    auto host = net::url_host(m_settings.url);
    auto outcome = with_retries(m_env, "smtp", [&] { return attempt(report); });
    if (outcome.kind == OutcomeKind::delivered)
        m_env.logger.info(
            "smtp",
            fmt::format("report {} accepted by {}: {}", report.report_id, host, outcome.confirmation));
    return outcome;
}

DeliveryOutcome SmtpChannel::attempt(const OutgoingReport& report) const
{
    ensure_curl_global();
    CurlHandle curl(curl_easy_init());
    if (!curl)
        return DeliveryOutcome{OutcomeKind::temporary, "", "libcurl could not allocate a handle", 0};
    CURL* h = curl.get();
    const auto oom = DeliveryOutcome{OutcomeKind::temporary, "", "out of memory", 0};
    auto authority = net::parse_authority(m_settings.url);
    bool loopback = authority && core::is_loopback_host(authority->host);
    Slist rcpt;
    std::string to_header;
    for (const auto& to : m_to) {
        if (!append(rcpt, "<" + to.envelope + ">"))
            return oom;
        to_header += (to_header.empty() ? "" : ", ") + to.header;
    }
    const bool operator_copy = m_settings.copy == MailCopy::operator_copy;
    const auto& text = operator_copy && !report.operator_text.empty() ? report.operator_text : report.text;
    const auto& html = operator_copy && !report.operator_html.empty() ? report.operator_html : report.html;
    const auto body_text = report.with_note_text(text);
    const auto body_html = report.with_note_html(html);
    const auto subject = operator_copy ? "[operator copy] " + report.subject : report.subject;
    // The message headers; libcurl adds MIME-Version and the multipart's
    // Content-Type boundary to the multipart/alternative named here.
    Slist headers;
    for (const auto& line :
         {"Date: " + rfc5322_date(m_env.sending_clock().now()), "From: " + m_from.header, "To: " + to_header,
          encoded_header("Subject", subject), "Message-ID: " + message_id(report),
          std::string("Auto-Submitted: auto-generated"), "X-Frr-Report-Id: " + report.report_id,
          std::string("Content-Type: multipart/alternative")})
        if (!append(headers, line))
            return oom;
    Mime mime(curl_mime_init(h));
    if (!mime)
        return oom;
    for (const auto& [body, type] : {std::pair{&body_text, "text/plain; charset=utf-8"},
                                     std::pair{&body_html, "text/html; charset=utf-8"}}) {
        curl_mimepart* part = curl_mime_addpart(mime.get());
        if (!part || curl_mime_data(part, body->data(), body->size()) != CURLE_OK ||
            curl_mime_type(part, type) != CURLE_OK || curl_mime_encoder(part, "base64") != CURLE_OK)
            return oom;
    }
    Exchange ex;
    char error[CURL_ERROR_SIZE] = {};
    auto from = "<" + m_from.envelope + ">";
    curl_easy_setopt(h, CURLOPT_URL, m_settings.url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt.get());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_MIMEPOST, mime.get());
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
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
    return classify(rc, reply, ex, error);
}

}  // namespace frr::delivery
