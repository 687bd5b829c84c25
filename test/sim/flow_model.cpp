// Klaviyo flows of the simulated account and what they send (docs/simulator.md "Flows").
// The flows are fixed (a typical Shopify store's automations plus a few that are not live);
// their ids come from a stream of their own, so adding them shifted nothing else in a world.
// Recipients are not stored: they are computed from the triggers that reached Klaviyo, so the
// flow report, the answer key and GET /api/events can never disagree.
#include "flow_model.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "generator.hpp"

namespace frr::sim {

using namespace std::chrono_literals;

namespace {

constexpr std::string_view k_base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::string_view k_crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

std::string flow_id(Rng& rng)
{
    std::string id;
    for (int i = 0; i < 6; ++i)
        id.push_back(k_base62[rng.below(k_base62.size())]);
    return id;
}

std::string message_id(Rng& rng)
{
    std::string id = "01J";
    while (id.size() < 26)
        id.push_back(k_crockford[rng.below(k_crockford.size())]);
    return id;
}

struct MessageDef {
    std::chrono::seconds delay;
    double reach;
};

struct FlowDef {
    const char* name;
    const char* trigger_type;
    EventKind metric;  // used when trigger_type is "Metric"
    bool newsletter;   // "Added to List": the Newsletter list
    FlowStatus status;
    bool archived;
    double entry_rate;
    std::vector<MessageDef> messages;
};

// Entry rates model flow filters and smart sending (docs/simulator.md): the share of people who
// trigger the flow and are sent its first message; `reach` is each message's share of those.
const std::vector<FlowDef>& flow_defs()
{
    static const std::vector<FlowDef> k_defs = {
        {"Abandoned Checkout",
         "Metric",
         EventKind::checkout_started,
         false,
         FlowStatus::live,
         false,
         0.72,
         {{1h, 1.0}, {24h, 0.8}}},
        {"Order Confirmation",
         "Metric",
         EventKind::placed_order,
         false,
         FlowStatus::live,
         false,
         0.97,
         {{0s, 1.0}}},
        {"Shipping Confirmation",
         "Metric",
         EventKind::fulfilled_order,
         false,
         FlowStatus::live,
         false,
         0.95,
         {{0s, 1.0}}},
        {"Order Cancelled",
         "Metric",
         EventKind::cancelled_order,
         false,
         FlowStatus::live,
         false,
         0.9,
         {{0s, 1.0}}},
        {"Refund Issued",
         "Metric",
         EventKind::refunded_order,
         false,
         FlowStatus::live,
         false,
         0.9,
         {{10min, 1.0}}},
        {"Welcome Series",
         "Added to List",
         EventKind::placed_order,
         true,
         FlowStatus::live,
         false,
         0.9,
         {{0s, 1.0}, {48h, 0.85}}},
        {"Review Request",
         "Metric",
         EventKind::fulfilled_order,
         false,
         FlowStatus::manual,
         false,
         0.9,
         {{72h, 1.0}}},
        {"Win-back",
         "Date Based",
         EventKind::placed_order,
         false,
         FlowStatus::draft,
         false,
         0.5,
         {{0s, 1.0}}},
        {"Custom Checkout Reminder",
         "Metric",
         EventKind::decoy_started_checkout,
         false,
         FlowStatus::live,
         false,
         0.8,
         {{2h, 1.0}}},
        {"Sunset Unengaged",
         "Unconfigured",
         EventKind::placed_order,
         false,
         FlowStatus::draft,
         true,
         0.5,
         {{0s, 1.0}}},
    };
    return k_defs;
}

Index metric_of_kind(const Store& s, EventKind kind)
{
    for (std::size_t i = 0; i < s.metrics.size(); ++i)
        if (s.metrics[i].kind == kind)
            return static_cast<Index>(i);
    return k_none;
}

Flow* flow_named(Store& s, const std::string& name, const std::string& path)
{
    for (Flow& f : s.flows)
        if (f.name == name)
            return &f;
    std::string names;
    for (const Flow& f : s.flows)
        names += (names.empty() ? "" : ", ") + f.name;
    throw ScenarioError(path + ": unknown flow '" + name + "' (the simulated flows are: " + names + ")");
}

// A uniform draw in [0, 1) fixed by the keys: whether a trigger enters a flow and which
// messages it is sent, the same at every request.
double decide(std::uint64_t seed, std::uint64_t a, std::uint64_t b, std::uint64_t c)
{
    std::uint64_t z = seed * 0x9E3779B97F4A7C15ULL ^ (a << 40) ^ (b << 8) ^ c;
    for (int i = 0; i < 2; ++i) {
        z += 0x9E3779B97F4A7C15ULL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        z ^= z >> 31;
    }
    return static_cast<double>(z >> 11) * 0x1.0p-53;
}

std::size_t bucket_of(const std::vector<Time>& bounds, Time t)
{
    if (t < bounds.front() || t >= bounds.back())
        return bounds.size();
    return static_cast<std::size_t>(std::upper_bound(bounds.begin(), bounds.end(), t) - bounds.begin() - 1);
}

}  // namespace

void make_flows(Store& s, const Scenario& sc, Time now, Rng& rng)
{
    const Time created = s.shop.created_at + std::chrono::days(30);
    Index newsletter = k_none;
    for (std::size_t i = 0; i < s.lists.size(); ++i)
        if (s.lists[i].name == "Newsletter")
            newsletter = static_cast<Index>(i);
    for (const FlowDef& d : flow_defs()) {
        Flow f;
        f.id = flow_id(rng);
        f.name = d.name;
        f.status = d.status;
        f.archived = d.archived;
        f.trigger_type = d.trigger_type;
        if (f.trigger_type == "Metric")
            f.trigger_metric = metric_of_kind(s, d.metric);
        if (d.newsletter)
            f.trigger_list = newsletter;
        f.entry_rate = d.entry_rate;
        for (const MessageDef& m : d.messages)
            f.messages.push_back({message_id(rng), m.delay, m.reach});
        f.created_at = created;
        f.updated_at = created + std::chrono::days(rng.between(1, 90));
        s.flows.push_back(std::move(f));
    }
    for (const FlowSwitch& w : sc.defects.flow_switched_off) {
        Flow* f = flow_named(s, w.flow, sc.path);
        FlowChange c;
        c.at = w.at.resolve(now);
        c.to = w.to == "manual" ? FlowStatus::manual : FlowStatus::draft;
        c.archive = w.to == "archived";
        c.remove = w.to == "deleted";
        f->change = c;
        s.injected.push_back({"flow_not_live", f->id});
    }
    for (const FlowStop& stop : sc.defects.flow_stops_sending) {
        Flow* f = flow_named(s, stop.flow, sc.path);
        f->stops_sending = stop.from.resolve(now);
        s.injected.push_back({"flow_silent", f->id});
    }
}

std::vector<Time> local_day_bounds(const std::string& timezone, Time from, Time until)
{
    std::vector<Time> bounds;
    Time day = local_day_start(timezone, from);
    while (day < until) {
        bounds.push_back(day);
        day = local_day_start(timezone, day + 36h);
    }
    bounds.push_back(until);
    return bounds;
}

bool judged_trigger(const Store& s, const Flow& f)
{
    if (f.trigger_list != k_none)
        return true;
    return f.trigger_metric != k_none && s.metrics[f.trigger_metric].integration != Integration::api;
}

FlowDays flow_days(const Store& s, Index flow, const std::vector<Time>& bounds, Time now)
{
    const Flow& f = s.flows[flow];
    const std::size_t days = bounds.size() - 1;
    FlowDays out;
    out.triggers.assign(days, 0);
    out.recipients.assign(f.messages.size(), std::vector<std::int64_t>(days, 0));
    std::chrono::seconds longest{0};
    for (const FlowMessage& m : f.messages)
        longest = std::max(longest, m.delay);
    // One trigger: counted on the day it happened; sent each message it is due, at its arrival
    // plus the message's delay, while the flow is live and still sending.
    auto trigger = [&](Time happened, Time arrived, std::uint64_t who) {
        if (arrived > now)
            return;
        if (const std::size_t d = bucket_of(bounds, happened); d < days)
            ++out.triggers[d];
        if (!s.flow_live_at(f, arrived) || decide(s.seed, flow, who, 0xFF) >= f.entry_rate)
            return;
        for (std::size_t k = 0; k < f.messages.size(); ++k) {
            const Time sent = arrived + f.messages[k].delay;
            if (sent > now || !s.flow_live_at(f, sent) || (f.stops_sending && sent >= *f.stops_sending))
                continue;
            if (decide(s.seed, flow, who, k) >= f.messages[k].reach)
                continue;
            if (const std::size_t d = bucket_of(bounds, sent); d < days)
                ++out.recipients[k][d];
        }
    };
    if (f.trigger_list != k_none) {
        const Group& g = s.lists[f.trigger_list];
        const std::size_t visible = s.member_count_at(g, now);
        for (std::size_t i = 0; i < visible; ++i)
            trigger(g.members[i].joined_at, g.members[i].joined_at, g.members[i].profile);
    } else if (f.trigger_metric != k_none) {
        // Arrivals trail their datetime by the sync lag, or by hours for late events: a week of
        // margin before the first day covers every send that can land in it.
        const auto& events = s.events[f.trigger_metric];
        auto [first, last] =
            s.event_range(f.trigger_metric, bounds.front() - longest - std::chrono::days(7), bounds.back());
        for (std::size_t i = first; i < last; ++i) {
            const Event& e = events[i];
            if (e.profile == k_none)
                continue;
            trigger(e.datetime, e.arrival, (std::uint64_t{f.trigger_metric} << 32) ^ i);
        }
    }
    return out;
}

std::optional<FlowVerdict> silent_verdict(const Store& s, Index flow, Time now, const AnswerKeyConfig& c)
{
    const Flow& f = s.flows[flow];
    if (!s.flow_live_at(f, now) || !judged_trigger(s, f) || f.messages.empty())
        return std::nullopt;
    const Window w = window_at(c, now);
    const Time first_window_day = local_day_start(s.shop.timezone, w.since);
    Time baseline_start = first_window_day;
    for (std::uint32_t k = 0; k < c.flow_baseline_days; ++k)
        baseline_start = local_day_start(s.shop.timezone, baseline_start - 12h);
    const std::vector<Time> bounds = local_day_bounds(s.shop.timezone, baseline_start, w.until);
    const FlowDays days = flow_days(s, flow, bounds, now);
    const std::size_t baseline_days = c.flow_baseline_days;
    FlowVerdict v;
    std::int64_t baseline_triggers = 0;
    for (std::size_t d = 0; d < bounds.size() - 1; ++d)
        (d < baseline_days ? baseline_triggers : v.window_triggers) += days.triggers[d];
    std::int64_t best = 0;
    for (const auto& per_day : days.recipients) {
        std::int64_t sum = 0;
        for (std::size_t d = 0; d < per_day.size(); ++d)
            (d < baseline_days ? sum : v.window_recipients) += per_day[d];
        best = std::max(best, sum);
    }
    if (baseline_triggers == 0)
        return std::nullopt;
    v.send_rate = static_cast<double>(best) / static_cast<double>(baseline_triggers);
    v.expected = v.send_rate * static_cast<double>(v.window_triggers);
    v.probability = std::exp(-v.expected);
    v.silent = v.window_recipients == 0 && v.window_triggers >= c.flow_min_triggers && v.send_rate > 0 &&
        v.probability < 0.001;
    return v;
}

}  // namespace frr::sim
