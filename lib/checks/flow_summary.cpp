#include "checks/flow_summary.hpp"

#include "checks/indicator_support.hpp"
#include "checks/trigger_support.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace frr::checks {

namespace {

std::optional<std::int64_t> count_of(const IndicatorResult* r, std::string_view name)
{
    if (!r || !judged(r->status))
        return std::nullopt;
    for (const auto& c : r->counts)
        if (c.name == name)
            return c.value;
    return std::nullopt;
}

const IndicatorResult* find(const std::vector<IndicatorResult>& results, std::string_view id)
{
    for (const auto& r : results)
        if (r.id == id)
            return &r;
    return nullptr;
}

bool affected(const IndicatorResult* r, std::string_view kind, std::string_view key)
{
    if (!r)
        return false;
    return std::any_of(r->affected.begin(), r->affected.end(),
                       [&](const Affected& a) { return a.kind == kind && a.key == key; });
}

// What the source says happened and how much of it arrived, for a flow's trigger: the
// judged/missing counts of the indicator that reconciles that trigger.
void source_counts(const CheckInput& input, const std::vector<IndicatorResult>& results,
                   const model::Flow& flow, FlowSummary& out)
{
    auto from = [&](const char* indicator, const std::string& judged, const std::string& missing) {
        const auto* r = find(results, indicator);
        const auto j = count_of(r, judged);
        const auto m = count_of(r, missing);
        if (j && m) {
            out.source_triggers = *j;
            out.reached = *j - *m;
        }
    };
    if (flow.trigger == model::TriggerKind::list) {
        if (flow.trigger_id == input.current().destination.subscriber_list.id)
            from("subscribers", "judged", "missing");
        return;
    }
    if (flow.trigger != model::TriggerKind::metric)
        return;
    model::EventKind kind = model::EventKind::other;
    for (const auto& m : input.current().destination.metrics)
        if (m.id == flow.trigger_id)
            kind = m.kind;
    using K = model::EventKind;
    switch (kind) {
    case K::checkout_started: from("checkouts", "judged", "missing"); break;
    case K::placed_order: from("order_sync", "judged", "missing"); break;
    case K::fulfilled_order: from("fulfillments", "judged: fulfilled", "missing: fulfilled"); break;
    case K::fulfilled_partial_order:
        from("fulfillments", "judged: partially_fulfilled", "missing: partially_fulfilled");
        break;
    case K::cancelled_order: from("cancellations", "judged: cancelled", "missing: cancelled"); break;
    case K::refunded_order: from("refunds", "judged: refunded", "missing: refunded"); break;
    case K::ordered_product:
    case K::other: break;
    }
}

std::optional<std::int64_t> recipients_on(const CheckInput& input, const model::Flow& flow,
                                          const std::vector<std::string>& days)
{
    if (!complete(input, model::dataset::flow_report))
        return std::nullopt;
    std::int64_t n = 0;
    for (const auto& row : input.current().destination.flow_report)
        if (row.flow_id == flow.id && std::find(days.begin(), days.end(), row.date) != days.end())
            n += row.recipients;
    return n;
}

void judge(FlowSummary& s, const IndicatorResult* status, const IndicatorResult* sends,
           const model::Vocabulary& w)
{
    if (affected(status, "flow_not_live", s.id)) {
        s.verdict = "switched_off";
        s.verdict_text = fmt::format(
            "Switched off since the last run (now {}): nobody enters it and none of its emails go out.",
            s.status);
        return;
    }
    if (affected(sends, "flow_silent", s.id)) {
        s.verdict = "silent";
        s.verdict_text = "Live, and its trigger keeps arriving, but it emailed nobody: something inside the "
                         "flow stops every email.";
        return;
    }
    if (s.source_triggers && s.reached && *s.reached < *s.source_triggers) {
        const auto lost = *s.source_triggers - *s.reached;
        s.verdict = "starved";
        s.verdict_text = fmt::format("{} never reached {}, so the flow could not email {}.",
                                     plural(lost, "trigger", "triggers"), w.destination,
                                     lost == 1 ? "that person" : "those people");
        return;
    }
    if (!s.source_triggers) {
        s.verdict = "not_checked";
        s.verdict_text = fmt::format(
            "Working as far as frr can tell: its trigger is not one frr can count against {}.", w.source);
        return;
    }
    s.verdict = "working";
    s.verdict_text = fmt::format("Working: every trigger reached {} and it is sending.", w.destination);
}

}  // namespace

std::vector<FlowSummary> summarise_flows(const CheckInput& input, const std::vector<IndicatorResult>& results)
{
    std::vector<FlowSummary> out;
    if (!complete(input, model::dataset::flows))
        return out;
    const auto* status = find(results, "flow_status");
    const auto* sends = find(results, "flow_sends");
    const auto days = flow_days(input).window;
    auto add = [&](const model::Flow& f, std::string state) {
        FlowSummary s;
        s.id = f.id;
        s.name = f.name;
        s.status = std::move(state);
        s.trigger = trigger_words(input, f);
        source_counts(input, results, f, s);
        s.recipients = recipients_on(input, f, days);
        judge(s, status, sends, input.words());
        out.push_back(std::move(s));
    };
    for (const auto& f : input.current().destination.flows)
        if (f.live() || affected(status, "flow_not_live", f.id))
            add(f, f.archived ? "archived" : f.status_text);
    // A flow switched off by deleting (or archiving) it is no longer listed: the previous run's copy.
    if (input.previous())
        for (const auto& f : input.previous()->destination.flows)
            if (affected(status, "flow_not_live", f.id) &&
                std::none_of(out.begin(), out.end(), [&](const FlowSummary& s) { return s.id == f.id; }))
                add(f, "deleted or archived");
    return out;
}

}  // namespace frr::checks
