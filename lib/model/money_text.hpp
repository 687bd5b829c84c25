#pragma once
// Money as people in the UK read it: "£1,234.56" for pounds, the ISO code
// for any other currency ("EUR 1,234.56", "USD 12.00"). Amounts are integer
// minor units (pence, cents) with two decimals, never floats.
#include <cstdint>
#include <string>
#include <string_view>

namespace frr::model {

// 123456, "GBP" -> "£1,234.56"; 123456, "EUR" -> "EUR 1,234.56"; a negative
// amount keeps its sign in front ("-£3.10"). An empty currency shows the
// number alone ("1,234.56").
std::string format_money(std::int64_t minor, std::string_view currency);
// Whole units, for headlines and estimates: 2345678, "GBP" -> "£23,457".
std::string format_money_rounded(std::int64_t minor, std::string_view currency);

}  // namespace frr::model
