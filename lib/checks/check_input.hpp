#pragma once
// Everything the indicators read, prepared once per run in O(n): the window,
// each order's classification (judged or excluded, and why), and one tally of
// Shopify-integration events per order, so no indicator rescans the events.
#include "checks/findings.hpp"
#include "checks/flat_index.hpp"
#include "core/config.hpp"
#include "model/snapshot.hpp"
#include "model/vocabulary.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace frr::checks {

// docs/sync-semantics.md: since = as_of - window, until = as_of,
// judge_before = as_of - grace. A record is judged when its time is in
// [since, judge_before). The run's window start is the snapshot's (the fetch
// may reach back over periods earlier runs could not judge: pipeline/watermarks.hpp);
// `since` is raised to the oldest instant both platforms' data covers when a
// fetch reported reduced coverage.
struct Window {
    TimePoint run_since{};  // the run's window start, before any raise
    TimePoint since{};
    TimePoint until{};
    TimePoint judge_before{};
    bool contains(TimePoint t) const { return t >= since && t < judge_before; }
};

// Why an order is or is not judged. Precedence follows the enum order: an
// order that is both a test order and younger than grace counts as a test order.
enum class OrderClass : std::uint8_t {
    judged,            // eligible and inside the window
    test,              // test order
    no_email,          // customer without email (the integration does not sync it)
    excluded_channel,  // config checks.exclude_channels
    before_history,    // created before checks.history_start
    within_grace,      // younger than the grace period: not judged yet
    outside_window,    // eligible but created before the window
};
const char* exclusion_reason(OrderClass c);  // "" for judged and outside_window

// Shopify-integration events that refer to one order.
struct OrderTally {
    std::uint32_t placed = 0;                    // distinct Placed Order events
    std::uint32_t products = 0;                  // Ordered Product events
    std::uint32_t value_mismatches = 0;          // Placed Order events whose $value is off
    std::uint32_t value_compared = 0;            // Placed Order events with a comparable $value
    const model::Event* first_placed = nullptr;  // its id and $value, for examples and dedup
};

enum class Platform { source, destination };

// The revenue a Placed Order should carry: the order's, or an edited order's as placed.
const model::Money& as_placed_revenue(const model::Order& o);

class CheckInput {
public:
    // `previous` and `previous_findings` may be null (first run). All
    // references must outlive the CheckInput.
    // `since`: the window start; by default the snapshot manifest's (as_of -
    // config.window for a manifest without one).
    // `words`: the integration pair's vocabulary, for every finding's text.
    CheckInput(const model::Snapshot& current, const model::Snapshot* previous,
               const Findings* previous_findings, const core::ChecksConfig& config,
               const model::Vocabulary& words, std::string timezone,
               std::optional<TimePoint> since = std::nullopt);
    CheckInput(const CheckInput&) = delete;
    CheckInput& operator=(const CheckInput&) = delete;

    const model::Snapshot& current() const { return m_current; }
    const model::Snapshot* previous() const { return m_previous; }
    const Findings* previous_findings() const { return m_previous_findings; }
    const core::ChecksConfig& config() const { return m_config; }
    const model::Vocabulary& words() const { return m_words; }
    const std::string& timezone() const { return m_timezone; }
    const Window& window() const { return m_window; }
    TimePoint as_of() const { return m_current.manifest.as_of; }

    // Per order of current().source.orders, same index.
    const std::vector<OrderClass>& order_classes() const { return m_classes; }
    // Events of order i (every order of the snapshot, judged or not).
    const OrderTally& tally(std::size_t order_index) const { return m_tallies[order_index]; }
    // Index into current().source.orders of an order id, when present.
    std::optional<std::size_t> order_index(std::string_view order_id) const;
    // The newest Shopify Placed Order event's time, when there is one.
    std::optional<TimePoint> newest_placed() const { return m_newest_placed; }
    // Eligible orders (classification judged, within_grace or outside_window).
    bool eligible(std::size_t order_index) const;

    // Units order i had when it was placed, which its Ordered Product events should number:
    // item_quantity, or for an edited order the units its Placed Order lists; nullopt when an
    // edited order's Placed Order lists none (not comparable).
    std::optional<std::int64_t> expected_units(std::size_t order_index) const;

    // Profile index by email hash (current().destination.profiles).
    const model::Profile* profile_by_email(const model::EmailHash& email_hash) const;

    // Coverage of a platform ("unavailable" when the manifest lacks it).
    model::Coverage coverage(Platform p) const;
    // Coverage of one dataset (model/datasets.hpp id) and the platform serving
    // it. A manifest written before datasets were tracked gives each dataset its
    // platform's status; a dataset no platform lists is unavailable.
    DatasetState dataset(std::string_view id) const;
    // Every registered dataset's state, for checks.json.
    std::map<std::string, DatasetState> datasets() const;
    // Whether the platform's data can be judged at all (complete or partial).
    bool usable(Platform p) const;
    const std::string& platform_name(Platform p) const;

    const std::vector<Exclusion>& exclusions() const { return m_exclusions; }
    // The store's currency, average order value and a typical day's revenue
    // (docs/health-model.md "Money at stake").
    const MoneyBasis& money() const { return m_money; }

private:
    void classify_orders();
    void tally_events();
    void index_profiles();
    void count_customer_exclusions();
    void count_edited_orders();
    void compute_money_basis();
    OrderClass classify(const model::Order& o) const;

    const model::Snapshot& m_current;
    const model::Snapshot* m_previous;
    const Findings* m_previous_findings;
    const core::ChecksConfig& m_config;
    const model::Vocabulary& m_words;
    std::string m_timezone;
    Window m_window;
    std::optional<TimePoint> m_history_start;
    std::vector<OrderClass> m_classes;
    std::vector<OrderTally> m_tallies;  // per order index
    FlatIndex m_order_by_id;
    FlatIndex m_profile_by_email;
    std::optional<TimePoint> m_newest_placed;
    std::vector<Exclusion> m_exclusions;
    MoneyBasis m_money;
};

}  // namespace frr::checks
