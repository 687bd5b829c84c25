#pragma once
// GET /wp-json/wc/v3/reports/sales: WooCommerce's sales report (WC_Report_Sales_By_Date) over
// the generated orders, by store-local day (docs/simulator.md "WooCommerce").
#include <optional>
#include <string>

#include "store.hpp"

namespace frr::sim::woocommerce {

// `period` is week | month | last_month | year (relative to `now` in the store's time zone);
// date_min / date_max ("YYYY-MM-DD", inclusive) override it. Orders count when their status is
// completed, processing, on-hold or refunded; totals are grouped by day for ranges under four
// months, else by month.
std::string sales_report_json(const Store& store, Time now, const std::string& period,
                              const std::optional<std::string>& date_min,
                              const std::optional<std::string>& date_max, const std::string& api_base);

}  // namespace frr::sim::woocommerce
