#pragma once
// Canonical records: what connectors produce and checks consume. No platform
// field names, no HTTP, no raw personal data: emails appear only as a keyed
// hash (for matching) and a masked form (for people).
#include "core/clock.hpp"
#include "model/email_hash.hpp"
#include "model/small_string.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace frr::model {

using core::TimePoint;

// Money in integer minor units (pence, cents) of an ISO-4217 currency.
struct Money {
    std::int64_t minor = 0;
    SmallString currency;
    bool operator==(const Money&) const = default;
};

// A decimal string ("679.0", "12.5", "-3.10") to minor units with 2 decimals;
// std::nullopt when it is not a decimal number.
std::optional<std::int64_t> parse_minor_units(std::string_view decimal);
// A JSON number such as Klaviyo's $value (109.95) to minor units, rounded.
std::int64_t minor_units_from_double(double value);
// 12345 -> "123.45"
std::string format_minor_units(std::int64_t minor);

// Shopify's email-marketing states (CustomerEmailMarketingState).
enum class SourceConsent { subscribed, not_subscribed, pending, unsubscribed, invalid, redacted, unknown };
// Klaviyo's subscriptions.email.marketing.consent.
enum class DestinationConsent { subscribed, unsubscribed, never_subscribed, unknown };

struct Order {
    SmallString id;    // the source platform's numeric id, as a string
    SmallString name;  // what people know it by, e.g. "#1043"
    TimePoint created_at{};
    TimePoint updated_at{};
    std::optional<TimePoint> cancelled_at;
    SmallString source_name;       // sales channel: web, pos, shopify_draft_order, ...
    SmallString financial_status;  // PAID, REFUNDED, PARTIALLY_REFUNDED, ...
    SmallString customer_id;
    EmailHash email_hash;  // empty when the order has no email
    SmallString email_masked;
    Money revenue;  // (subtotal + shipping) - discounts, shop currency
    Money total;
    int item_quantity = 0;  // units over all line items
    bool test = false;
    // Edited after placement (Shopify's order editing): revenue and item_quantity are the order
    // as it is now, revenue_as_placed the revenue when it was placed (what its Placed Order
    // carries). Equal to revenue when not edited.
    bool edited = false;
    Money revenue_as_placed;
};

struct Customer {
    SmallString id;  // numeric legacy id, as a string
    TimePoint created_at{};
    TimePoint updated_at{};
    EmailHash email_hash;  // empty: no email (phone-only or redacted)
    SmallString email_masked;
    bool has_phone = false;
    SourceConsent consent = SourceConsent::unknown;
    std::optional<TimePoint> consent_updated_at;
};

struct Checkout {
    SmallString id;
    TimePoint created_at{};
    std::optional<TimePoint> completed_at;
    SmallString customer_id;
    EmailHash email_hash;
    Money total;
};

// What happened to an order after it was placed, as the source records it: a
// fulfilment (the last one completing the order, or an earlier partial one), a
// cancellation, or a full refund. The destination copies each as its own event
// kind, and flows (shipping confirmations, apologies) are triggered by them.
enum class OrderChangeKind { fulfilled, partially_fulfilled, cancelled, refunded };

struct OrderChange {
    SmallString order_id;    // the source platform's numeric order id
    SmallString order_name;  // "#1043"
    OrderChangeKind kind = OrderChangeKind::fulfilled;
    TimePoint at{};  // when the fulfilment, cancellation or refund happened
    TimePoint order_created_at{};
    bool test = false;
    SmallString source_name;  // sales channel of the order
    EmailHash email_hash;     // empty when the order has no email
    Money total;              // the order's total, shop currency
};

struct Profile {
    SmallString id;
    EmailHash email_hash;
    SmallString email_masked;
    TimePoint created_at{};
    TimePoint updated_at{};
    DestinationConsent consent = DestinationConsent::unknown;
    bool can_receive_marketing = false;
    std::vector<std::string> suppressions;  // HARD_BOUNCE, SPAM_COMPLAINT, UNSUBSCRIBE, ...
};

