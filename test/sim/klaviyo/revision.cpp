#include "revision.hpp"

#include <array>
#include <optional>
#include <string>

#include <date/date.h>

#include "api_error.hpp"
#include "iso_time.hpp"

namespace frr::sim::klaviyo {

namespace {

std::chrono::sys_days days_of(int year, unsigned month, unsigned day)
{
    return date::sys_days{date::year{year} / date::month{month} / date::day{day}};
}

const std::array<Revision, 7>& served_revisions()
{
    static const std::array<Revision, 7> k_served{revision_of(2025, 1, 15), revision_of(2025, 4, 15),
                                                  revision_of(2025, 7, 15), revision_of(2025, 10, 15),
                                                  revision_of(2026, 1, 15), revision_of(2026, 4, 15),
                                                  revision_of(2026, 7, 15)};
    return k_served;
}

std::optional<std::chrono::sys_days> parse_revision_date(std::string_view header)
{
    // `YYYY-MM-DD` or `YYYY-MM-DD.suffix` (beta revisions end in `.pre`).
    if (header.size() < 10 || (header.size() > 10 && (header[10] != '.' || header.size() == 11))) {
        return std::nullopt;
    }
    const auto instant = parse_iso8601(header.substr(0, 10));
    if (!instant) {
        return std::nullopt;
    }
    return std::chrono::floor<std::chrono::days>(*instant);
}

}  // namespace

Revision revision_of(int year, unsigned month, unsigned day)
{
    return Revision{days_of(year, month, day)};
}

Revision default_revision()
{
    return served_revisions().back();
}

Revision resolve_revision(std::string_view header, std::chrono::sys_days today)
{
    if (header.empty()) {
        throw invalid_input("Missing required header: revision", SourceKind::parameter, "revision");
    }
    const auto requested = parse_revision_date(header);
    if (!requested) {
        throw invalid_input("Invalid revision header: '" + std::string(header) + "'. Use YYYY-MM-DD.",
                            SourceKind::parameter, "revision");
    }
    if (*requested > today) {
        throw invalid_input("unable to specify a future revision date", SourceKind::parameter, "revision");
    }
    const date::year_month_day ymd{*requested};
    const auto retired_on = date::sys_days{(ymd.year() + date::years{2}) / ymd.month() / ymd.day()};
    if (retired_on <= today) {
        throw ApiError(410, "gone", "Gone",
                       "Revision " + std::string(header.substr(0, 10)) +
                           " has been retired; use a revision from the last two years.",
                       SourceKind::parameter, "revision");
    }
    const auto& served = served_revisions();
    if (*requested < served.front().date) {
        throw invalid_input("Revision " + std::string(header.substr(0, 10)) +
                                " is before the earliest available, use a date after 2025-01-15",
                            SourceKind::parameter, "revision");
    }
    Revision resolved = served.front();
    for (const auto& candidate : served) {
        if (candidate.date <= *requested) {
            resolved = candidate;
        }
    }
    return resolved;
}

bool events_page_size_supported(Revision revision)
{
    return revision >= revision_of(2026, 1, 15);
}

bool groups_page_size_supported(Revision revision)
{
    return revision >= revision_of(2026, 4, 15);
}

bool agent_hints_supported(Revision revision)
{
    return revision >= revision_of(2026, 7, 15);
}

int large_tier_steady_per_minute(Revision revision)
{
    return revision >= revision_of(2026, 1, 15) ? 750 : 700;
}

}  // namespace frr::sim::klaviyo
