#include "checks/check_input.hpp"

#include "core/time.hpp"
#include "core/two_threads.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <map>

namespace frr::checks {

namespace {

bool is_source_event(const model::Event& e)
{
    // The connector classifies events by their metric's integration; a decoy
    // "Placed Order" of another integration arrives as EventKind::other.
    return e.kind != model::EventKind::other;
}

}  // namespace

const char* exclusion_reason(OrderClass c)
{
    switch (c) {
    case OrderClass::test: return "test order";
    case OrderClass::no_email: return "order without email (the integration does not sync it)";
    case OrderClass::excluded_channel: return "order from an excluded sales channel";
    case OrderClass::before_history: return "order before the integration's history start";
    case OrderClass::within_grace: return "order younger than the grace period";
    case OrderClass::judged:
    case OrderClass::outside_window: return "";
    }
    return "";
}

CheckInput::CheckInput(const model::Snapshot& current, const model::Snapshot* previous,
                       const Findings* previous_findings, const core::ChecksConfig& config,
                       const model::Vocabulary& words, std::string timezone, std::optional<TimePoint> since)
    : m_current(current),
      m_previous(previous),
      m_previous_findings(previous_findings),
      m_config(config),
      m_words(words),
      m_timezone(std::move(timezone))
{
    const auto as_of = current.manifest.as_of;
    m_window.until = as_of;
    m_window.run_since = since                                                    ? *since
        : current.manifest.since != TimePoint{} && current.manifest.since < as_of ? current.manifest.since
                                                                                  : as_of - config.window;
    m_window.since = m_window.run_since;
    m_window.judge_before = as_of - config.grace;
    // A fetch with reduced coverage says from when its data is whole; judging
    // older records would flag what was simply not fetched.
    for (const auto& [name, platform] : current.manifest.platforms)
        if (platform.data_since && *platform.data_since > m_window.since)
            m_window.since = *platform.data_since;
    if (config.history_start)
        m_history_start = core::parse_iso8601_or_throw(*config.history_start, "checks.history_start");
    // The profiles' index on a second thread beside the orders' index and the events' tally
    // (the larger part); they share nothing but the records they read.
    core::run_on_two_threads(2, [this](std::size_t task) {
        if (task == 0) {
            classify_orders();
            tally_events();
        } else {
            index_profiles();
        }
    });
    count_customer_exclusions();
    compute_money_basis();
}

OrderClass CheckInput::classify(const model::Order& o) const
{
    if (o.test)
        return OrderClass::test;
    if (o.email_hash.empty())
        return OrderClass::no_email;
    const auto& channels = m_config.exclude_channels;
    if (std::find(channels.begin(), channels.end(), o.source_name) != channels.end())
        return OrderClass::excluded_channel;
    if (m_history_start && o.created_at < *m_history_start)
        return OrderClass::before_history;
    if (o.created_at < m_window.since)
        return OrderClass::outside_window;
    if (o.created_at >= m_window.judge_before)
        return OrderClass::within_grace;
    return OrderClass::judged;
}

void CheckInput::classify_orders()
{
    const auto& orders = m_current.source.orders;
    m_classes.resize(orders.size());
    m_order_by_id.reserve(orders.size());
    std::int64_t per_reason[7] = {};
    for (std::size_t i = 0; i < orders.size(); ++i) {
        const auto c = classify(orders[i]);
        m_classes[i] = c;
        m_order_by_id.insert(orders[i].id, static_cast<std::uint32_t>(i));
        // Excluded orders are counted only when they fall in the window: older
        // ones were never candidates, so "ignored" would overstate.
        const auto t = orders[i].created_at;
        if (t >= m_window.since && t < m_window.until)
            ++per_reason[static_cast<int>(c)];
    }
    for (auto c : {OrderClass::test, OrderClass::no_email, OrderClass::excluded_channel,
                   OrderClass::before_history, OrderClass::within_grace}) {
        if (per_reason[static_cast<int>(c)] > 0)
            m_exclusions.push_back({exclusion_reason(c), per_reason[static_cast<int>(c)]});
    }
}

void CheckInput::tally_events()
{
    const auto& orders = m_current.source.orders;
    const auto& events = m_current.destination.events;
    m_tallies.resize(orders.size());
    // The order of each Placed Order and Ordered Product event, looked up on two threads (at a
    // million orders the look-ups, each a few cache misses, are most of the time here). The tally
    // below then goes through the events in file order: the first Placed Order of an order decides.
    constexpr std::uint32_t k_no_order = std::numeric_limits<std::uint32_t>::max();  // FlatIndex's limit
    std::vector<std::uint32_t> order_of(events.size(), k_no_order);
    const auto look_up = [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            const auto& e = events[i];
            if (e.kind == model::EventKind::placed_order || e.kind == model::EventKind::ordered_product)
                if (const auto found = m_order_by_id.find(e.order_id))
                    order_of[i] = *found;
        }
    };
    const auto half = events.size() / 2;
    core::run_on_two_threads(
        2, [&](std::size_t part) { look_up(part == 0 ? 0 : half, part == 0 ? half : events.size()); });
    std::int64_t decoys = 0;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto& e = events[i];
        if (!is_source_event(e)) {
            ++decoys;
            continue;
        }
        if (e.kind == model::EventKind::placed_order &&
            (!m_newest_placed || e.occurred_at > *m_newest_placed))
            m_newest_placed = e.occurred_at;
        if (e.kind != model::EventKind::placed_order && e.kind != model::EventKind::ordered_product)
            continue;
        const auto found = order_of[i];
        if (found == k_no_order)
            continue;
        auto& tally = m_tallies[found];
        if (e.kind == model::EventKind::ordered_product) {
            ++tally.products;
            continue;
        }
        // The same event read twice (a page boundary) is one event, not a duplicate.
        if (tally.first_placed && e.id == tally.first_placed->id)
            continue;
        if (!tally.first_placed)
            tally.first_placed = &e;
        ++tally.placed;
        // Klaviyo's Placed Order is the order as placed: an edited order is compared with that.
        const auto& revenue = as_placed_revenue(orders[found]);
        if (e.value && e.value->currency == revenue.currency) {
            ++tally.value_compared;
            if (std::llabs(e.value->minor - revenue.minor) > m_config.value_tolerance_minor)
                ++tally.value_mismatches;
        }
    }
    if (decoys > 0)
        m_exclusions.push_back(
            {fmt::format("event of another integration's metric (not {} data)", m_words.source), decoys});
    count_edited_orders();
}

