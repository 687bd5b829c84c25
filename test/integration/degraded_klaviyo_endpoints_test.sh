#!/usr/bin/env bash
# issue 11: every Klaviyo endpoint (and each Shopify-integration metric's events, singled out by the
# metric id in the filter) failing for the whole run under every transport fault: nothing
# invented, exactly the checks that need the unread dataset unknown. See degraded_endpoints_lib.sh.
source "$(dirname "$0")/degraded_endpoints_lib.sh"
DESTINATION_ALL=events.placed_order,events.ordered_product,events.fulfilled_order,events.cancelled_order,events.refunded_order,events.checkout_started,latest_placed_order,profiles,audiences,daily_placed_orders
EVENTS_ALL=events.placed_order,events.ordered_product,events.fulfilled_order,events.cancelled_order,events.refunded_order,events.checkout_started,latest_placed_order
E='"endpoint":"/api/events","contains"'
CASES=(
  "klaviyo|\"endpoint\":\"/api/metrics\"|$DESTINATION_ALL"   # nothing can be matched: Klaviyo unavailable
  "klaviyo|\"endpoint\":\"/api/events\"|$EVENTS_ALL"
  "klaviyo|$E:\"${METRIC[Placed_Order]}\"|events.placed_order,latest_placed_order"
  "klaviyo|$E:\"${METRIC[Ordered_Product]}\"|events.ordered_product"
  "klaviyo|$E:\"${METRIC[Fulfilled_Order]}\"|events.fulfilled_order"
  "klaviyo|$E:\"${METRIC[Cancelled_Order]}\"|events.cancelled_order"
  "klaviyo|$E:\"${METRIC[Refunded_Order]}\"|events.refunded_order"
  "klaviyo|$E:\"${METRIC[Checkout_Started]}\"|events.checkout_started"
  "klaviyo|$E:\"sort=-datetime\"|latest_placed_order"       # the newest Placed Order (stall check)
  "klaviyo|\"endpoint\":\"/api/profiles\"|profiles"
  "klaviyo|\"endpoint\":\"/api/lists\"|audiences"
  "klaviyo|\"endpoint\":\"/api/segments\"|audiences"
  "klaviyo|\"endpoint\":\"/api/metric-aggregates\"|daily_placed_orders"
)
EXTRA_FAULTS=()
run_matrix
