#include "model/money_text.hpp"

#include <fmt/format.h>

namespace frr::model {

namespace {

// 1234567 -> "1,234,567"
std::string grouped(std::int64_t units)
{
    auto digits = std::to_string(units);
    std::string out;
    const auto n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return out;
}

std::string with_currency(bool negative, const std::string& number, std::string_view currency)
{
    const char* sign = negative ? "-" : "";
    if (currency == "GBP")
        return fmt::format("{}\u00a3{}", sign, number);
    if (currency.empty())
        return fmt::format("{}{}", sign, number);
    return fmt::format("{}{} {}", sign, currency, number);
}

}  // namespace

std::string format_money(std::int64_t minor, std::string_view currency)
{
    const bool negative = minor < 0;
    const auto a = negative ? -minor : minor;
    return with_currency(negative, fmt::format("{}.{:02}", grouped(a / 100), a % 100), currency);
}

std::string format_money_rounded(std::int64_t minor, std::string_view currency)
{
    const bool negative = minor < 0;
    const auto a = negative ? -minor : minor;
    return with_currency(negative, grouped((a + 50) / 100), currency);
}

}  // namespace frr::model
