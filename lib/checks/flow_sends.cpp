#include "checks/indicator_support.hpp"
#include "checks/indicators.hpp"
#include "checks/poisson.hpp"
#include "checks/trigger_support.hpp"

#include <cmath>
#include <fmt/format.h>
#include <map>

namespace frr::checks {

namespace {

// Below this probability a live flow's silence cannot be chance (the volume test's threshold).
constexpr double k_silence_probability = 0.001;

}  // namespace

std::vector<std::string_view> FlowSendsIndicator::needs() const
{
    return {model::dataset::flows, model::dataset::flow_triggers, model::dataset::flow_report};
}

FlowSilence flow_silence(const CheckInput& input, const model::Flow& flow, const FlowDays& days)
{
    FlowSilence s;
    std::map<std::string_view, std::int64_t> triggers;
    for (const auto& t : input.current().destination.trigger_days)
        if (t.trigger_id == flow.trigger_id)
            triggers[t.date] += t.count;
    std::map<std::string_view, std::map<std::string_view, std::int64_t>> sent;  // message -> date -> n
    for (const auto& row : input.current().destination.flow_report)
        if (row.flow_id == flow.id)
            sent[row.message_id][row.date] += row.recipients;
    std::int64_t baseline_triggers = 0;
    for (const auto& d : days.baseline)
        baseline_triggers += triggers.count(d) ? triggers[d] : 0;
    for (const auto& d : days.window)
        s.window_triggers += triggers.count(d) ? triggers[d] : 0;
    std::int64_t busiest = 0;
    for (auto& [message, per_day] : sent) {
        std::int64_t baseline = 0;
        for (const auto& d : days.baseline)
            baseline += per_day.count(d) ? per_day[d] : 0;
        for (const auto& d : days.window)
            s.window_recipients += per_day.count(d) ? per_day[d] : 0;
        busiest = std::max(busiest, baseline);
    }
    if (baseline_triggers == 0)
        return s;
    s.judged = true;
    s.send_rate = static_cast<double>(busiest) / static_cast<double>(baseline_triggers);
    s.expected = s.send_rate * static_cast<double>(s.window_triggers);
    s.probability = poisson_lower_tail(0, s.expected);
    s.silent = s.window_recipients == 0 && s.window_triggers >= input.config().flow_min_triggers &&
        s.send_rate > 0 && s.probability < k_silence_probability;
    return s;
}

// A live flow whose trigger keeps arriving but that sends nothing. Each flow's usual send rate
// r (its busiest message's recipients per trigger over the baseline days, default 14) sets the
// recipients expected on the window's days, lambda = r * triggers; with none sent, the flow is
// silent when triggers >= flow_min_triggers (10) and P(0 | Poisson(lambda)) = e^-lambda < 0.001,
// the volume test's threshold: a quiet flow of a small store never speaks, a busy one is
// judged within a day. A trigger frr cannot count (another integration's metric, a date) is
// not judged. Each silent flow costs a quarter of the score.
IndicatorResult FlowSendsIndicator::evaluate(const CheckInput& input) const
{
    const auto& w = input.words();
    auto r = start_result(id(), title());
    const FlowDays days = flow_days(input);
    std::int64_t judged = 0;
    for (const auto& f : input.current().destination.flows) {
        if (!f.live() || f.trigger == model::TriggerKind::none)
            continue;
        const FlowSilence s = flow_silence(input, f, days);
        if (!s.judged)
            continue;
        ++judged;
        if (!s.silent)
            continue;
        r.affected.push_back({"flow_silent",
                              f.id,
                              {{"name", f.name},
                               {"window_triggers", std::to_string(s.window_triggers)},
                               {"send_rate", fmt::format("{:.3f}", s.send_rate)},
                               {"expected_recipients", fmt::format("{:.1f}", s.expected)}}});
        add_example(r,
                    fmt::format("“{}”: {} triggers, usually about {:.0f} emailed, none sent", f.name,
                                s.window_triggers, s.expected));
    }
    const auto silent = static_cast<std::int64_t>(r.affected.size());
    add_count(r, "judged", judged);
    add_count(r, "silent", silent);
    r.score = silent == 0 ? 100 : std::max(0, 100 - 25 * static_cast<int>(silent));
    r.status = status_for(silent);
    r.value = fmt::format("{} of {} silent", silent, judged);
    if (silent == 0) {
        r.summary = fmt::format("All {} sent as usual for the triggers they received.",
                                plural(judged, "live flow", "live flows"));
        return r;
    }
    std::vector<std::string> names;
    for (const auto& a : r.affected)
        names.push_back(fmt::format("“{}”", a.detail.front().second));
    r.summary = fmt::format("{} live but sent nothing while {} kept arriving: {}.",
                            plural(silent, "flow is", "flows are"),
                            silent == 1 ? "its trigger" : "their triggers", fmt::join(names, ", "));
    r.impact = "People who trigger these flows get none of their emails, although the flows show as live.";
    r.action =
        fmt::format("Open the flow in {}: check its filters, the status of each email (live, not draft or "
                    "manual), smart sending and its analytics; send a test to find where it stops.",
                    w.destination);
    return r;
}

}  // namespace frr::checks
