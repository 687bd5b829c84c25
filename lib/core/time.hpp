#pragma once
// Instants are UTC inside frr; the store's time zone is used only to group by
// local day and to print dates in reports.
#include "core/clock.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace frr::core {

// Parses ISO-8601 date-times: "2026-11-27T06:00:00Z", "...+00:00", "...-05:00",
// fractional seconds (truncated), and a bare date "2026-11-27" (midnight UTC).
std::optional<TimePoint> parse_iso8601(std::string_view text);
// Like parse_iso8601 but throws Error(bad_input) naming `what`.
TimePoint parse_iso8601_or_throw(std::string_view text, std::string_view what);
// "2026-11-27T06:00:00Z"
std::string format_iso8601(TimePoint t);
// The same text in a fixed buffer, without allocating: for writers of millions of records.
struct Iso8601Text {
    std::array<char, 32> bytes{};
    std::size_t size = 0;
    std::string_view view() const { return {bytes.data(), size}; }
};
Iso8601Text iso8601_text(TimePoint t);

// Throws Error(config) for an unknown IANA zone name.
void require_time_zone(const std::string& iana_name);
// Store-local calendar date "YYYY-MM-DD" of an instant.
std::string local_date(TimePoint t, const std::string& iana_name);
// The UTC instant at which a store-local date starts ("YYYY-MM-DD", 00:00 local).
TimePoint local_midnight(const std::string& date, const std::string& iana_name);
// ISO-8601 in the zone's wall clock with its offset: "2026-10-12T00:00:00+01:00".
std::string format_local_iso8601(TimePoint t, const std::string& iana_name);
// "27 Nov 2026 06:00 GMT" (day without a leading zero: "6 Dec 2026 06:00 GMT")
// for reports: the one human format every report date uses.
std::string format_local(TimePoint t, const std::string& iana_name);
// A store-local "YYYY-MM-DD" in the same format, date only: "8 Nov 2026".
// Text that is not such a date is returned unchanged.
std::string format_local_date(std::string_view ymd);
// The date `days` after a "YYYY-MM-DD" date (negative goes back).
std::string add_days(const std::string& date, int days);

}  // namespace frr::core
