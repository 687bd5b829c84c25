#include "checks/indicator_support.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "model/money_text.hpp"

namespace frr::checks {

int rate_score(std::int64_t affected, std::int64_t judged, double full_loss_rate)
{
    if (affected <= 0)
        return 100;
    const double rate = judged > 0 ? static_cast<double>(affected) / static_cast<double>(judged) : 1.0;
    const double kept = 1.0 - std::min(1.0, rate / full_loss_rate);
    return std::clamp(static_cast<int>(std::floor(100.0 * kept)), 0, 99);
}

Status status_for(std::int64_t affected)
{
    return affected > 0 ? Status::warn : Status::ok;
}

std::string plural(std::int64_t n, std::string_view singular, std::string_view plural_form)
{
    return fmt::format("{} {}", n, n == 1 ? singular : plural_form);
}

IndicatorResult start_result(const char* id, const char* title)
{
    IndicatorResult r;
    r.id = id;
    r.title = title;
    return r;
}

void add_count(IndicatorResult& r, std::string name, std::int64_t value)
{
    r.counts.push_back({std::move(name), value});
}

void add_example(IndicatorResult& r, std::string example)
{
    if (r.examples.size() < k_max_examples)
        r.examples.push_back(std::move(example));
}

void add_affected(IndicatorResult& r, const char* kind, std::string key)
{
    r.affected.push_back({kind, std::move(key), {}});
}

void set_at_stake(IndicatorResult& r, const MoneyBasis& basis, std::int64_t minor, std::int64_t customers,
                  Estimate estimate)
{
    r.at_stake.minor = std::max<std::int64_t>(0, minor);
    r.at_stake.currency = basis.currency;
    r.at_stake.customers = std::max<std::int64_t>(0, customers);
    r.at_stake.estimated = estimate == Estimate::yes;
}

std::string money_text(const MoneyBasis& basis, std::int64_t minor)
{
    return model::format_money(minor, basis.currency);
}

}  // namespace frr::checks
