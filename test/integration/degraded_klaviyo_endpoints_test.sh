#!/usr/bin/env bash
# issue 11: every Klaviyo endpoint (and each Shopify-integration metric's events, singled out by the
# metric id in the filter) failing for the whole run under every transport fault: nothing
# invented, exactly the checks that need the unread dataset unknown. See degraded_endpoints_lib.sh.
# One ctest test per endpoint:
# ctest-parts: metrics events placed-order ordered-product fulfilled-order fulfilled-partial-order cancelled-order refunded-order checkout-started newest profiles lists list-members segments aggregates flows flow-report
source "$(dirname "$0")/degraded_endpoints_lib.sh"
EVENTS=events.placed_order,events.ordered_product,events.fulfilled_order,events.fulfilled_partial_order,events.cancelled_order,events.refunded_order,events.checkout_started,latest_placed_order
E='"endpoint":"/api/events","contains"'
declare -A CASES=(
  # Nothing can be matched without the metrics: Klaviyo unavailable, every destination dataset with it.
  [metrics]="klaviyo|\"endpoint\":\"/api/metrics\"|$EVENTS,profiles,audiences,daily_placed_orders,flows,flow_triggers,flow_report,subscriber_list"
  [events]="klaviyo|\"endpoint\":\"/api/events\"|$EVENTS"
  [placed-order]="klaviyo|$E:\"${METRIC[Placed_Order]}\"|events.placed_order,latest_placed_order"
  [ordered-product]="klaviyo|$E:\"${METRIC[Ordered_Product]}\"|events.ordered_product"
  [fulfilled-order]="klaviyo|$E:\"${METRIC[Fulfilled_Order]}\"|events.fulfilled_order"
  [fulfilled-partial-order]="klaviyo|$E:\"${METRIC[Fulfilled_Partial_Order]}\"|events.fulfilled_partial_order"
  [cancelled-order]="klaviyo|$E:\"${METRIC[Cancelled_Order]}\"|events.cancelled_order"
  [refunded-order]="klaviyo|$E:\"${METRIC[Refunded_Order]}\"|events.refunded_order"
  [checkout-started]="klaviyo|$E:\"${METRIC[Checkout_Started]}\"|events.checkout_started"
  [newest]="klaviyo|$E:\"sort=-datetime\"|latest_placed_order"   # the newest Placed Order (stall check)
  [profiles]="klaviyo|\"endpoint\":\"/api/profiles\"|profiles"
  [lists]="klaviyo|\"endpoint\":\"/api/lists\"|audiences,flows"
  [list-members]="klaviyo|\"endpoint\":\"/api/lists/\"|audiences,flows"   # a list's size, and the flow triggers of lists
  [segments]="klaviyo|\"endpoint\":\"/api/segments\"|audiences"
  [aggregates]="klaviyo|\"endpoint\":\"/api/metric-aggregates\"|daily_placed_orders,flow_triggers"
  [flows]="klaviyo|\"endpoint\":\"/api/flows\"|flows,flow_report"   # the report is not asked for without the flows
  [flow-report]="klaviyo|\"endpoint\":\"/api/flow-series-reports\"|flow_report"
)
QUOTA_ENDPOINTS=(/api/flow-series-reports)   # 225 a day per account, shared with other apps
CASE_ORDER=(metrics events placed-order ordered-product fulfilled-order fulfilled-partial-order cancelled-order refunded-order checkout-started newest profiles lists list-members segments aggregates flows flow-report)
run_matrix "$@"
