#include "core/time.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

namespace frr::core {

namespace {

bool read_int(std::string_view s, std::size_t pos, std::size_t len, int& out)
{
    if (pos + len > s.size())
        return false;
    auto first = s.data() + pos;
    auto res = std::from_chars(first, first + len, out);
    return res.ec == std::errc{} && res.ptr == first + len;
}

const date::time_zone* zone_or_throw(const std::string& name)
{
    try {
        return date::locate_zone(name);
    } catch (const std::exception&) {
        throw Error(ExitCode::config, fmt::format("unknown time zone '{}'", name), "store.timezone",
                    "use an IANA name such as Europe/London");
    }
}

}  // namespace

std::optional<TimePoint> parse_iso8601(std::string_view s)
{
    // The form frr writes, "2026-11-27T06:00:00Z", first and without the general parser below (a
    // large snapshot holds about ten million of them): the same result for the same text.
    if (s.size() == 20 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' &&
        s[19] == 'Z') {
        const auto* p = reinterpret_cast<const unsigned char*>(s.data());
        const unsigned d0 = p[0] - 48U, d1 = p[1] - 48U, d2 = p[2] - 48U, d3 = p[3] - 48U, d5 = p[5] - 48U,
                       d6 = p[6] - 48U, d8 = p[8] - 48U, d9 = p[9] - 48U, d11 = p[11] - 48U,
                       d12 = p[12] - 48U, d14 = p[14] - 48U, d15 = p[15] - 48U, d17 = p[17] - 48U,
                       d18 = p[18] - 48U;
        // Each is at most 9 exactly when the byte is a digit (below '0' wraps to a large number).
        if (std::max({d0, d1, d2, d3, d5, d6, d8, d9, d11, d12, d14, d15, d17, d18}) <= 9) {
            const int year = static_cast<int>(d0 * 1000 + d1 * 100 + d2 * 10 + d3);
            const unsigned month = d5 * 10 + d6, day = d8 * 10 + d9;
            const unsigned hour = d11 * 10 + d12, minute = d14 * 10 + d15, second = d17 * 10 + d18;
            const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            static constexpr unsigned char k_month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
            if (month < 1 || month > 12 || day < 1 ||
                day > k_month_days[month - 1] + (month == 2 && leap ? 1U : 0U) || hour > 23 || minute > 59 ||
                second > 60)
                return std::nullopt;
            // Days since 1970-01-01 (H. Hinnant's days_from_civil, the date library's own).
            const int y = year - (month <= 2 ? 1 : 0);
            const int era = (y >= 0 ? y : y - 399) / 400;
            const auto yoe = static_cast<unsigned>(y - era * 400);
            const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
            const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
            const long days = static_cast<long>(era) * 146097 + static_cast<long>(doe) - 719468;
            return TimePoint{std::chrono::seconds{days * 86400 + hour * 3600 + minute * 60 + second}};
        }
    }
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
    if (!read_int(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !read_int(s, 5, 2, mo) || s[7] != '-' ||
        !read_int(s, 8, 2, d))
        return std::nullopt;
    auto ymd = date::year{y} / date::month{static_cast<unsigned>(mo)} / date::day{static_cast<unsigned>(d)};
    if (!ymd.ok())
        return std::nullopt;
    if (s.size() == 10)
        return TimePoint{date::sys_days{ymd}};
    if ((s[10] != 'T' && s[10] != ' ') || !read_int(s, 11, 2, h) || s.size() < 19 || s[13] != ':' ||
        !read_int(s, 14, 2, mi) || s[16] != ':' || !read_int(s, 17, 2, se))
        return std::nullopt;
    if (h > 23 || mi > 59 || se > 60)
        return std::nullopt;
    std::size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9')
            ++pos;
    }
    int offset_minutes = 0;
    if (pos == s.size()) {
        // No designator: taken as UTC (frr only writes Z).
    } else if (s[pos] == 'Z' && pos + 1 == s.size()) {
    } else if ((s[pos] == '+' || s[pos] == '-') && s.size() == pos + 6 && s[pos + 3] == ':') {
        int oh = 0, om = 0;
        if (!read_int(s, pos + 1, 2, oh) || !read_int(s, pos + 4, 2, om))
            return std::nullopt;
        offset_minutes = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    } else {
        return std::nullopt;
    }
    auto t = date::sys_days{ymd} + std::chrono::hours{h} + std::chrono::minutes{mi} +
        std::chrono::seconds{se} - std::chrono::minutes{offset_minutes};
    return std::chrono::time_point_cast<std::chrono::seconds>(t);
}

TimePoint parse_iso8601_or_throw(std::string_view text, std::string_view what)
{
    if (auto t = parse_iso8601(text))
        return *t;
    throw Error(ExitCode::bad_input, fmt::format("'{}' is not an ISO-8601 date-time", text),
                std::string(what), "write it like 2026-11-27T06:00:00Z");
}

Iso8601Text iso8601_text(TimePoint t)
{
    Iso8601Text out;
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{day};
    const int year = static_cast<int>(ymd.year());
    if (year < 0 || year > 9999) {
        // Outside four digits: date's own rendering (sign, more digits), as format_iso8601 always was.
        const auto text = date::format("%FT%TZ", t);
        out.size = std::min(text.size(), out.bytes.size());
        std::copy_n(text.begin(), out.size, out.bytes.begin());
        return out;
    }
    const std::chrono::hh_mm_ss hms{t - day};
    char* p = out.bytes.data();
    auto digits = [&p](unsigned value, int width) {
        for (int i = width - 1; i >= 0; --i) {
            p[i] = static_cast<char>('0' + value % 10);
            value /= 10;
        }
        p += width;
    };
    auto put = [&p](char c) { *p++ = c; };
    digits(static_cast<unsigned>(year), 4);
    put('-');
    digits(static_cast<unsigned>(ymd.month()), 2);
    put('-');
    digits(static_cast<unsigned>(ymd.day()), 2);
    put('T');
    digits(static_cast<unsigned>(hms.hours().count()), 2);
    put(':');
    digits(static_cast<unsigned>(hms.minutes().count()), 2);
    put(':');
    digits(static_cast<unsigned>(hms.seconds().count()), 2);
    put('Z');
    out.size = static_cast<std::size_t>(p - out.bytes.data());
    return out;
}

std::string format_iso8601(TimePoint t)
{
    return std::string(iso8601_text(t).view());
}

void require_time_zone(const std::string& iana_name)
{
    zone_or_throw(iana_name);
}

std::string local_date(TimePoint t, const std::string& iana_name)
{
    auto zoned = date::make_zoned(zone_or_throw(iana_name), t);
    return date::format("%F", date::floor<date::days>(zoned.get_local_time()));
}

TimePoint local_midnight(const std::string& day, const std::string& iana_name)
{
    auto start = parse_iso8601(day);
    if (!start)
        throw Error(ExitCode::bad_input, fmt::format("'{}' is not a date", day));
    auto local = date::local_days{date::floor<date::days>(*start).time_since_epoch()};
    auto zoned = date::make_zoned(zone_or_throw(iana_name), local, date::choose::earliest);
    return std::chrono::time_point_cast<std::chrono::seconds>(zoned.get_sys_time());
}

std::string format_local_iso8601(TimePoint t, const std::string& iana_name)
{
    auto zoned = date::make_zoned(zone_or_throw(iana_name), t);
    return date::format("%FT%T%Ez", zoned);
}

std::string format_local(TimePoint t, const std::string& iana_name)
{
    auto zoned = date::make_zoned(zone_or_throw(iana_name), t);
    auto text = date::format("%d %b %Y %H:%M %Z", zoned);
    return text.starts_with('0') ? text.substr(1) : text;
}

std::string format_local_date(std::string_view ymd)
{
    if (ymd.size() != 10 || ymd[4] != '-' || ymd[7] != '-')
        return std::string(ymd);
    auto start = parse_iso8601(ymd);
    if (!start)
        return std::string(ymd);
    auto text = date::format("%d %b %Y", date::floor<date::days>(*start));
    return text.starts_with('0') ? text.substr(1) : text;
}

std::string add_days(const std::string& day, int days)
{
    auto start = parse_iso8601(day);
    if (!start)
        throw Error(ExitCode::bad_input, fmt::format("'{}' is not a date", day));
    auto d = date::floor<date::days>(*start) + date::days{days};
    return date::format("%F", d);
}

}  // namespace frr::core
