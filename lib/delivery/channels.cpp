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
                                                    const DeliveryEnv& env)
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
        s.to = e.to;
        if (!e.username.empty())
            s.username = e.username.resolve();
        if (!e.password.empty())
            s.password = e.password.resolve();
        out.push_back(std::make_unique<SmtpChannel>(std::move(s), env));
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
