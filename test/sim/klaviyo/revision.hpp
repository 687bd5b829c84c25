// The `revision` header (api/klaviyo.md §1 "Revisions", §9.3).
#pragma once

#include <chrono>
#include <string_view>

namespace frr::sim::klaviyo {

// A resolved API revision: the GA revision whose behaviour the request gets.
struct Revision {
    std::chrono::sys_days date{};
    bool operator==(const Revision&) const = default;
    auto operator<=>(const Revision&) const = default;
};

// GA revisions served (the stored spec's branch list, §1); newest last.
// The default when a client does not care is the spec version, 2026-07-15.
Revision revision_of(int year, unsigned month, unsigned day);
Revision default_revision();

// Resolves the header value against today's date (the simulator clock):
// - missing or malformed (`YYYY-MM-DD` with optional `.suffix`) -> 400 `invalid`;
// - a date after `today` -> 400 "unable to specify a future revision date";
// - a date more than two years old -> 410 `gone` (retired, §1 "Deprecation policy");
// - a date before the oldest served revision -> 400 "before the earliest available";
// - otherwise the newest served revision on or before the date (dates between GA releases
//   get the preceding release's behaviour).
// Throws ApiError.
Revision resolve_revision(std::string_view header, std::chrono::sys_days today);

// Revision-dependent behaviour (§9.3).
bool events_page_size_supported(Revision revision);   // from 2026-01-15; before: fixed 200
bool groups_page_size_supported(Revision revision);   // lists/segments, from 2026-04-15
bool agent_hints_supported(Revision revision);        // meta.agent_hints, from 2026-07-15
int large_tier_steady_per_minute(Revision revision);  // 700 up to 2025-10-15, then 750

}  // namespace frr::sim::klaviyo
