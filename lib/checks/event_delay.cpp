#include "checks/indicator_support.hpp"
#include "checks/indicators.hpp"

#include "core/duration.hpp"
#include "core/time.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace frr::checks {

namespace {

struct LateCandidate {
    const model::Order* order = nullptr;
    bool arrived = false;
};

// Names the previous run reported as order_missing_event.
std::unordered_set<std::string_view> previously_missing(const Findings& previous)
{
    std::unordered_set<std::string_view> names;
    for (const auto& indicator : previous.indicators)
        for (const auto& a : indicator.affected)
            if (a.kind == "order_missing_event")
                names.insert(a.key);
    return names;
}

// Finds the previously missing orders in the current snapshot, else in the
// previous one (an order can leave the window between two runs).
std::unordered_map<std::string_view, LateCandidate> locate(const CheckInput& input,
                                                           const std::unordered_set<std::string_view>& names)
{
    std::unordered_map<std::string_view, LateCandidate> by_id;
    std::unordered_set<std::string_view> found_names;
    const auto& orders = input.current().source.orders;
    for (std::size_t i = 0; i < orders.size(); ++i) {
        if (!names.count(orders[i].name))
            continue;
        found_names.insert(orders[i].name);
        by_id[orders[i].id] = {&orders[i], input.tally(i).placed > 0};
    }
    if (!input.previous() || found_names.size() == names.size())
        return by_id;
    std::unordered_set<std::string_view> wanted;
    for (const auto& o : input.previous()->source.orders) {
        if (names.count(o.name) && !found_names.count(o.name)) {
            by_id[o.id] = {&o, false};
            wanted.insert(o.id);
        }
    }
    // Orders outside the current snapshot have no tally: look for their event.
    for (const auto& e : input.current().destination.events)
        if (e.kind == model::EventKind::placed_order && wanted.count(e.order_id))
            by_id[e.order_id].arrived = true;
    return by_id;
}

}  // namespace

std::vector<std::string_view> EventDelayIndicator::needs() const
{
    return {model::dataset::orders, model::dataset::placed_order_events};
}

// An order the previous run saw missing and that has its Placed Order now
// arrived late. When it arrived is known only to lie between the two runs, so
// the delay is bounded: [previous.as_of - created, current.as_of - created].
IndicatorResult EventDelayIndicator::evaluate(const CheckInput& input) const
{
    const auto& w = input.words();
    auto r = start_result(id(), title());
    const auto* previous = input.previous_findings();
    std::int64_t watched = 0;
    if (previous) {
        const auto names = previously_missing(*previous);
        watched = static_cast<std::int64_t>(names.size());
        auto located = locate(input, names);
        std::vector<const model::Order*> late;
        for (const auto& [order_id, candidate] : located)
            if (candidate.arrived)
                late.push_back(candidate.order);
        std::sort(late.begin(), late.end(),
                  [](const auto* a, const auto* b) { return a->created_at < b->created_at; });
        for (const auto* o : late) {
            const auto low = previous->as_of - o->created_at;
            const auto high = input.as_of() - o->created_at;
            r.affected.push_back({"order_event_late",
                                  o->name,
                                  {{"order_created", core::format_iso8601(o->created_at)},
                                   {"delay_min_seconds", std::to_string(low.count())},
                                   {"delay_max_seconds", std::to_string(high.count())}}});
            add_example(r,
                        fmt::format("{} (arrived {} to {} after the order)", o->name,
                                    core::format_duration(low), core::format_duration(high)));
        }
    }
    const auto affected = static_cast<std::int64_t>(r.affected.size());
    add_count(r, "previously_missing", watched);
    add_count(r, "arrived_late", affected);
    // Late data did arrive: the indicator warns but never scores below the
    // default critical threshold on its own (0.5 of judged orders late -> 60).
    std::int64_t judged = 0;
    for (auto c : input.order_classes())
        judged += c == OrderClass::judged ? 1 : 0;
    r.score = std::max(60, rate_score(affected, std::max(judged, affected), 1.25));
    r.status = status_for(affected);
    r.value = previous ? fmt::format("{} arrived late", affected) : "no previous run";
    // The orders did arrive: no money is lost, their customers' emails were late.
    set_at_stake(r, input.money(), 0, affected);
    if (!previous) {
        r.summary = "No previous run to compare with; late events show from the next run on.";
        return r;
    }
    if (affected == 0) {
        r.summary = watched == 0 ? "No order was missing at the previous run."
                                 : "None of the orders missing at the previous run has arrived since.";
        return r;
    }
    r.summary = fmt::format("{} missing at the previous run reached {} late.",
                            plural(affected, "order", "orders"), w.destination);
    r.impact = "Flows triggered by these orders started late: a post-purchase email hours after "
               "the purchase looks unrelated to it.";
    r.action = fmt::format("If delays recur, check the status and webhook backlog of {}.", w.integration);
    return r;
}

}  // namespace frr::checks
