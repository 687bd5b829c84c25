#pragma once
// The datasets a run fetches, each with its own coverage in the manifest
// (complete, partial, unavailable, paused). Indicators declare the datasets
// they need by id; an indicator whose datasets are not all complete is
// `unknown`, so nothing is ever judged from data that was not read.
//
// Adding a dataset is one line in k_datasets below, plus, in the connector
// that fetches it, a `PlatformManifest::mark(id, ...)` where its fetch fails.
// Every dataset of a role starts `complete` when the platform answers and
// becomes `unavailable` or `paused` with it (model::mark_all).
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace frr::model {

// Which side of the integration pair a dataset comes from.
enum class Role { source, destination };

// Whether the dataset's records are judged one by one inside the run's window
// (then its watermark says up to when they have been judged), or it is a
// look-back or a snapshot judged by other rules (daily counts, audiences).
enum class Scope { window, other };

struct DatasetInfo {
    std::string_view id;     // manifest key, e.g. "orders", "events.placed_order"
    Role role;               //
    Scope scope;             //
    std::string_view label;  // plain words for people: "orders", "Placed Order events"
    // A part of another dataset's records (a field some platforms do not have, such as the
    // customers' email consent): read with them, so never more complete than they are, and
    // a connector may say its platform does not offer it (PlatformManifest::not_offered).
    std::string_view part_of = {};
};

// Every dataset frr fetches, source first, in report order.
inline constexpr std::array k_datasets{
    DatasetInfo{"orders", Role::source, Scope::window, "orders"},
    DatasetInfo{"daily_orders", Role::source, Scope::other, "daily order counts"},
    DatasetInfo{"customers", Role::source, Scope::window, "customers"},
    DatasetInfo{"customer_consent", Role::source, Scope::window, "customers' email consent", "customers"},
    DatasetInfo{"checkouts", Role::source, Scope::window, "abandoned checkouts"},
    DatasetInfo{"order_changes", Role::source, Scope::window, "fulfilments, cancellations and refunds"},
    DatasetInfo{"events.placed_order", Role::destination, Scope::window, "Placed Order events"},
    DatasetInfo{"events.ordered_product", Role::destination, Scope::window, "Ordered Product events"},
    DatasetInfo{"events.fulfilled_order", Role::destination, Scope::window, "Fulfilled Order events"},
    DatasetInfo{"events.fulfilled_partial_order", Role::destination, Scope::window,
                "Fulfilled Partial Order events"},
    DatasetInfo{"events.cancelled_order", Role::destination, Scope::window, "Cancelled Order events"},
    DatasetInfo{"events.refunded_order", Role::destination, Scope::window, "Refunded Order events"},
    DatasetInfo{"events.checkout_started", Role::destination, Scope::window, "Checkout Started events"},
    DatasetInfo{"latest_placed_order", Role::destination, Scope::other, "newest Placed Order"},
    DatasetInfo{"profiles", Role::destination, Scope::window, "profiles"},
    DatasetInfo{"audiences", Role::destination, Scope::other, "lists and segments"},
    DatasetInfo{"daily_placed_orders", Role::destination, Scope::other, "daily Placed Order counts"},
    DatasetInfo{"flows", Role::destination, Scope::other, "flows"},
    DatasetInfo{"flow_triggers", Role::destination, Scope::other, "the flows' daily triggers"},
    DatasetInfo{"subscriber_list", Role::destination, Scope::other, "the subscriber list's members"},
    DatasetInfo{"flow_report", Role::destination, Scope::other, "the flow report (emails sent)"},
};

// Dataset ids used by name in code (the strings above, spelled once).
namespace dataset {
inline constexpr std::string_view orders = "orders";
inline constexpr std::string_view daily_orders = "daily_orders";
inline constexpr std::string_view customers = "customers";
inline constexpr std::string_view customer_consent = "customer_consent";
inline constexpr std::string_view checkouts = "checkouts";
inline constexpr std::string_view placed_order_events = "events.placed_order";
inline constexpr std::string_view ordered_product_events = "events.ordered_product";
inline constexpr std::string_view latest_placed_order = "latest_placed_order";
inline constexpr std::string_view profiles = "profiles";
inline constexpr std::string_view audiences = "audiences";
inline constexpr std::string_view daily_placed_orders = "daily_placed_orders";
inline constexpr std::string_view order_changes = "order_changes";
inline constexpr std::string_view flows = "flows";
inline constexpr std::string_view flow_triggers = "flow_triggers";
inline constexpr std::string_view subscriber_list = "subscriber_list";
inline constexpr std::string_view flow_report = "flow_report";
}  // namespace dataset

// nullptr for an id not in k_datasets.
const DatasetInfo* find_dataset(std::string_view id);
// The registered datasets of one role, in k_datasets order.
std::vector<const DatasetInfo*> datasets_of(Role role);
// "events." + the event kind's name ("events.placed_order").
std::string events_dataset(std::string_view event_kind_name);
// The label of a dataset id, or the id itself when it is not registered.
std::string dataset_label(std::string_view id);

}  // namespace frr::model
