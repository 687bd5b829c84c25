#pragma once
// Deterministic world generation: same scenario + seed + start time => same Store, byte for byte.
// Steps: the Shopify store (generate_shopify.cpp), the defect plan (defect_plan.cpp), Klaviyo's
// copy by the sync model with the plan applied (sync_model.cpp); the lookup indices are sorted on
// helper threads meanwhile, which changes nothing in the result (store_indices.cpp).
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "rng.hpp"
#include "scenario.hpp"
#include "store.hpp"

namespace frr::sim {

// Per-order defect flags (bits).
enum OrderDefect : std::uint8_t {
    k_order_missing = 1,        // no Shopify events for the order
    k_order_late = 2,           // its events arrive after the start time
    k_order_duplicate = 4,      // a second Placed Order with $event_id "<id>:dup1"
    k_order_wrong_value = 8,    // Placed Order $value = subtotal (shipping left out) or +5.00
    k_order_missing_item = 16,  // one Ordered Product event (the last unit) is missing
    k_order_no_fulfilled = 32,  // no Fulfilled Order event
    k_order_no_cancelled = 64,  // no Cancelled Order event
    k_order_no_refunded = 128   // no Refunded Order event
};
enum CustomerDefect : std::uint8_t {
    k_customer_missing_profile = 1,
    k_customer_klaviyo_subscribed = 2,      // Klaviyo SUBSCRIBED against Shopify's refusal
    k_customer_klaviyo_not_subscribed = 4,  // Klaviyo NEVER_SUBSCRIBED against Shopify SUBSCRIBED
    k_customer_not_on_list = 8              // a new subscriber never added to the Newsletter list
};

struct DefectPlan {
    std::vector<std::uint8_t> order_flags;  // per order
    std::unordered_map<Index, Time> late_arrival;
    std::vector<std::uint8_t> customer_flags;         // per customer
    std::optional<Time> stall_from;                   // no Shopify event with datetime >= this is synced
    std::vector<std::pair<Time, Time>> missing_days;  // [begin, end) UTC of store-local days
    std::vector<std::uint8_t> checkout_missing;       // per checkout: no Checkout Started event
};

// What the records step (records.cpp) leaves for Klaviyo's copy: the address Klaviyo holds for
// customers whose two spellings differ, and the orders an app's decoy Placed Order refers to.
struct RecordsPlan {
    std::unordered_map<Index, std::string> profile_email;  // customer -> Klaviyo's spelling
    std::vector<Index> decoy_orders;                       // sorted order indices
};

// The window of the answer key at `now` (docs/sync-semantics.md "Defect rules").
struct Window {
    Time since;
    Time judge_before;
    Time until;
};
Window window_at(const AnswerKeyConfig& c, Time now);

// Start of the store-local day containing `t`, as UTC (DST-aware).
Time local_day_start(const std::string& timezone, Time t);
// Store-local date "YYYY-MM-DD" of `t`.
std::string local_date(const std::string& timezone, Time t);

Store generate_store(const Scenario& scenario, Time now);

// Steps, exposed for tests. generate_klaviyo also builds the profile indices.
void generate_shopify(Store& store, const Scenario& scenario, Time now, Rng& rng);
// Order edits, the order-name format, email spellings and decoys with real order ids
// (scenario `records:`); runs after generate_shopify, before the indices and the defect plan.
RecordsPlan plan_records(Store& store, const Scenario& scenario, Time now, Rng& rng);
DefectPlan plan_defects(Store& store, const Scenario& scenario, Time now, Rng& rng);
void generate_klaviyo(Store& store, const Scenario& scenario, const DefectPlan& plan, Time now, Rng& rng,
                      const RecordsPlan& records = {});
// Partial fulfilments of some fulfilled orders (a stream of their own: the rest of the world
// is unchanged by them).
void add_partial_fulfillments(Store& store, const Scenario& scenario, Rng& rng);

// Lookup indices (store_indices.cpp): customers and orders by updatedAt / processedAt, and
// profiles by updated and by email. Each only reads the records it sorts, so it may run on
// another thread while other steps read (never write) those records.
void build_shopify_indices(Store& store);
void build_profile_indices(Store& store);

}  // namespace frr::sim
