#!/usr/bin/env bash
# issue 11: every Shopify request kind (Admin GraphQL operations, singled out by their names) failing
# for the whole run under every transport fault: nothing invented, exactly the checks that need the
# unread dataset unknown. See degraded_endpoints_lib.sh. One ctest test per request kind:
# ctest-parts: shop-info orders order-days customers checkouts order-changes counts
source "$(dirname "$0")/degraded_endpoints_lib.sh"
G='"endpoint":"graphql.json","contains"'
declare -A CASES=(
  # The preflight: Shopify unavailable, every source dataset with it (and customer_consent, the
  # customers' consent, with the customers: model::DatasetInfo::part_of).
  [shop-info]="shopify|$G:\"query ShopInfo\"|orders,daily_orders,customers,customer_consent,checkouts,order_changes"
  # The window's orders; data with errors (customer fields nulled, ACCESS_DENIED) too.
  [orders]="shopify|$G:\"query OrdersPage\"|orders|\"kind\":\"graphql_partial\""
  [order-days]="shopify|$G:\"query OrderDays\"|daily_orders"     # the volume look-back's counts
  [customers]="shopify|$G:\"query CustomersPage\"|customers,customer_consent|\"kind\":\"graphql_partial\""
  [checkouts]="shopify|$G:\"query AbandonedCheckoutsPage\"|checkouts"
  [order-changes]="shopify|$G:\"query OrderChangesPage\"|order_changes"   # fulfilments, cancellations, refunds
  [counts]="shopify|$G:\"query Counts\"|"                          # bulk-or-paged: paged, complete
)
CASE_ORDER=(shop-info orders order-days customers checkouts order-changes counts)
run_matrix "$@"
