#pragma once
// The channels that POST JSON over HTTP, through net::execute (the shared
// retry loop with full jitter and Retry-After).
//
// Webhook: body = the JSON report wrapped with its id and the missed list;
// headers X-Frr-Signature: sha256=<hex HMAC-SHA256 of the exact body> and
// Idempotency-Key: <report id>:webhook, so the receiver can verify and
// de-duplicate: a retry or a resend after a crash is safe.
//
// Slack incoming webhook: {"text", "blocks"}. Slack has no idempotency key, so
// only failures that prove nothing was posted are retried (no connection,
// 429, 5xx); a timeout or a dropped connection after the request went out is
// `uncertain` and is not repeated.
//
// Both: 2xx is delivered; other 4xx are permanent (the URL or the payload is
// wrong); the URL is never logged (Slack's is a secret; a webhook's may carry one).
#include "delivery/channel.hpp"
#include "delivery/env.hpp"

namespace frr::delivery {

class WebhookChannel final : public Channel {
public:
    WebhookChannel(std::string url, std::string signing_secret, const DeliveryEnv& env);
    std::string name() const override { return "webhook"; }
    Replay replay() const override { return Replay::safe; }
    DeliveryOutcome deliver(const OutgoingReport& report) override;
    // The request body for `report` (exposed for tests and docs).
    static std::string body_for(const OutgoingReport& report);

private:
    std::string m_url;
    std::string m_secret;
    const DeliveryEnv& m_env;
};

class SlackChannel final : public Channel {
public:
    SlackChannel(std::string webhook_url, const DeliveryEnv& env);
    std::string name() const override { return "slack"; }
    Replay replay() const override { return Replay::unsafe; }
    DeliveryOutcome deliver(const OutgoingReport& report) override;
    static std::string body_for(const OutgoingReport& report);

private:
    std::string m_url;
    const DeliveryEnv& m_env;
};

// Throws Error(config) unless the URL is https:// (or http:// to loopback).
void require_https(const std::string& url, const char* key);

}  // namespace frr::delivery
