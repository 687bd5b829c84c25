#include "pipeline/send.hpp"

#include "core/redact.hpp"
#include "delivery/channels.hpp"

#include <fmt/format.h>

namespace frr::pipeline {

namespace {

delivery::DeliveryEnv env_of(const RunContext& ctx)
{
    return delivery::DeliveryEnv{ctx.services.clock,     ctx.services.sleeper,
                                 ctx.services.random,    ctx.services.logger,
                                 ctx.services.transport, delivery::delivery_policy(ctx.config.delivery),
                                 ctx.services.wall_clock};
}

}  // namespace

SendResult run_send(const RunContext& ctx, SendOptions options)
{
    core::Redactor redactor;
    for (auto& secret : core::resolvable_secrets(ctx.config))
        redactor.add_secret(std::move(secret));
    auto env = env_of(ctx);
    auto channels =
        delivery::make_channels(ctx.config.delivery, ctx.state.root(), env,
                                ctx.config.source.settings->account() + "\n" + ctx.config.store.name);
    SendResult result;
    if (channels.empty()) {
        result.no_channels = true;
        ctx.services.logger.warn(
            "send", "no delivery channel is configured (delivery.outbox, email, slack, webhook)");
        return result;
    }
    auto summary = delivery::send_pending({ctx.state, channels, ctx.services.clock, ctx.services.logger,
                                           &redactor, options.dry_run, options.resend, options.preview});
    result.channels = std::move(summary.channels);
    result.exit_code = summary.exit_code;
    return result;
}

void hold_report(const RunContext& ctx, const core::RunInfo& run)
{
    auto env = env_of(ctx);
    auto channels = delivery::make_channels(ctx.config.delivery, ctx.state.root(), env);
    delivery::hold_report(ctx.state, run, channels, ctx.services.clock.now(),
                          "held: monitoring is paused and its notice already went out");
}

bool ping_heartbeat(const RunContext& ctx, HeartbeatEvent event, const std::string& message)
{
    const auto& hb = ctx.config.delivery.heartbeat;
    if (!hb || hb->url.empty())
        return false;
    try {
        auto url = hb->url.resolve();
        core::Redactor redactor;
        for (auto& secret : core::resolvable_secrets(ctx.config))
            redactor.add_secret(std::move(secret));
        auto env = env_of(ctx);
        return delivery::ping_heartbeat(env, url, event, redactor.scrub(message));
    } catch (const std::exception& e) {
        ctx.services.logger.warn("heartbeat", fmt::format("not pinged: {}", e.what()));
        return false;
    }
}

}  // namespace frr::pipeline
