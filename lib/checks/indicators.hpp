#pragma once
// The health indicators (docs/health-model.md). One .cpp per indicator; the
// rules are docs/sync-semantics.md, so findings equal the simulator's answer key.
#include "checks/indicator.hpp"

namespace frr::checks {

#define FRR_INDICATOR(Type, Id, Title)                                                                       \
    class Type final : public Indicator {                                                                    \
    public:                                                                                                  \
        const char* id() const override { return Id; }                                                       \
        const char* title() const override { return Title; }                                                 \
        std::vector<std::string_view> needs() const override;                                                \
        IndicatorResult evaluate(const CheckInput& input) const override;                                    \
    };

// Judged orders without a Shopify Placed Order event (order_missing_event).
FRR_INDICATOR(OrderSyncIndicator, "order_sync", "Order sync")
// Fewer Ordered Product events than units ordered (order_items_missing).
FRR_INDICATOR(LineItemsIndicator, "line_items", "Line items")
// Placed Order $value off the revenue rule, same currency (order_value_mismatch).
FRR_INDICATOR(ValueIntegrityIndicator, "value_integrity", "Order values")
// More than one Placed Order per order (order_event_duplicate).
FRR_INDICATOR(DuplicatesIndicator, "duplicates", "Duplicate orders")
// Orders the previous run saw missing that have arrived since (order_event_late).
FRR_INDICATOR(EventDelayIndicator, "event_delay", "Event delay")
// Klaviyo's newest Placed Order is old while Shopify takes orders (sync_stalled).
FRR_INDICATOR(FreshnessIndicator, "freshness", "Sync freshness")
// Customers with email and no Klaviyo profile (customer_missing_profile).
FRR_INDICATOR(CustomerSyncIndicator, "customer_sync", "Customer sync")
// Email-marketing consent disagreeing across platforms (consent_mismatch).
FRR_INDICATOR(ConsentIndicator, "consent", "Consent agreement")
// Lists and segments emptied, dropped or vanished since the last run (audience_drop).
FRR_INDICATOR(AudiencesIndicator, "audiences", "Lists and segments")
// Past days with implausibly few Placed Order events (volume_gap).
FRR_INDICATOR(VolumeIndicator, "volume", "Daily volume")
// Reachability, auth, scopes, throttling and token expiry per platform.
FRR_INDICATOR(ConnectionIndicator, "connection", "Connection")
// Flow triggers (docs/sync-semantics.md "Flow triggers"), named by the flows they starve:
// abandoned checkouts with an email without a checkout event (checkout_missing_event),
FRR_INDICATOR(CheckoutsIndicator, "checkouts", "Abandoned checkouts")
// fulfilments without Fulfilled Order / Fulfilled Partial Order (fulfillment_missing_event),
FRR_INDICATOR(FulfillmentsIndicator, "fulfillments", "Fulfilments")
// cancellations without Cancelled Order (cancellation_missing_event),
FRR_INDICATOR(CancellationsIndicator, "cancellations", "Cancellations")
// full refunds without Refunded Order (refund_missing_event),
FRR_INDICATOR(RefundsIndicator, "refunds", "Refunds")
// new email subscribers missing from the subscriber list (subscriber_missing_from_list).
FRR_INDICATOR(SubscribersIndicator, "subscribers", "New subscribers")
// Flows live at the last run and no longer live (flow_not_live).
FRR_INDICATOR(FlowStatusIndicator, "flow_status", "Flows switched off")
// Live flows whose trigger arrives but that send nothing (flow_silent).
FRR_INDICATOR(FlowSendsIndicator, "flow_sends", "Flows sending")

#undef FRR_INDICATOR

}  // namespace frr::checks
