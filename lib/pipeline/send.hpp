#pragma once
// `frr send`: delivers every rendered report not yet delivered to every
// configured channel (see delivery/sender.hpp for the queue and ledger rules),
// and the heartbeat pings `frr run` uses. Thin over lib/delivery.
#include "delivery/heartbeat.hpp"
#include "delivery/sender.hpp"
#include "pipeline/context.hpp"

#include <optional>
#include <string>

namespace frr::pipeline {

struct SendOptions {
    delivery::DryRun dry_run = delivery::DryRun::no;
    // yes: the newest report goes out again even where it (or a report for the
    // same moment) was already delivered or is uncertain: `frr send --resend`.
    delivery::Resend resend = delivery::Resend::no;
    // A dry run's own report, shown as what would be sent (dry_run yes only).
    std::optional<core::RunInfo> preview = std::nullopt;
};

struct SendResult {
    std::vector<delivery::ChannelResult> channels;
    core::ExitCode exit_code = core::ExitCode::ok;  // delivery_failed (5) when a channel still fails
    bool no_channels = false;                       // nothing configured: nothing was sent
};

// Throws core::Error(config) for an unresolvable secret or invalid channel URL,
// bad_input for an unreadable ledger entry, cannot_write for the ledger.
SendResult run_send(const RunContext& ctx, SendOptions options);

// Keeps `run`'s report from every configured channel on purpose (monitoring
// is paused and its notice already went out): recorded `held` in the ledger,
// so it is neither sent later nor listed to the client as a missed report.
void hold_report(const RunContext& ctx, const core::RunInfo& run);

using delivery::HeartbeatEvent;
// Pings delivery.heartbeat.url (when configured) for `event`. Never throws,
// never fatal: returns false when not configured or the ping failed.
bool ping_heartbeat(const RunContext& ctx, HeartbeatEvent event, const std::string& message);

}  // namespace frr::pipeline
