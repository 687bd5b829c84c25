#include "delivery/channels.hpp"

#include "delivery/http_channels.hpp"
#include "delivery/outbox.hpp"
#include "delivery/smtp.hpp"

namespace frr::delivery {

net::RetryPolicy delivery_policy(const core::DeliveryConfig& config)
{
    net::RetryOptions o;
    o.max_attempts = std::max(1, config.max_attempts);
    o.base_delay = std::chrono::duration_cast<std::chrono::milliseconds>(config.base_delay);
    o.max_delay = std::chrono::minutes(5);
    return net::RetryPolicy(o);
}

std::vector<std::unique_ptr<Channel>> make_channels(const core::DeliveryConfig& config,
                                                    const std::filesystem::path& state_root,
                                                    const DeliveryEnv& env, const std::string& store_key)
{
    std::vector<std::unique_ptr<Channel>> out;
    if (config.outbox) {
        auto dir = config.outbox->dir.is_relative() ? state_root / config.outbox->dir : config.outbox->dir;
        out.push_back(std::make_unique<OutboxChannel>(dir, env));
    }
    if (config.email) {
        const auto& e = *config.email;
        SmtpSettings s;
        s.url = e.smtp_url;
        s.from = e.from;
        s.store_key = store_key;
        if (!e.username.empty())
            s.username = e.username.resolve();
        if (!e.password.empty())
            s.password = e.password.resolve();
        // `to` gets the copy it is configured for; `operator_to` a separate
        // message with the operator's copy (its own ledger entry).
        if (!e.to.empty()) {
            auto main = s;
            main.to = e.to;
            main.copy = e.copy == core::Audience::operator_copy ? MailCopy::operator_copy : MailCopy::client;
            out.push_back(std::make_unique<SmtpChannel>(std::move(main), env));
        }
        if (!e.operator_to.empty() && e.copy != core::Audience::operator_copy) {
            auto ops = s;
            ops.to = e.operator_to;
            ops.copy = MailCopy::operator_copy;
            out.push_back(std::make_unique<SmtpChannel>(std::move(ops), env));
        }
    }
    if (config.slack)
        out.push_back(std::make_unique<SlackChannel>(config.slack->webhook_url.resolve(), env));
    if (config.webhook) {
        const auto& w = *config.webhook;
        out.push_back(std::make_unique<WebhookChannel>(
            w.url, w.signing_secret.empty() ? std::string() : w.signing_secret.resolve(), env));
    }
    return out;
}

}  // namespace frr::delivery
