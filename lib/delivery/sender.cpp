#include "delivery/sender.hpp"

#include "core/fault.hpp"
#include "core/log.hpp"
#include "core/redact.hpp"

#include <fmt/format.h>

#include <optional>

namespace frr::delivery {

namespace {

LedgerEntry fresh_entry(const std::string& report_id, const std::string& channel)
{
    LedgerEntry e;
    e.report_id = report_id;
    e.channel = channel;
    return e;
}

bool is_settled(LedgerState s)
{
    return s == LedgerState::delivered || s == LedgerState::uncertain || s == LedgerState::superseded ||
        s == LedgerState::held;
}

// Delivered or possibly delivered: the client has (or may have) this moment.
bool went_out(LedgerState s)
{
    return s == LedgerState::delivered || s == LedgerState::uncertain;
}

// The missed-report list for `newest`: one entry per earlier moment (the last
// report of each), none for newest's own moment, which it replaces outright.
std::vector<MissedReport> missed_moments(const core::RunInfo& newest, const std::vector<core::RunInfo>& older)
{
    std::vector<MissedReport> missed;
    for (std::size_t i = 0; i < older.size(); ++i) {
        const auto& o = older[i];
        bool later_same_moment = i + 1 < older.size() && older[i + 1].as_of == o.as_of;
        if (o.as_of != newest.as_of && !later_same_moment)
            missed.push_back(summarise(o));
    }
    return missed;
}

class ChannelSender {
public:
    ChannelSender(const SendRequest& request, Channel& channel, const Ledger& ledger)
        : m_req(request),
          m_channel(channel),
          m_ledger(ledger)
    {
    }

    std::vector<ChannelResult> run(const std::vector<core::RunInfo>& reports)
    {
        auto pending = collect_pending(reports);
        if (!pending.empty()) {
            const auto newest = pending.back();
            pending.pop_back();
            if (m_req.dry_run == DryRun::yes) {
                m_results.push_back(would_send(newest, pending));
            } else {
                m_results.push_back(send(newest, pending));
                auto status = m_results.back().status;
                if (status == ChannelStatus::delivered || status == ChannelStatus::uncertain)
                    supersede(pending, newest.id);
            }
        } else if (m_skipped) {
            ChannelResult r;
            r.channel = m_channel.name();
            r.status = ChannelStatus::already_sent;
            r.report_id = *m_skipped;
            m_results.push_back(std::move(r));
        }
        if (m_results.empty()) {
            ChannelResult r;
            r.channel = m_channel.name();
            m_results.push_back(std::move(r));
        }
        return std::move(m_results);
    }

private:
    bool dry() const { return m_req.dry_run == DryRun::yes; }

    // Walks the reports oldest first. Resolves leftovers of a killed send
    // (finishing them on a replay-safe channel) and returns the reports still
    // to go, newer than anything already settled on this channel.
    std::vector<core::RunInfo> collect_pending(const std::vector<core::RunInfo>& reports)
    {
        std::vector<core::RunInfo> pending;
        std::optional<core::RunInfo> sent;  // the newest report that went out
        for (std::size_t i = 0; i < reports.size(); ++i) {
            const auto& run = reports[i];
            const bool newest = i + 1 == reports.size();
            auto entry = m_ledger.get(run.id, m_channel.name());
            if (entry && entry->state == LedgerState::attempting)
                entry = resolve_interrupted(run, *entry, newest, pending);
            const bool forced = newest && m_req.resend == Resend::yes;
            // Begun and to be finished (the newest, on a replay-safe channel): the
            // moment rule below must not strand it `attempting`.
            const bool unfinished = entry && entry->state == LedgerState::attempting;
            if (!forced && entry && is_settled(entry->state)) {
                supersede(pending, run.id);
                pending.clear();
                if (went_out(entry->state))
                    sent = run;
                continue;
            }
            if (!forced && !unfinished && sent && repeats(run, *sent)) {
                if (newest) {
                    m_skipped = run.id;
                    m_req.logger.info(
                        m_channel.name(),
                        fmt::format("report {}: a report for the same moment, as complete, already went "
                                    "out on this channel; not sent again (`frr send --resend` sends it "
                                    "anyway)",
                                    run.id));
                }
                continue;
            }
            pending.push_back(run);
        }
        return pending;
    }

    // True when `report` is for the moment of `sent` and checks nothing more:
    // a re-run at the same --as-of. One that covers what `sent` could not (a
    // platform was down then) is news and goes out.
    static bool repeats(const core::RunInfo& report, const core::RunInfo& sent)
    {
        return report.as_of == sent.as_of && summarise(report).not_checked >= summarise(sent).not_checked;
    }

    // An entry still `attempting`: a send began and was killed before its
    // outcome was recorded. Counts that attempt, then either records it
    // `uncertain` (replay-unsafe channel) or sends the report again now
    // (replay-safe; the newest report is simply left pending and sent last).
    // Returns the entry as it now stands.
    LedgerEntry resolve_interrupted(const core::RunInfo& run, LedgerEntry entry, bool newest,
                                    const std::vector<core::RunInfo>& older)
    {
        entry.attempts += 1;
        entry.updated_at = m_req.clock.now();
        if (m_channel.replay() == Replay::unsafe) {
            entry.state = LedgerState::uncertain;
            entry.error = "a previous send stopped after starting; the report may have arrived, so it is "
                          "not sent again";
        } else {
            entry.error = "a previous send stopped after starting; sent again (a repeat is harmless on this "
                          "channel)";
        }
        m_req.logger.warn(m_channel.name(),
                          fmt::format("{}report {}: {}", dry() ? "(dry run) " : "", run.id, entry.error));
        if (dry()) {
            if (entry.state == LedgerState::attempting && !newest) {
                m_results.push_back(would_send(run, older));
                m_results.back().resumed = true;
                entry.state = LedgerState::delivered;  // plan the rest as if it went out
            }
            return entry;
        }
        m_ledger.put(entry);
        if (entry.state != LedgerState::attempting || newest)
            return entry;
        m_results.push_back(send(run, older));
        m_results.back().resumed = true;
        return m_ledger.get(run.id, m_channel.name()).value_or(entry);
    }

