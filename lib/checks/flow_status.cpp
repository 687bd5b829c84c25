#include "checks/indicator_support.hpp"
#include "checks/indicators.hpp"
#include "checks/trigger_support.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unordered_map>

namespace frr::checks {

std::vector<std::string_view> FlowStatusIndicator::needs() const
{
    return {model::dataset::flows};
}

namespace {

// Whether a snapshot's flows can be compared: its destination read them whole. A manifest that
// lists datasets without flows is from before flows were fetched: nothing to compare. One that
// lists no datasets at all (written before they were tracked) has its platform's status stand
// for each, as CheckInput::dataset does.
bool flows_whole(const model::Snapshot& s, const std::string& destination)
{
    const auto found = s.manifest.platforms.find(destination);
    if (found == s.manifest.platforms.end())
        return false;
    const auto& p = found->second;
    if (p.datasets.empty())
        return p.status == model::Coverage::complete;
    const auto flows = p.datasets.find(std::string(model::dataset::flows));
    return flows != p.datasets.end() && flows->second.status == model::Coverage::complete;
}

}  // namespace

// A flow that was live in the previous run and is now draft, manual, archived or gone: the
// emails it sent stop without any error. Flows that were never live are the client's choice,
// not a finding. Each one costs a fifth of the score.
IndicatorResult FlowStatusIndicator::evaluate(const CheckInput& input) const
{
    const auto& w = input.words();
    auto r = start_result(id(), title());
    const auto& now = input.current().destination.flows;
    std::unordered_map<std::string_view, const model::Flow*> by_id;
    std::int64_t live = 0;
    for (const auto& f : now) {
        by_id.emplace(f.id, &f);
        live += f.live() ? 1 : 0;
    }
    add_count(r, "flows", static_cast<std::int64_t>(now.size()));
    add_count(r, "live", live);
    const auto* previous = input.previous();
    const std::string& destination = input.platform_name(Platform::destination);
    if (!previous || !flows_whole(*previous, destination)) {
        r.value = fmt::format("{} live", plural(live, "flow", "flows"));
        r.summary = fmt::format("{} live; no earlier run to compare their status with.",
                                plural(live, "flow is", "flows are"));
        return r;
    }
    std::int64_t compared = 0;
    for (const auto& before : previous->destination.flows) {
        if (!before.live())
            continue;
        ++compared;
        const auto found = by_id.find(before.id);
        if (found != by_id.end() && found->second->live())
            continue;
        const std::string state = found == by_id.end() ? "deleted or archived"
            : found->second->archived                  ? "archived"
                                                       : found->second->status_text;
        r.affected.push_back({"flow_not_live", before.id, {{"name", before.name}, {"now", state}}});
        add_example(r, fmt::format("“{}”: live before, now {}", before.name, state));
    }
    const auto off = static_cast<std::int64_t>(r.affected.size());
    add_count(r, "compared", compared);
    add_count(r, "switched_off", off);
    r.score = off == 0 ? 100 : std::max(0, 100 - 20 * static_cast<int>(off));
    r.status = status_for(off);
    r.value = fmt::format("{} of {} switched off", off, compared);
    if (off == 0) {
        r.summary = fmt::format("All {} live at the last run {} still live.",
                                plural(compared, "flow", "flows"), compared == 1 ? "is" : "are");
        return r;
    }
    std::vector<std::string> names;
    for (const auto& a : r.affected)
        names.push_back(fmt::format("“{}”", a.detail.front().second));
    r.summary = fmt::format("{} live at the last run {} no longer live: {}.", plural(off, "flow", "flows"),
                            off == 1 ? "is" : "are", fmt::join(names, ", "));
    r.impact = "Nobody enters a flow that is not live: every email it sent has stopped, without any error.";
    r.action =
        fmt::format("In {} (Flows), set the flow back to Live if it was switched off by mistake; if it "
                    "was replaced on purpose, check that its replacement is live.",
                    w.destination);
    return r;
}

}  // namespace frr::checks
