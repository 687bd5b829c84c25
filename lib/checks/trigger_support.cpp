#include "checks/trigger_support.hpp"

#include "checks/indicator_support.hpp"

#include "core/time.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <map>

namespace frr::checks {

const model::Metric* metric_of(const CheckInput& input, model::EventKind kind)
{
    for (const auto& m : input.current().destination.metrics)
        if (m.kind == kind)
            return &m;
    return nullptr;
}

std::string metric_name(const CheckInput& input, model::EventKind kind, std::string_view fallback)
{
    const auto* m = metric_of(input, kind);
    return m && !m->name.empty() ? m->name : std::string(fallback);
}

std::vector<const model::Flow*> live_flows_triggered_by(const CheckInput& input, std::string_view trigger_id)
{
    std::vector<const model::Flow*> out;
    if (trigger_id.empty())
        return out;
    for (const auto& f : input.current().destination.flows)
        if (f.live() && f.trigger_id == trigger_id)
            out.push_back(&f);
    return out;
}

std::vector<const model::Flow*> live_flows_triggered_by(const CheckInput& input, model::EventKind kind)
{
    const auto* m = metric_of(input, kind);
    return m ? live_flows_triggered_by(input, m->id) : std::vector<const model::Flow*>{};
}

std::string flow_names(const std::vector<const model::Flow*>& flows)
{
    constexpr std::size_t k_shown = 3;
    std::vector<std::string> names;
    for (std::size_t i = 0; i < flows.size() && i < k_shown; ++i)
        names.push_back(fmt::format("“{}”", flows[i]->name));
    if (flows.size() > k_shown)
        return fmt::format("{} and {} more", fmt::join(names, ", "), flows.size() - k_shown);
    if (names.size() <= 1)
        return names.empty() ? std::string() : names.front();
    std::string head = fmt::format("{}", fmt::join(names.begin(), names.end() - 1, ", "));
    return head + " and " + names.back();
}

std::string starved_flows_sentence(const std::vector<const model::Flow*>& flows, std::string_view object)
{
    if (flows.empty())
        return {};
    return fmt::format("Your live {} {} could not email {}.", flows.size() == 1 ? "flow" : "flows",
                       flow_names(flows), object);
}

bool complete(const CheckInput& input, std::string_view dataset)
{
    return input.dataset(dataset).coverage.status == model::Coverage::complete;
}

IndicatorResult not_checked(const char* id, const char* title, const std::string& what,
                            const std::string& why)
{
    IndicatorResult r;
    r.id = id;
    r.title = title;
    r.status = Status::unknown;
    r.score = 0;
    r.value = "not checked";
    r.summary = fmt::format("Not checked: {} ({}).", what, why);
    r.impact = "Problems of this kind would go unnoticed until the data can be read again.";
    r.action = "Nothing to do if this is rare; frr reads it again at the next run.";
    return r;
}

std::unordered_set<std::string_view> event_subjects(const CheckInput& input, model::EventKind kind)
{
    std::unordered_set<std::string_view> out;
    for (const auto& e : input.current().destination.events)
        if (e.kind == kind && !e.order_id.empty())
            out.insert(e.order_id);
    return out;
}

FlowDays flow_days(const CheckInput& input)
{
    const auto& tz = input.timezone();
    const auto nominal_since = input.as_of() - input.config().window;
    const std::string first_window_day = core::local_date(nominal_since, tz);
    const std::string last_window_day = core::local_date(input.as_of() - std::chrono::seconds(1), tz);
    FlowDays days;
    const int baseline = std::max(1, input.config().flow_baseline_days);
    for (int i = baseline; i >= 1; --i)
        days.baseline.push_back(core::add_days(first_window_day, -i));
    for (std::string d = first_window_day; d <= last_window_day; d = core::add_days(d, 1))
        days.window.push_back(d);
    return days;
}

std::string trigger_words(const CheckInput& input, const model::Flow& flow)
{
    using K = model::EventKind;
    switch (flow.trigger) {
    case model::TriggerKind::list: return fmt::format("when someone joins the list “{}”", flow.trigger_name);
    case model::TriggerKind::segment:
        return fmt::format("when someone enters the segment “{}”", flow.trigger_name);
    case model::TriggerKind::metric: {
        K kind = K::other;
        for (const auto& m : input.current().destination.metrics)
            if (m.id == flow.trigger_id)
                kind = m.kind;
        switch (kind) {
        case K::checkout_started: return "when someone starts a checkout";
        case K::placed_order: return "when someone places an order";
        case K::ordered_product: return "for each product ordered";
        case K::fulfilled_order: return "when an order ships";
        case K::fulfilled_partial_order: return "when part of an order ships";
        case K::cancelled_order: return "when an order is cancelled";
        case K::refunded_order: return "when an order is refunded in full";
        case K::other: break;
        }
        return fmt::format("when “{}” happens", flow.trigger_name);
    }
    case model::TriggerKind::none: break;
    }
    if (flow.trigger_type == "Date Based")
        return "on a date in each customer's profile";
    if (flow.trigger_type == "Price Drop")
        return "when a product's price drops";
    if (flow.trigger_type == "Low Inventory")
        return "when a product runs low";
    if (flow.trigger_type == "Unconfigured")
        return "with no trigger set";
    return "by a trigger frr does not check";
}

}  // namespace frr::checks

