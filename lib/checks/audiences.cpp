#include "checks/indicator_support.hpp"
#include "checks/indicators.hpp"

#include <fmt/format.h>
#include <unordered_map>

namespace frr::checks {

std::vector<std::string_view> AudiencesIndicator::needs() const
{
    return {model::dataset::audiences};
}

// A list or segment the previous run counted at >= audience_min_count
// (default 10) that has fallen to <= audience_drop_ratio (default 50%) of that
// count, or has vanished. Smaller audiences move too much to judge; audiences
// whose count is still processing are not judged this run.
IndicatorResult AudiencesIndicator::evaluate(const CheckInput& input) const
{
    auto r = start_result(id(), title());
    const auto& config = input.config();
    const auto& current = input.current().destination.audiences;
    std::unordered_map<std::string_view, const model::Audience*> now;
    for (const auto& a : current)
        now.emplace(a.id, &a);
    std::int64_t watched = 0;
    std::int64_t lost = 0;
    if (input.previous()) {
        for (const auto& before : input.previous()->destination.audiences) {
            if (!before.profile_count || *before.profile_count < config.audience_min_count)
                continue;
            ++watched;
            const auto found = now.find(before.id);
            const auto was = *before.profile_count;
            if (found == now.end()) {
                lost += was;
                add_affected(r, "audience_drop", before.id);
                add_example(r,
                            fmt::format("{} \"{}\" ({} profiles) no longer exists",
                                        model::to_string(before.kind), before.name, was));
                continue;
            }
            const auto& after = *found->second;
            if (!after.profile_count ||
                static_cast<double>(*after.profile_count) >
                    config.audience_drop_ratio * static_cast<double>(was))
                continue;
            lost += was - *after.profile_count;
            add_affected(r, "audience_drop", before.id);
            add_example(r,
                        fmt::format("{} \"{}\": {} down to {} profiles", model::to_string(after.kind),
                                    after.name, was, *after.profile_count));
        }
    }
    const auto dropped = static_cast<std::int64_t>(r.affected.size());
    add_count(r, "audiences", static_cast<std::int64_t>(current.size()));
    add_count(r, "compared", watched);
    add_count(r, "dropped", dropped);
    r.score = rate_score(dropped, watched, 0.5);
    r.status = status_for(dropped);
    r.value = fmt::format("{} of {} dropped", dropped, watched);
    set_at_stake(r, input.money(), 0, lost);
    if (!input.previous()) {
        r.value = fmt::format("{} audiences", current.size());
        r.summary = "No previous run to compare list and segment sizes with.";
        return r;
    }
    if (dropped == 0) {
        r.summary =
            fmt::format("{} kept their size.", plural(watched, "list or segment", "lists and segments"));
        return r;
    }
    r.summary = fmt::format("{} lost at least half their profiles or vanished since the last run.",
                            plural(dropped, "list or segment", "lists and segments"));
    r.impact = "Campaigns and flows sent to these audiences reach far fewer people than planned.";
    r.action = "Check the list or segment definition, recent bulk suppressions or deletions, and "
               "any app that manages the list.";
    return r;
}

}  // namespace frr::checks
