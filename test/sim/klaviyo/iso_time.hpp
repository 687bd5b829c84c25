// ISO-8601 instants as Klaviyo reads and writes them (api/klaviyo.md §2, §3).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace frr::sim::klaviyo {

// All Klaviyo-side times in the simulator: UTC, microsecond resolution (live timestamps carry
// microseconds, e.g. consent_timestamp "2025-11-19T23:27:49.039000+00:00").
using Instant = std::chrono::sys_time<std::chrono::microseconds>;

// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.ffffff]]` with an optional `Z` or `±HH:MM` /
// `±HHMM` offset; no offset means UTC (the metric-aggregates examples omit it).
// Returns nullopt for anything else, including out-of-range fields.
std::optional<Instant> parse_iso8601(std::string_view text);

// `2026-11-02T14:31:07+00:00`, with `.ffffff` only when the instant has sub-second precision.
std::string format_iso8601(Instant instant);

// Whole seconds since the epoch, as in the event `timestamp` attribute.
std::int64_t unix_seconds(Instant instant);

}  // namespace frr::sim::klaviyo