namespace frr::checks {

namespace {

// Why an order change is not judged ("" when it is): the order classification's reasons.
const char* change_exclusion(const CheckInput& input, const model::OrderChange& c)
{
    if (c.test)
        return "test order";
    if (c.email_hash.empty())
        return "order without email";
    const auto& channels = input.config().exclude_channels;
    if (std::find(channels.begin(), channels.end(), c.source_name) != channels.end())
        return "excluded sales channel";
    if (input.config().history_start &&
        c.order_created_at <
            core::parse_iso8601_or_throw(*input.config().history_start, "checks.history_start"))
        return "before the integration's history start";
    if (c.at >= input.window().judge_before)
        return "within the grace period";
    return "";
}

}  // namespace

IndicatorResult evaluate_order_changes(const CheckInput& input, const char* id, const char* title,
                                       const OrderChangeRule& rule)
{
    std::vector<std::pair<model::OrderChangeKind, std::unordered_set<std::string_view>>> synced;
    for (const auto& [change, event] : rule.kinds)
        synced.emplace_back(change, event_subjects(input, event));
    auto r = start_result(id, title);
    std::int64_t judged = 0;
    std::map<std::string, std::int64_t> excluded;
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> per_kind;  // judged, missing
    std::unordered_set<std::string> flagged;
    for (const auto& c : input.current().source.order_changes) {
        const auto pair =
            std::find_if(synced.begin(), synced.end(), [&](const auto& s) { return s.first == c.kind; });
        if (pair == synced.end() || c.at < input.window().since || c.at >= input.window().until)
            continue;
        if (const char* why = change_exclusion(input, c); *why) {
            ++excluded[why];
            continue;
        }
        ++judged;
        auto& tally = per_kind[model::to_string(c.kind)];
        ++tally.first;
        if (pair->second.count(c.order_id))
            continue;
        ++tally.second;
        if (!flagged.insert(c.order_name).second)
            continue;
        add_affected(r, rule.defect, c.order_name);
        add_example(r,
                    fmt::format("{} ({} {})", c.order_name, model::to_string(c.kind),
                                core::format_local(c.at, input.timezone())));
    }
    const auto missing = static_cast<std::int64_t>(r.affected.size());
    add_count(r, "judged", judged);
    add_count(r, "missing", missing);
    // Per kind, for the flows each kind triggers (the report's "Your automated emails").
    for (const auto& [change, event] : rule.kinds) {
        const auto& [kind_judged, kind_missing] = per_kind[model::to_string(change)];
        add_count(r, std::string("judged: ") + model::to_string(change), kind_judged);
        add_count(r, std::string("missing: ") + model::to_string(change), kind_missing);
    }
    for (const auto& [why, n] : excluded)
        add_count(r, "excluded: " + why, n);
    r.score = rate_score(missing, judged, 0.2);
    r.status = status_for(missing);
    r.value = fmt::format("{} of {} missing", missing, judged);
    // The events named are those of the kinds that missed (or, with none missing, that were
    // judged): a store with no partial fulfilments reads "as Fulfilled Order", not "as Fulfilled
    // Order or fulfilment event" (a fallback name for a metric its account does not have).
    std::vector<std::string> events;
    for (const bool only_missed : {true, false}) {
        for (const auto& [change, event] : rule.kinds) {
            const auto& [kind_judged, kind_missing] = per_kind[model::to_string(change)];
            if (only_missed ? kind_missing > 0 : kind_judged > 0)
                events.push_back(metric_name(input, event, rule.event_phrase));
        }
        if (!events.empty())
            break;
    }
    if (events.empty())
        for (const auto& [change, event] : rule.kinds)
            events.push_back(metric_name(input, event, rule.event_phrase));
    const std::string event_names = fmt::format("{}", fmt::join(events, " or "));
    const auto& w = input.words();
    if (missing == 0) {
        r.summary = fmt::format("All {} reached {} as {}.", plural(judged, rule.one, rule.many),
                                w.destination, event_names);
        return r;
    }
    r.summary = fmt::format("{} never reached {} as {}.", plural(missing, rule.one, rule.many), w.destination,
                            event_names);
    const auto worded = [&w](const char* text) {
        return fmt::format(fmt::runtime(text), fmt::arg("source", w.source),
                           fmt::arg("destination", w.destination), fmt::arg("integration", w.integration),
                           fmt::arg("settings", w.integration_settings));
    };
    std::vector<const model::Flow*> flows;
    for (const auto& [change, event] : rule.kinds)
        for (const auto* f : live_flows_triggered_by(input, event))
            flows.push_back(f);
    const std::string starved =
        starved_flows_sentence(flows, missing == 1 ? "this customer" : "these customers");
    r.impact = fmt::format("{}{}{} {}.", starved, starved.empty() ? "" : " ",
                           plural(missing, "customer", "customers"),
                           fmt::format("{} {}", missing == 1 ? "gets" : "get", worded(rule.customer_gets)));
    r.action = worded(rule.action);
    return r;
}

}  // namespace frr::checks
