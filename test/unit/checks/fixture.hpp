#pragma once
// Small hand-made canonical snapshots for the indicator tests. StoreBuilder
// starts healthy (every order synced, every customer profiled, consent
// agreeing); each test then breaks exactly what it checks.
#include "checks/check_input.hpp"
#include "checks/evaluate.hpp"
#include "core/time.hpp"
#include "model/snapshot.hpp"
#include "support/pair_words.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace frr::checks::test {

inline core::TimePoint at(const char* iso)
{
    return core::parse_iso8601_or_throw(iso, "test time");
}

// Sunday 25 Oct 2026 is the UK's clock change (01:00 UTC, BST -> GMT), inside
// the default window of this as_of.
inline const core::TimePoint k_as_of = at("2026-10-25T12:00:00Z");
inline const char* k_zone = "Europe/London";
inline const model::Vocabulary& k_words = frr::test::k_pair_words;

enum class Sync { synced, not_synced };

class StoreBuilder {
public:
    StoreBuilder()
    {
        auto& m = m_snapshot.manifest;
        m.run_id = "20261025T120000Z-1";
        m.as_of = k_as_of;
        m.since = k_as_of - std::chrono::hours(24);
        m.until = k_as_of;
        m.store = "Test store";
        m.timezone = k_zone;
        m.platforms["shopify"].status = model::Coverage::complete;
        m.platforms["klaviyo"].status = model::Coverage::complete;
        // References returned by order()/customer() stay valid for a test's size.
        m_snapshot.source.orders.reserve(k_capacity);
        m_snapshot.source.customers.reserve(k_capacity);
        m_snapshot.destination.profiles.reserve(k_capacity);
        m_snapshot.destination.metrics = {
            {"M1", "Placed Order", "shopify", model::EventKind::placed_order},
            {"M2", "Ordered Product", "shopify", model::EventKind::ordered_product},
            {"M9", "Placed Order", "api", model::EventKind::other}};
    }

    model::Snapshot& snapshot() { return m_snapshot; }

    // An order of `units` items, with its customer's email, in GBP.
    model::Order& order(const std::string& name, core::TimePoint created, Sync sync = Sync::synced,
                        int units = 2)
    {
        model::Order o;
        o.id = std::to_string(5000 + m_snapshot.source.orders.size());
        o.name = name;
        o.created_at = created;
        o.updated_at = created;
        o.source_name = "web";
        o.financial_status = "PAID";
        o.customer_id = "c" + o.id;
        o.email_hash = "h" + o.id;
        o.email_masked = "a***@example.com";
        o.revenue = {12345, "GBP"};
        o.total = o.revenue;
        o.item_quantity = units;
        m_snapshot.source.orders.push_back(o);
        if (sync == Sync::synced)
            sync_order(m_snapshot.source.orders.back());
        return m_snapshot.source.orders.back();
    }

    // Klaviyo's events for an order: one Placed Order, one Ordered Product per unit.
    void sync_order(const model::Order& o, int placed = 1)
    {
        for (int p = 0; p < placed; ++p)
            m_snapshot.destination.events.push_back(
                event(model::EventKind::placed_order, "M1", o, o.revenue));
        for (int u = 0; u < o.item_quantity; ++u)
            m_snapshot.destination.events.push_back(event(model::EventKind::ordered_product, "M2", o, {}));
    }

    model::Event event(model::EventKind kind, const char* metric, const model::Order& o,
                       std::optional<model::Money> value)
    {
        model::Event e;
        e.id = "E" + std::to_string(++m_event_seq);
        e.kind = kind;
        e.metric_id = metric;
        e.occurred_at = o.created_at;
        e.order_id = o.id;
        e.unique_id = o.id;
        e.value = std::move(value);
        return e;
    }

    // A customer updated at `updated` with an email (and a matching profile
    // when `profile` is synced), consent agreeing unless changed afterwards.
    model::Customer& customer(const std::string& id, core::TimePoint updated, Sync profile = Sync::synced,
                              model::SourceConsent consent = model::SourceConsent::subscribed)
    {
        model::Customer c;
        c.id = id;
        c.created_at = updated - std::chrono::hours(24 * 30);
        c.updated_at = updated;
        c.email_hash = "mail" + id;
        c.email_masked = "j***@example.com";
        c.consent = consent;
        m_snapshot.source.customers.push_back(c);
        if (profile == Sync::synced) {
            model::Profile p;
            p.id = "P" + id;
            p.email_hash = c.email_hash;
            p.email_masked = c.email_masked;
            p.consent = consent == model::SourceConsent::subscribed ? model::DestinationConsent::subscribed
                : consent == model::SourceConsent::unsubscribed     ? model::DestinationConsent::unsubscribed
                                                                : model::DestinationConsent::never_subscribed;
            m_snapshot.destination.profiles.push_back(p);
        }
        return m_snapshot.source.customers.back();
    }

    model::Profile& profile_of(const model::Customer& c)
    {
        for (auto& p : m_snapshot.destination.profiles)
            if (p.email_hash == c.email_hash)
                return p;
        throw std::logic_error("no profile");
    }

private:
    static constexpr std::size_t k_capacity = 1000;
    model::Snapshot m_snapshot;
    int m_event_seq = 0;
};

// Evaluates with default config and returns the Findings.
inline Findings run(const model::Snapshot& current, const core::ChecksConfig& config = {},
                    const model::Snapshot* previous = nullptr, const Findings* previous_findings = nullptr)
{
    CheckInput input(current, previous, previous_findings, config, k_words, k_zone);
    return evaluate(input, "Test store");
}

// "kind key" of every affected entry over all indicators, sorted.
inline std::vector<std::string> affected_keys(const Findings& f, const std::string& kind)
{
    std::vector<std::string> keys;
    for (const auto& r : f.indicators)
        for (const auto& a : r.affected)
            if (a.kind == kind)
                keys.push_back(a.key);
    std::sort(keys.begin(), keys.end());
    return keys;
}

inline std::size_t total_affected(const Findings& f)
{
    std::size_t n = 0;
    for (const auto& r : f.indicators)
        n += r.affected.size();
    return n;
}

}  // namespace frr::checks::test