// Orders edited after purchase whose only difference from their Placed Order is the edit: judged
// against the order as placed, and counted so the report can say why today's totals differ.
void CheckInput::count_edited_orders()
{
    const auto& orders = m_current.source.orders;
    std::int64_t edited = 0;
    for (std::size_t i = 0; i < orders.size(); ++i) {
        const auto& o = orders[i];
        const auto& tally = m_tallies[i];
        if (!o.edited || m_classes[i] != OrderClass::judged || tally.placed == 0)
            continue;
        const auto units = expected_units(i);
        const bool value_edited = o.revenue_as_placed.minor != o.revenue.minor;
        const bool items_edited = units && *units != o.item_quantity;
        const bool value_ok = tally.value_mismatches == 0;
        const bool items_ok = !units || static_cast<std::int64_t>(tally.products) >= *units;
        if ((value_edited || items_edited) && value_ok && items_ok)
            ++edited;
    }
    if (edited > 0)
        m_exclusions.push_back(
            {fmt::format("order edited after purchase ({} keeps the order as placed; compared with that)",
                         m_words.destination),
             edited});
}

const model::Money& as_placed_revenue(const model::Order& o)
{
    return o.edited ? o.revenue_as_placed : o.revenue;
}

std::optional<std::int64_t> CheckInput::expected_units(std::size_t order_index) const
{
    const auto& o = m_current.source.orders[order_index];
    if (!o.edited)
        return o.item_quantity;
    // Shopify keeps no order-level count of the units as placed (an edit's added line items look
    // like the others); the Placed Order lists them, and Klaviyo never re-syncs it.
    const auto* placed = m_tallies[order_index].first_placed;
    if (placed != nullptr && placed->item_units)
        return *placed->item_units;
    return std::nullopt;
}

void CheckInput::index_profiles()
{
    const auto& profiles = m_current.destination.profiles;
    m_profile_by_email.reserve(profiles.size());
    for (std::size_t i = 0; i < profiles.size(); ++i)
        if (!profiles[i].email_hash.empty())
            m_profile_by_email.insert(profiles[i].email_hash.key(), static_cast<std::uint32_t>(i));
}

void CheckInput::count_customer_exclusions()
{
    std::int64_t no_email = 0;
    std::int64_t young = 0;
    for (const auto& c : m_current.source.customers) {
        if (c.updated_at < m_window.since || c.updated_at >= m_window.until)
            continue;
        if (c.email_hash.empty())
            ++no_email;
        else if (c.updated_at >= m_window.judge_before)
            ++young;
    }
    if (no_email > 0)
        m_exclusions.push_back({"customer without email (phone-only or redacted)", no_email});
    if (young > 0)
        m_exclusions.push_back({"customer updated within the grace period", young});
}