// What an event means, decided by the connector from the metric's integration
// (never by name alone: a decoy "Placed Order" from another integration is `other`).
enum class EventKind {
    placed_order,
    ordered_product,
    fulfilled_order,
    fulfilled_partial_order,
    cancelled_order,
    refunded_order,
    checkout_started,
    other
};

struct Metric {
    std::string id;
    std::string name;
    std::string integration;  // "shopify", "api", ...
    EventKind kind = EventKind::other;
};

// Which event property gave an event its order id (docs/sync-semantics.md, "Mapping an event").
enum class OrderIdSource { none, extra_id, extra_order_id, event_id };

struct Event {
    SmallString id;
    EventKind kind = EventKind::other;
    OrderIdSource order_id_source = OrderIdSource::none;
    SmallString metric_id;
    TimePoint occurred_at{};
    SmallString order_id;           // the source order it refers to, "" when unknown
    std::optional<int> item_units;  // units the event lists ($extra.line_items quantities), if any
    SmallString unique_id;          // $event_id
    SmallString profile_id;
    std::optional<Money> value;
};

enum class AudienceKind { list, segment };

struct Audience {
    std::string id;
    std::string name;
    AudienceKind kind = AudienceKind::list;
    std::optional<std::int64_t> profile_count;
    bool is_processing = false;
    TimePoint updated_at{};
};

// A flow (automation) of the destination, as listed with its trigger.
enum class FlowStatus { live, manual, draft, other };
enum class TriggerKind { none, metric, list, segment };

struct Flow {
    std::string id;
    std::string name;
    FlowStatus status = FlowStatus::other;
    std::string status_text;  // as the destination words it ("live", "draft", ...)
    bool archived = false;
    std::string trigger_type;  // the destination's own words ("Metric", "Added to List", ...)
    TriggerKind trigger = TriggerKind::none;
    std::string trigger_id;    // the metric, list or segment id; "" when not mapped
    std::string trigger_name;  // that metric's, list's or segment's name
    TimePoint created_at{};
    TimePoint updated_at{};
    bool live() const { return status == FlowStatus::live && !archived; }
};

// One flow message's recipients on one store-local day, from the destination's
// flow report (one row per flow, message, channel and day; days without sends
// are absent or zero).
struct FlowMessageDay {
    std::string flow_id;
    std::string message_id;
    std::string channel;  // "email", "sms", ...
    std::string date;     // store-local "YYYY-MM-DD"
    std::int64_t recipients = 0;
};

// Triggers counted per store-local day: a metric's events, or the joins of a
// list or segment. `trigger_id` is the metric, list or segment id.
struct TriggerDay {
    std::string trigger_id;
    std::string date;
    std::int64_t count = 0;
    bool operator==(const TriggerDay&) const = default;
};

// The list the integration adds email subscribers to, and which of the emails
// looked up (keyed hashes of the window's new subscribers) are on it.
struct SubscriberList {
    std::string id;  // "" when none was configured or discovered
    std::string name;
    std::string found_by;              // "configured" or "discovered"
    std::vector<std::string> checked;  // email hashes looked up
    std::vector<std::string> members;  // of those, the ones on the list
};

// A count per store-local day ("YYYY-MM-DD").
struct DailyCount {
    std::string date;
    std::int64_t count = 0;
    bool operator==(const DailyCount&) const = default;
};

const char* to_string(SourceConsent c);
const char* to_string(DestinationConsent c);
const char* to_string(EventKind k);
const char* to_string(AudienceKind k);
const char* to_string(OrderIdSource s);  // "none", "extra_id", "extra_order_id", "event_id"
OrderIdSource order_id_source_from(std::string_view s);
const char* to_string(OrderChangeKind k);
const char* to_string(FlowStatus s);
const char* to_string(TriggerKind k);
SourceConsent source_consent_from(std::string_view s);
DestinationConsent destination_consent_from(std::string_view s);
EventKind event_kind_from(std::string_view s);
AudienceKind audience_kind_from(std::string_view s);
OrderChangeKind order_change_kind_from(std::string_view s);
FlowStatus flow_status_from(std::string_view s);  // "live", "manual", "draft"; else other
TriggerKind trigger_kind_from(std::string_view s);

}  // namespace frr::model
