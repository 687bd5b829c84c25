#pragma once
// `send`: deliver every rendered report not yet delivered, to every channel,
// never twice. Per channel:
//   1. Reports (runs with report.json) newer than the newest one already
//      delivered (or uncertain) on this channel are pending; older ones that
//      never went out are marked `superseded`: the client wants today's state.
//   2. Only the NEWEST pending report is sent; the older pending ones are
//      folded into it as "missed reports" (a note at its top) and marked
//      `superseded` once it is delivered.
//   3. One report per moment: a report whose as-of equals that of a report
//      already delivered (or uncertain) on this channel, and that checks
//      nothing more than it did (no fewer "could not check" gaps), is not sent:
//      a second `frr run` at the same --as-of. A re-run that recovered
//      coverage (a platform was down the first time) does go out. Resend::yes
//      sends the newest report even where it, or its moment, already went out.
//   4. Ledger protocol: `attempting` before sending, then `delivered` with the
//      receiver's confirmation, or `failed` (stays queued for the next run),
//      or `uncertain`.
//   5. An entry left `attempting` by a killed send counts one attempt whose
//      outcome is unknown. On a Replay::safe channel (webhook with
//      Idempotency-Key, outbox) the interrupted delivery is finished: the same
//      report is sent again, before any newer one, because a repeat is
//      harmless there. On a Replay::unsafe channel (SMTP, Slack) it becomes
//      `uncertain` and is NOT resent: a report that may have been accepted
//      must not reach the client twice. The SMTP Message-ID is deterministic,
//      so a manual resend (Resend::yes) is still detectable as a duplicate.
// Exit code: 5 (delivery_failed) when any channel ends failed; 0 otherwise.
#include "core/error.hpp"
#include "core/state_dir.hpp"
#include "delivery/channel.hpp"
#include "delivery/env.hpp"
#include "delivery/ledger.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace frr::core {
class Redactor;
}

namespace frr::delivery {

enum class DryRun { no, yes };
// yes: send the newest report even to a channel that already has it or
// another report for the same moment (an operator's explicit decision).
enum class Resend { no, yes };

enum class ChannelStatus {
    delivered,        // the newest pending report was confirmed
    failed,           // not delivered after retries; the report stays queued
    uncertain,        // may have arrived; recorded, not resent
    nothing_to_send,  // every report already delivered on this channel
    already_sent,     // a report for the newest one's moment, as complete, already went out
    would_send,       // dry run
};

const char* to_string(ChannelStatus status);

struct ChannelResult {
    std::string channel;
    ChannelStatus status = ChannelStatus::nothing_to_send;
    std::string report_id;            // the report sent (or that would be)
    std::vector<std::string> folded;  // older reports folded into it
    std::string confirmation;         // receiver's reply when delivered
    std::string error;                // redacted
    int attempts = 0;
    bool resumed = false;  // finishing a send a crash interrupted
};

// One result per channel, except that a channel finishing an interrupted send
// before the newest report has two (the resumed one first).
struct SendSummary {
    std::vector<ChannelResult> channels;
    core::ExitCode exit_code = core::ExitCode::ok;
};

struct SendRequest {
    const core::StateDir& state;
    std::vector<std::unique_ptr<Channel>>& channels;
    core::Clock& clock;
    core::Logger& logger;
    const core::Redactor* redactor = nullptr;  // scrubs errors before ledger and logs
    DryRun dry_run = DryRun::no;
    Resend resend = Resend::no;
    // A dry run's own report (in dry-runs/, outside history): shown as what
    // would be sent; only read when dry_run is yes.
    std::optional<core::RunInfo> preview = std::nullopt;
};

SendSummary send_pending(const SendRequest& request);

// Records `report` as held on every channel (LedgerState::held): it is not
// sent, and no later report lists it as missed. Reports already delivered,
// uncertain or superseded are left as they are.
void hold_report(const core::StateDir& state, const core::RunInfo& report,
                 const std::vector<std::unique_ptr<Channel>>& channels, core::TimePoint now,
                 const std::string& why);

}  // namespace frr::delivery
