#include "iso_time.hpp"

#include <cctype>

#include <date/date.h>
#include <fmt/format.h>

namespace frr::sim::klaviyo {

namespace {

// Reads exactly `width` digits at `pos`; nullopt when any is not a digit.
std::optional<int> read_digits(std::string_view text, std::size_t pos, std::size_t width)
{
    if (pos + width > text.size()) {
        return std::nullopt;
    }
    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) {
            return std::nullopt;
        }
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

}  // namespace

std::optional<Instant> parse_iso8601(std::string_view text)
{
    using namespace std::chrono;
    const auto year = read_digits(text, 0, 4);
    const auto month = read_digits(text, 5, 2);
    const auto day = read_digits(text, 8, 2);
    if (!year || !month || !day || text.size() < 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    const date::year_month_day ymd{date::year{*year}, date::month{static_cast<unsigned>(*month)},
                                   date::day{static_cast<unsigned>(*day)}};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    Instant result = date::sys_days{ymd};
    std::size_t pos = 10;
    if (pos == text.size()) {
        return result;
    }
    if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') {
        return std::nullopt;
    }
    const auto hour = read_digits(text, pos + 1, 2);
    const auto minute = read_digits(text, pos + 4, 2);
    if (!hour || !minute || text[pos + 3] != ':' || *hour > 23 || *minute > 59) {
        return std::nullopt;
    }
    result += hours{*hour} + minutes{*minute};
    pos += 6;
    if (pos < text.size() && text[pos] == ':') {
        const auto second = read_digits(text, pos + 1, 2);
        if (!second || *second > 60) {
            return std::nullopt;
        }
        result += seconds{*second};
        pos += 3;
        if (pos < text.size() && text[pos] == '.') {
            ++pos;
            std::int64_t micros = 0;
            int digits = 0;
            while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])) != 0) {
                if (digits < 6) {
                    micros = micros * 10 + (text[pos] - '0');
                }
                ++digits;
                ++pos;
            }
            if (digits == 0) {
                return std::nullopt;
            }
            for (int i = digits; i < 6; ++i) {
                micros *= 10;
            }
            result += microseconds{micros};
        }
    }
    if (pos == text.size()) {
        return result;
    }
    if ((text[pos] == 'Z' || text[pos] == 'z') && pos + 1 == text.size()) {
        return result;
    }
    if (text[pos] != '+' && text[pos] != '-') {
        return std::nullopt;
    }
    const int sign = text[pos] == '+' ? 1 : -1;
    const auto off_hour = read_digits(text, pos + 1, 2);
    std::size_t minute_pos = pos + 3;
    if (minute_pos < text.size() && text[minute_pos] == ':') {
        ++minute_pos;
    }
    const auto off_minute = read_digits(text, minute_pos, 2);
    if (!off_hour || !off_minute || minute_pos + 2 != text.size() || *off_hour > 23 || *off_minute > 59) {
        return std::nullopt;
    }
    // Local time = UTC + offset, so UTC = local - offset.
    return result - sign * (hours{*off_hour} + minutes{*off_minute});
}

std::string format_iso8601(Instant instant)
{
    using namespace std::chrono;
    const auto day = floor<days>(instant);
    const date::year_month_day ymd{day};
    const date::hh_mm_ss<microseconds> tod{instant - day};
    std::string out = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", static_cast<int>(ymd.year()),
                                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                                  tod.hours().count(), tod.minutes().count(), tod.seconds().count());
    if (tod.subseconds().count() != 0) {
        out += fmt::format(".{:06}", tod.subseconds().count());
    }
    out += "+00:00";
    return out;
}

std::int64_t unix_seconds(Instant instant)
{
    return std::chrono::floor<std::chrono::seconds>(instant).time_since_epoch().count();
}

}  // namespace frr::sim::klaviyo
