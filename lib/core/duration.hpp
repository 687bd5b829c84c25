#pragma once
// Human durations in config and flags: "90s", "90m", "24h", "7d", "2w", and
// combinations like "1h30m". Units are required; a bare number is an error.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace frr::core {

std::optional<std::chrono::seconds> parse_duration(std::string_view text);
// Throws Error(config or usage) naming `what`.
std::chrono::seconds parse_duration_or_throw(std::string_view text, std::string_view what,
                                             bool is_flag = false);
// The shortest exact rendering: 86400s -> "1d", 5400s -> "1h30m".
std::string format_duration(std::chrono::seconds d);

}  // namespace frr::core
