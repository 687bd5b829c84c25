#include "core/duration.hpp"

#include "core/error.hpp"

#include <array>
#include <fmt/format.h>

namespace frr::core {

std::optional<std::chrono::seconds> parse_duration(std::string_view text)
{
    if (text.empty())
        return std::nullopt;
    long long total = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        long long n = 0;
        std::size_t digits = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            n = n * 10 + (text[i] - '0');
            if (n > 100'000'000)
                return std::nullopt;
            ++i;
            ++digits;
        }
        if (digits == 0 || i == text.size())
            return std::nullopt;
        long long unit = 0;
        switch (text[i]) {
        case 's': unit = 1; break;
        case 'm': unit = 60; break;
        case 'h': unit = 3600; break;
        case 'd': unit = 86400; break;
        case 'w': unit = 7 * 86400; break;
        default: return std::nullopt;
        }
        total += n * unit;
        ++i;
    }
    return std::chrono::seconds{total};
}

std::chrono::seconds parse_duration_or_throw(std::string_view text, std::string_view what, bool is_flag)
{
    if (auto d = parse_duration(text))
        return *d;
    throw Error(is_flag ? ExitCode::usage : ExitCode::config, fmt::format("'{}' is not a duration", text),
                std::string(what),
                "use a number with a unit: 90s, 90m, 24h, 7d, 2w (or combined, like 1h30m)");
}

std::string format_duration(std::chrono::seconds d)
{
    long long s = d.count();
    if (s == 0)
        return "0s";
    std::string out;
    if (s < 0) {
        out = "-";
        s = -s;
    }
    constexpr std::array<std::pair<long long, char>, 4> k_units{
        {{86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}}};
    for (auto [size, unit] : k_units) {
        if (s >= size) {
            out += fmt::format("{}{}", s / size, unit);
            s %= size;
        }
    }
    return out;
}

}  // namespace frr::core