// The currency most eligible orders are in; their mean value; and a typical
// day's revenue: the mean eligible orders per day over the volume look-back
// (Shopify's daily counts) times the average order, else the judged window's
// revenue scaled to 24 hours. Integer minor units throughout.
void CheckInput::compute_money_basis()
{
    const auto& orders = m_current.source.orders;
    std::map<std::string, std::int64_t> per_currency;
    for (std::size_t i = 0; i < orders.size(); ++i)
        if (eligible(i) && !orders[i].revenue.currency.empty())
            ++per_currency[orders[i].revenue.currency];
    for (const auto& [currency, n] : per_currency)
        if (m_money.currency.empty() || n > per_currency[m_money.currency])
            m_money.currency = currency;
    std::int64_t count = 0;
    std::int64_t sum = 0;
    std::int64_t judged_sum = 0;
    for (std::size_t i = 0; i < orders.size(); ++i) {
        if (!eligible(i) || orders[i].revenue.currency != m_money.currency)
            continue;
        ++count;
        sum += orders[i].revenue.minor;
        if (m_classes[i] == OrderClass::judged)
            judged_sum += orders[i].revenue.minor;
    }
    if (count == 0)
        return;
    m_money.average_order_minor = (sum + count / 2) / count;
    std::int64_t days = 0;
    std::int64_t day_orders = 0;
    for (const auto& d : m_current.source.daily_orders) {
        if (d.count <= 0)
            continue;
        ++days;
        day_orders += d.count;
    }
    const auto judged_seconds =
        std::chrono::duration_cast<std::chrono::seconds>(m_window.judge_before - m_window.since).count();
    if (days > 0)
        m_money.daily_revenue_minor = (day_orders * m_money.average_order_minor + days / 2) / days;
    else if (judged_seconds > 0 && judged_sum > 0)
        m_money.daily_revenue_minor = judged_sum * 86400 / judged_seconds;
    if (m_money.daily_revenue_minor < m_money.average_order_minor)
        m_money.daily_revenue_minor = m_money.average_order_minor;  // at least one order a day
}

std::optional<std::size_t> CheckInput::order_index(std::string_view order_id) const
{
    const auto found = m_order_by_id.find(order_id);
    if (!found)
        return std::nullopt;
    return *found;
}

bool CheckInput::eligible(std::size_t order_index) const
{
    const auto c = m_classes[order_index];
    return c == OrderClass::judged || c == OrderClass::within_grace || c == OrderClass::outside_window;
}

const model::Profile* CheckInput::profile_by_email(const model::EmailHash& email_hash) const
{
    const auto found = m_profile_by_email.find(email_hash.key());
    return found ? &m_current.destination.profiles[*found] : nullptr;
}

model::Coverage CheckInput::coverage(Platform p) const
{
    const auto& platforms = m_current.manifest.platforms;
    const auto found = platforms.find(platform_name(p));
    return found == platforms.end() ? model::Coverage::unavailable : found->second.status;
}

DatasetState CheckInput::dataset(std::string_view id) const
{
    const auto* info = model::find_dataset(id);
    if (info && !info->part_of.empty()) {
        // As complete as the records it is part of; its own entry may only say it is not
        // offered (manifests from before it existed have none).
        auto state = dataset(info->part_of);
        for (const auto& [name, p] : m_current.manifest.platforms)
            if (const auto own = p.datasets.find(std::string(id)); own != p.datasets.end()) {
                state.coverage.status = model::worse(state.coverage.status, own->second.status);
                if (!own->second.missing.empty())
                    state.coverage.missing = own->second.missing;
                state.coverage.not_offered = own->second.not_offered;
            }
        return state;
    }
    const auto& platforms = m_current.manifest.platforms;
    for (const auto& [name, p] : platforms)
        if (const auto found = p.datasets.find(std::string(id)); found != p.datasets.end())
            return {name, found->second};
    const auto role = info && info->role == model::Role::source ? Platform::source : Platform::destination;
    const auto& name = platform_name(role);
    const auto platform = platforms.find(name);
    // The platform lists its datasets but not this one: it was not fetched.
    if (platform != platforms.end() && !platform->second.datasets.empty())
        return {name, {model::Coverage::unavailable, "not fetched in this run", {}}};
    // A manifest from before datasets were tracked: the platform's status stands for each.
    const auto c = coverage(role);
    return {
        name,
        {c,
         c == model::Coverage::complete ? "" : "the platform's data was " + std::string(model::to_string(c)),
         {}}};
}

std::map<std::string, DatasetState> CheckInput::datasets() const
{
    std::map<std::string, DatasetState> out;
    for (const auto& d : model::k_datasets)
        out[std::string(d.id)] = dataset(d.id);
    for (const auto& [name, p] : m_current.manifest.platforms)
        for (const auto& [id, coverage] : p.datasets)
            out.try_emplace(id, DatasetState{name, coverage});
    return out;
}

bool CheckInput::usable(Platform p) const
{
    const auto c = coverage(p);
    return c == model::Coverage::complete || c == model::Coverage::partial;
}

const std::string& CheckInput::platform_name(Platform p) const
{
    return p == Platform::source ? m_words.source_key : m_words.destination_key;
}

}  // namespace frr::checks
