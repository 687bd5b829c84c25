#!/usr/bin/env bash
# issue 11: every Shopify request kind (Admin GraphQL operations, singled out by their names) failing
# for the whole run under every transport fault: nothing invented, exactly the checks that need the
# unread dataset unknown. See degraded_endpoints_lib.sh.
source "$(dirname "$0")/degraded_endpoints_lib.sh"
SOURCE_ALL=orders,daily_orders,customers,checkouts
G='"endpoint":"graphql.json","contains"'
CASES=(
  "shopify|$G:\"query ShopInfo\"|$SOURCE_ALL"           # the preflight: Shopify unavailable
  "shopify|$G:\"query OrdersPage\"|orders"               # the window's orders
  "shopify|$G:\"query OrderDays\"|daily_orders"          # the volume look-back's order counts
  "shopify|$G:\"query CustomersPage\"|customers"
  "shopify|$G:\"query AbandonedCheckoutsPage\"|checkouts"
  "shopify|$G:\"query Counts\"|"                         # the bulk-or-paged count: paged instead, complete
)
# Data with errors (customer fields nulled, ACCESS_DENIED): the dataset is partial.
EXTRA_FAULTS=()
run_matrix
EXTRA_CASES_PARTIAL=(
  "shopify|$G:\"query OrdersPage\"|orders"
  "shopify|$G:\"query CustomersPage\"|customers"
)
CASES=("${EXTRA_CASES_PARTIAL[@]}")
TRANSPORT_FAULTS=('"kind":"graphql_partial"')
run_matrix
