#include "delivery/sender.hpp"

#include "core/fault.hpp"
#include "core/log.hpp"
#include "core/redact.hpp"

#include <fmt/format.h>

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
    return s == LedgerState::delivered || s == LedgerState::uncertain || s == LedgerState::superseded;
}

class ChannelSender {
public:
    ChannelSender(const SendRequest& request, Channel& channel, const Ledger& ledger)
        : m_req(request), m_channel(channel), m_ledger(ledger)
    {
    }

    ChannelResult run(const std::vector<core::RunInfo>& reports)
    {
        m_result.channel = m_channel.name();
        auto pending = collect_pending(reports);
        if (pending.empty())
            return m_result;
        const auto& newest = pending.back();
        std::vector<core::RunInfo> older(pending.begin(), pending.end() - 1);
        m_result.report_id = newest.id;
        for (const auto& o : older)
            m_result.folded.push_back(o.id);
        if (m_req.dry_run == DryRun::yes) {
            m_result.status = ChannelStatus::would_send;
            return m_result;
        }
        send(newest, older);
        return m_result;
    }

private:
    // Resolves leftovers of a killed send and returns the reports still to go,
    // oldest first, newer than anything already settled on this channel.
    std::vector<core::RunInfo> collect_pending(const std::vector<core::RunInfo>& reports)
    {
        std::vector<core::RunInfo> pending;
        for (const auto& run : reports) {
            auto entry = m_ledger.get(run.id, m_channel.name());
            if (entry && entry->state == LedgerState::attempting && m_channel.replay() == Replay::unsafe) {
                entry->state = LedgerState::uncertain;
                entry->error = "a previous send stopped after starting; the report may have arrived, so it is "
                               "not sent again";
                entry->updated_at = m_req.clock.now();
                m_ledger.put(*entry);
                m_req.logger.warn(m_channel.name(), fmt::format("report {}: {}", run.id, entry->error));
            }
            if (entry && is_settled(entry->state)) {
                supersede(pending, run.id);
                pending.clear();
                continue;
            }
            pending.push_back(run);
        }
        return pending;
    }

    void supersede(const std::vector<core::RunInfo>& runs, const std::string& by)
    {
        if (m_req.dry_run == DryRun::yes)
            return;
        for (const auto& run : runs) {
            auto entry = m_ledger.get(run.id, m_channel.name()).value_or(fresh_entry(run.id, m_channel.name()));
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

    void send(const core::RunInfo& newest, const std::vector<core::RunInfo>& older)
    {
        auto report = load_outgoing(newest);
        for (const auto& o : older)
            report.missed.push_back(summarise(o));
        auto now = m_req.clock.now();
        auto entry = m_ledger.get(newest.id, m_channel.name()).value_or(fresh_entry(newest.id, m_channel.name()));
        if (entry.first_attempt_at == core::TimePoint{})
            entry.first_attempt_at = now;
        entry.state = LedgerState::attempting;
        entry.updated_at = now;
        entry.message_id = m_channel.message_id(report);
        m_ledger.put(entry);
        core::fault_point("send.after_attempting");
        auto outcome = m_channel.deliver(report);
        core::fault_point("send.after_deliver");
        entry.attempts += outcome.attempts;
        entry.updated_at = m_req.clock.now();
        entry.confirmation = scrub(outcome.confirmation);
        entry.error = scrub(outcome.error);
        m_result.attempts = outcome.attempts;
        m_result.confirmation = entry.confirmation;
        m_result.error = entry.error;
        switch (outcome.kind) {
        case OutcomeKind::delivered:
            entry.state = LedgerState::delivered;
            m_result.status = ChannelStatus::delivered;
            break;
        case OutcomeKind::uncertain:
            entry.state = LedgerState::uncertain;
            m_result.status = ChannelStatus::uncertain;
            break;
        case OutcomeKind::temporary:
        case OutcomeKind::permanent:
            entry.state = LedgerState::failed;
            m_result.status = ChannelStatus::failed;
            break;
        }
        m_ledger.put(entry);
        if (entry.state == LedgerState::delivered || entry.state == LedgerState::uncertain)
            supersede(older, newest.id);
        log_outcome(outcome);
    }

    void log_outcome(const DeliveryOutcome& outcome) const
    {
        auto line = fmt::format("report {}: {} after {} attempt(s){}{}", m_result.report_id, to_string(outcome.kind),
                                outcome.attempts, m_result.error.empty() ? "" : ": ", m_result.error);
        if (m_result.status == ChannelStatus::delivered)
            m_req.logger.info(m_channel.name(), line);
        else
            m_req.logger.warn(m_channel.name(), line);
    }

    const SendRequest& m_req;
    Channel& m_channel;
    const Ledger& m_ledger;
    ChannelResult m_result;
};

} // namespace

const char* to_string(ChannelStatus status)
{
    switch (status) {
    case ChannelStatus::delivered:
        return "delivered";
    case ChannelStatus::failed:
        return "failed";
    case ChannelStatus::uncertain:
        return "uncertain";
    case ChannelStatus::nothing_to_send:
        return "nothing to send";
    case ChannelStatus::would_send:
        return "would send";
    }
    return "unknown";
}

SendSummary send_pending(const SendRequest& request)
{
    std::vector<core::RunInfo> reports;
    for (const auto& run : request.state.runs())
        if (has_report(run))
            reports.push_back(run);
    Ledger ledger(request.state.path("delivery"));
    SendSummary summary;
    for (auto& channel : request.channels) {
        auto result = ChannelSender(request, *channel, ledger).run(reports);
        if (result.status == ChannelStatus::failed)
            summary.exit_code = core::ExitCode::delivery_failed;
        summary.channels.push_back(std::move(result));
    }
    return summary;
}

} // namespace frr::delivery
