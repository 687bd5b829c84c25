#pragma once
// A 64-bit fingerprint (FNV-1a) of every field of a generated Store, so a test can pin the
// world a seed produces and prove that a change to the generator (speed, threads, laziness)
// left it byte for byte the same. Field order is part of the fingerprint; a new Store field
// belongs here too.
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "store.hpp"

namespace frr::sim::test {

class Fingerprint {
public:
    void bytes(const void* data, std::size_t n)
    {
        const auto* p = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < n; ++i) {
            m_hash ^= p[i];
            m_hash *= 0x100000001B3ULL;
        }
    }
    template <typename T>
    requires std::is_arithmetic_v<T> || std::is_enum_v<T>
    void add(T v) { bytes(&v, sizeof v); }
    void add(Time t) { add(t.time_since_epoch().count()); }
    void add(std::string_view s)
    {
        add(static_cast<std::uint64_t>(s.size()));
        bytes(s.data(), s.size());
    }
    void add(const std::string& s) { add(std::string_view(s)); }
    template <typename T> void add(const std::optional<T>& v)
    {
        add(v.has_value());
        if (v)
            add(*v);
    }
    std::uint64_t value() const { return m_hash; }

private:
    std::uint64_t m_hash = 0xCBF29CE484222325ULL;
};

inline std::uint64_t store_fingerprint(const Store& s)
{
    Fingerprint f;
    f.add(s.scenario);
    f.add(s.seed);
    f.add(s.start);
    const Shop& sh = s.shop;
    f.add(sh.id), f.add(sh.name), f.add(sh.domain), f.add(sh.currency), f.add(sh.timezone);
    f.add(sh.bucket_size), f.add(sh.restore_rate), f.add(sh.throttle_mode), f.add(sh.created_at);
    for (const auto& v : sh.api_versions)
        f.add(v);
    // Fields added by the records step (issue 12) count only when they differ from their
    // defaults, so the worlds pinned before them keep their fingerprints.
    if (sh.order_prefix != "#" || !sh.order_suffix.empty())
        f.add(sh.order_prefix), f.add(sh.order_suffix);
    if (s.order_id_field != OrderIdField::extra_id || s.aggregates_ignore_timezone)
        f.add(s.order_id_field), f.add(s.aggregates_ignore_timezone);
    f.add(s.products.size());
    for (const Product& p : s.products)
        f.add(p.id), f.add(p.title), f.add(p.sku), f.add(p.price), f.add(p.created_at), f.add(p.updated_at);
    f.add(s.customers.size());
    for (const Customer& c : s.customers) {
        f.add(c.id), f.add(c.created_at), f.add(c.updated_at), f.add(c.email), f.add(c.phone);
        f.add(c.first_name), f.add(c.last_name), f.add(c.marketing_state), f.add(c.opt_in_level);
        f.add(c.consent_updated_at);
    }
    f.add(s.orders.size());
    for (const Order& o : s.orders) {
        f.add(o.id), f.add(o.number), f.add(o.created_at), f.add(o.updated_at), f.add(o.processed_at);
        f.add(o.cancelled_at), f.add(o.refunded_at), f.add(o.fulfilled_at), f.add(o.test), f.add(o.source);
        f.add(o.financial_status), f.add(o.fulfillment_status), f.add(o.presentment_currency);
        f.add(o.subtotal), f.add(o.shipping), f.add(o.discount), f.add(o.total), f.add(o.quantity);
        f.add(o.first_line_item), f.add(o.line_item_count), f.add(o.customer);
        if (o.edited)
            f.add(o.edit_line), f.add(o.edit_units), f.add(o.edit_amount);
        f.add(o.partially_fulfilled_at);
    }
    f.add(s.checkouts.size());
    for (const AbandonedCheckout& c : s.checkouts) {
        f.add(c.id), f.add(c.created_at), f.add(c.updated_at), f.add(c.customer),
            f.add(c.presentment_currency);
        f.add(c.subtotal), f.add(c.total), f.add(c.first_line_item), f.add(c.line_item_count);
    }
    f.add(s.line_items.size());
    for (const LineItem& li : s.line_items)
        f.add(li.id), f.add(li.product), f.add(li.quantity), f.add(li.unit_price);
    f.add(s.metrics.size());
    for (const Metric& m : s.metrics) {
        f.add(m.id), f.add(m.name), f.add(m.integration), f.add(m.integration_json), f.add(m.created_at);
        f.add(m.updated_at), f.add(m.kind);
    }
    f.add(s.profiles.size());
    for (const Profile& p : s.profiles) {
        f.add(p.id_view()), f.add(p.email), f.add(p.phone), f.add(p.first_name), f.add(p.last_name);
        f.add(p.created_at), f.add(p.updated_at), f.add(p.consent), f.add(p.consent_at), f.add(p.suppression);
        f.add(p.suppressed_at), f.add(p.customer);
    }
    f.add(s.events.size());
    for (const auto& metric_events : s.events) {
        f.add(metric_events.size());
        for (const Event& e : metric_events) {
            f.add(e.datetime), f.add(e.arrival), f.add(e.profile), f.add(e.order), f.add(e.line_item);
            f.add(e.unit), f.add(e.dup), f.add(e.value);
        }
    }
    for (const auto* groups : {&s.lists, &s.segments}) {
        f.add(groups->size());
        for (const Group& g : *groups) {
            f.add(g.id), f.add(g.name), f.add(g.is_segment), f.add(g.opt_in_process), f.add(g.created_at);
            f.add(g.updated_at), f.add(g.drop.has_value());
            if (g.drop)
                f.add(g.drop->at), f.add(g.drop->keep), f.add(g.drop->vanish);
            f.add(g.members.size());
            for (const Membership& m : g.members)
                f.add(m.profile), f.add(m.joined_at);
        }
    }
    f.add(s.flows.size());
    for (const Flow& fl : s.flows) {
        f.add(fl.id), f.add(fl.name), f.add(fl.status), f.add(fl.archived), f.add(fl.trigger_type);
        f.add(fl.trigger_metric), f.add(fl.trigger_list), f.add(fl.entry_rate), f.add(fl.created_at);
        f.add(fl.updated_at), f.add(fl.stops_sending), f.add(fl.change.has_value());
        if (fl.change)
            f.add(fl.change->at), f.add(fl.change->to), f.add(fl.change->archive), f.add(fl.change->remove);
        f.add(fl.messages.size());
        for (const FlowMessage& m : fl.messages)
            f.add(m.id), f.add(m.delay.count()), f.add(m.reach);
    }
    f.add(s.injected.size());
    for (const InjectedDefect& d : s.injected)
        f.add(d.kind), f.add(d.key);
    for (const InjectedDefect& d : s.variants)
        f.add(d.kind), f.add(d.key);
    for (const auto& [identity, profile] : s.profile_identity_aliases)
        f.add(identity), f.add(profile);
    for (const auto* idx : {&s.customers_by_updated, &s.orders_by_updated, &s.orders_by_processed,
                            &s.profiles_by_updated, &s.profiles_by_email}) {
        f.add(idx->size());
        for (Index i : *idx)
            f.add(i);
    }
    return f.value();
}

inline std::uint64_t text_fingerprint(std::string_view text)
{
    Fingerprint f;
    f.add(text);
    return f.value();
}

}  // namespace frr::sim::test
