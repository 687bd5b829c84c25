#pragma once
// Helpers the indicators share: scoring a defect rate, examples, wording.
#include "checks/findings.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace frr::checks {

// How many examples an indicator shows people (affected lists stay complete).
inline constexpr std::size_t k_max_examples = 5;

// 100 when nothing is affected; falls linearly to 0 when `affected / judged`
// reaches `full_loss_rate`; never 100 while anything is affected.
int rate_score(std::int64_t affected, std::int64_t judged, double full_loss_rate);

// ok without affected records, else warn. evaluate() then escalates by the
// configured score thresholds (checks.thresholds.<id>).
Status status_for(std::int64_t affected);

// "1 order" / "14 orders"
std::string plural(std::int64_t n, std::string_view singular, std::string_view plural_form);

// A result with id/title filled and status ok/100.
IndicatorResult start_result(const char* id, const char* title);
void add_count(IndicatorResult& r, std::string name, std::int64_t value);
void add_example(IndicatorResult& r, std::string example);
void add_affected(IndicatorResult& r, const char* kind, std::string key);

enum class Estimate { no, yes };
// Records what the finding costs: `minor` in the store's currency (basis),
// `customers` affected.
void set_at_stake(IndicatorResult& r, const MoneyBasis& basis, std::int64_t minor, std::int64_t customers,
                  Estimate estimate = Estimate::no);
// "£1,234.56" in the store's currency.
std::string money_text(const MoneyBasis& basis, std::int64_t minor);

}  // namespace frr::checks