    ChannelResult would_send(const core::RunInfo& report, const std::vector<core::RunInfo>& older) const
    {
        ChannelResult r;
        r.channel = m_channel.name();
        r.status = ChannelStatus::would_send;
        r.report_id = report.id;
        for (const auto& o : older)
            r.folded.push_back(o.id);
        return r;
    }

    void supersede(const std::vector<core::RunInfo>& runs, const std::string& by)
    {
        if (dry())
            return;
        for (const auto& run : runs) {
            auto entry =
                m_ledger.get(run.id, m_channel.name()).value_or(fresh_entry(run.id, m_channel.name()));
            entry.state = LedgerState::superseded;
            entry.superseded_by = by;
            entry.updated_at = m_req.clock.now();
            m_ledger.put(entry);
        }
    }

    std::string scrub(std::string text) const
    {
        return m_req.redactor ? m_req.redactor->scrub(std::move(text)) : text;
    }

    // Sends `report` with `older` folded in. The caller supersedes `older`
    // when it went out.
    ChannelResult send(const core::RunInfo& report, const std::vector<core::RunInfo>& older)
    {
        ChannelResult result = would_send(report, older);
        auto outgoing = load_outgoing(report);
        outgoing.missed = missed_moments(report, older);
        auto now = m_req.clock.now();
        auto entry =
            m_ledger.get(report.id, m_channel.name()).value_or(fresh_entry(report.id, m_channel.name()));
        if (entry.first_attempt_at == core::TimePoint{})
            entry.first_attempt_at = now;
        entry.state = LedgerState::attempting;
        entry.updated_at = now;
        entry.message_id = m_channel.message_id(outgoing);
        m_ledger.put(entry);
        core::fault_point("send.after_attempting");
        auto outcome = m_channel.deliver(outgoing);
        core::fault_point("send.after_deliver");
        entry.attempts += outcome.attempts;
        entry.updated_at = m_req.clock.now();
        entry.confirmation = scrub(outcome.confirmation);
        entry.error = scrub(outcome.error);
        result.attempts = outcome.attempts;
        result.confirmation = entry.confirmation;
        result.error = entry.error;
        switch (outcome.kind) {
        case OutcomeKind::delivered:
            entry.state = LedgerState::delivered;
            result.status = ChannelStatus::delivered;
            break;
        case OutcomeKind::uncertain:
            entry.state = LedgerState::uncertain;
            result.status = ChannelStatus::uncertain;
            break;
        case OutcomeKind::temporary:
        case OutcomeKind::permanent:
            entry.state = LedgerState::failed;
            result.status = ChannelStatus::failed;
            break;
        }
        m_ledger.put(entry);
        log_outcome(result, outcome);
        return result;
    }

    void log_outcome(const ChannelResult& result, const DeliveryOutcome& outcome) const
    {
        auto line =
            fmt::format("report {}: {} after {} attempt(s){}{}", result.report_id, to_string(outcome.kind),
                        outcome.attempts, result.error.empty() ? "" : ": ", result.error);
        if (result.status == ChannelStatus::delivered)
            m_req.logger.info(m_channel.name(), line);
        else
            m_req.logger.warn(m_channel.name(), line);
    }

    const SendRequest& m_req;
    Channel& m_channel;
    const Ledger& m_ledger;
    std::vector<ChannelResult> m_results;
    std::optional<std::string> m_skipped;  // the newest report, not sent: its moment already went out
};

}  // namespace

const char* to_string(ChannelStatus status)
{
    switch (status) {
    case ChannelStatus::delivered: return "delivered";
    case ChannelStatus::failed: return "failed";
    case ChannelStatus::uncertain: return "uncertain";
    case ChannelStatus::nothing_to_send: return "nothing to send";
    case ChannelStatus::already_sent: return "already sent";
    case ChannelStatus::would_send: return "would send";
    }
    return "unknown";
}

void hold_report(const core::StateDir& state, const core::RunInfo& report,
                 const std::vector<std::unique_ptr<Channel>>& channels, core::TimePoint now,
                 const std::string& why)
{
    Ledger ledger(state.path("delivery"));
    for (const auto& channel : channels) {
        auto entry = ledger.get(report.id, channel->name()).value_or(fresh_entry(report.id, channel->name()));
        if (is_settled(entry.state) && entry.state != LedgerState::held)
            continue;
        entry.state = LedgerState::held;
        entry.error = why;
        entry.updated_at = now;
        ledger.put(entry);
    }
}

SendSummary send_pending(const SendRequest& request)
{
    std::vector<core::RunInfo> reports;
    for (const auto& run : request.state.runs())
        if (has_report(run))
            reports.push_back(run);
    if (request.dry_run == DryRun::yes && request.preview && has_report(*request.preview))
        reports.push_back(*request.preview);
    Ledger ledger(request.state.path("delivery"));
    SendSummary summary;
    for (auto& channel : request.channels) {
        for (auto& result : ChannelSender(request, *channel, ledger).run(reports)) {
            if (result.status == ChannelStatus::failed)
                summary.exit_code = core::ExitCode::delivery_failed;
            summary.channels.push_back(std::move(result));
        }
    }
    return summary;
}

}  // namespace frr::delivery
