#include "delivery/http_channels.hpp"

#include "core/error.hpp"
#include "core/hmac.hpp"
#include "core/log.hpp"
#include "net/executor.hpp"
#include "net/url.hpp"

#include <fmt/format.h>

namespace frr::delivery {

namespace {

std::string missed_json(const OutgoingReport& r)
{
    std::string out = "[";
    for (std::size_t i = 0; i < r.missed.size(); ++i) {
        const auto& m = r.missed[i];
        out += fmt::format("{}{{\"report_id\": {}, \"as_of_local\": {}, \"status\": {}, \"score\": {}}}",
                           i ? ", " : "", core::json_quote(m.report_id), core::json_quote(m.as_of_local),
                           core::json_quote(m.status), m.score);
    }
    return out + "]";
}

DeliveryOutcome outcome_of(const net::ExecuteResult& ex)
{
    DeliveryOutcome out;
    out.attempts = ex.attempts;
    if (ex.result.response) {
        const auto& resp = *ex.result.response;
        std::string body = resp.body.substr(0, 200);
        if (resp.status >= 200 && resp.status < 300) {
            out.kind = OutcomeKind::delivered;
            out.confirmation = fmt::format("HTTP {}{}{}", resp.status, body.empty() ? "" : " ", body);
            return out;
        }
        out.error = fmt::format("HTTP {}{}{}", resp.status, body.empty() ? "" : ": ", body);
        out.kind = ex.gave_up() ? OutcomeKind::temporary : OutcomeKind::permanent;
        return out;
    }
    const auto& err = *ex.result.error;
    out.error = err.message;
    out.kind =
        net::classify_error(err.kind) == net::Verdict::done ? OutcomeKind::permanent : OutcomeKind::temporary;
    return out;
}

}  // namespace

void require_https(const std::string& url, const char* key)
{
    if (!net::is_allowed_url(url))
        throw core::Error(core::ExitCode::config, fmt::format("{} must be an https:// URL", key), key,
                          "plain http:// is accepted only for loopback hosts");
}

WebhookChannel::WebhookChannel(std::string url, std::string signing_secret, const DeliveryEnv& env)
    : m_url(std::move(url)),
      m_secret(std::move(signing_secret)),
      m_env(env)
{
    require_https(m_url, "delivery.webhook.url");
}

std::string WebhookChannel::body_for(const OutgoingReport& r)
{
    auto report = r.json;
    while (!report.empty() && (report.back() == '\n' || report.back() == ' '))
        report.pop_back();
    return fmt::format("{{\"event\": \"frr.report\", \"report_id\": {}, \"subject\": {}, \"status\": {}, "
                       "\"score\": {}, \"missed_reports\": {}, \"report\": {}}}",
                       core::json_quote(r.report_id), core::json_quote(r.subject), core::json_quote(r.status),
                       r.score, missed_json(r), report.empty() ? "null" : report);
}

DeliveryOutcome WebhookChannel::deliver(const OutgoingReport& report)
{
    net::HttpRequest request;
    request.method = "POST";
    request.url = m_url;
    request.body = body_for(report);
    request.headers = {{"Content-Type", "application/json"},
                       {"Idempotency-Key", report.report_id + ":webhook"},
                       {"X-Frr-Report-Id", report.report_id}};
    if (!m_secret.empty())
        request.headers.emplace_back("X-Frr-Signature",
                                     "sha256=" + core::hmac_sha256_hex(m_secret, request.body));
    net::RequestStats stats;
    auto ex = net::execute(m_env.transport, request, m_env.policy, m_env.sleeper, m_env.random, stats);
    auto out = outcome_of(ex);
    m_env.logger.info("webhook",
                      fmt::format("report {} to {}: {}", report.report_id, net::url_host(m_url),
                                  out.kind == OutcomeKind::delivered ? out.confirmation : out.error));
    return out;
}

SlackChannel::SlackChannel(std::string webhook_url, const DeliveryEnv& env)
    : m_url(std::move(webhook_url)),
      m_env(env)
{
    require_https(m_url, "delivery.slack.webhook_url");
}

std::string SlackChannel::body_for(const OutgoingReport& r)
{
    // The first lines of the text report (status, score, verdict) are the message;
    // the full report goes by e-mail or the outbox.
    std::string summary;
    std::size_t lines = 0;
    for (std::size_t pos = 0; pos < r.text.size() && lines < 5; ++lines) {
        auto end = r.text.find('\n', pos);
        if (end == std::string::npos)
            end = r.text.size();
        summary += r.text.substr(pos, end - pos) + "\n";
        pos = end + 1;
    }
    std::string note = r.missed_note();
    std::string blocks =
        fmt::format("[{{\"type\": \"header\", \"text\": {{\"type\": \"plain_text\", \"text\": {}}}}}, "
                    "{{\"type\": \"section\", \"text\": {{\"type\": \"mrkdwn\", \"text\": {}}}}}",
                    core::json_quote(r.subject.substr(0, 150)), core::json_quote(summary.substr(0, 2900)));
    if (!note.empty())
        blocks +=
            fmt::format(", {{\"type\": \"context\", \"elements\": [{{\"type\": \"mrkdwn\", \"text\": {}}}]}}",
                        core::json_quote(note));
    blocks += "]";
    return fmt::format("{{\"text\": {}, \"blocks\": {}}}", core::json_quote(r.subject), blocks);
}

DeliveryOutcome SlackChannel::deliver(const OutgoingReport& report)
{
    net::HttpRequest request;
    request.method = "POST";
    request.url = m_url;
    request.body = body_for(report);
    request.headers = {{"Content-Type", "application/json"}};
    // Retry only what proves nothing was posted: no connection, 429, 5xx.
    auto classify = [](const net::HttpResult& r) {
        if (r.response)
            return net::classify_status(r.response->status);
        return r.error->kind == net::TransportErrorKind::connect ? net::Verdict::retry : net::Verdict::done;
    };
    net::RequestStats stats;
    auto ex =
        net::execute(m_env.transport, request, m_env.policy, m_env.sleeper, m_env.random, stats, classify);
    auto out = outcome_of(ex);
    if (ex.result.error &&
        (ex.result.error->kind == net::TransportErrorKind::timeout ||
         ex.result.error->kind == net::TransportErrorKind::reset))
        out.kind = OutcomeKind::uncertain;
    m_env.logger.info("slack",
                      fmt::format("report {}: {}", report.report_id,
                                  out.kind == OutcomeKind::delivered ? out.confirmation : out.error));
    return out;
}

}  // namespace frr::delivery
