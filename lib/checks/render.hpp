#pragma once
// Terminal rendering of findings for `frr check` (text format). JSON output
// is findings_json.hpp's to_json, byte for byte the checks.json file.
#include "checks/findings.hpp"

#include <string>

namespace frr::checks {

// The CLI decides: `always` on a terminal, `never` under NO_COLOR or a pipe.
enum class Color { never, always };

// A header (store, window, coverage), an aligned table of indicators
// (INDICATOR, STATUS, SCORE, SUMMARY; "-" as the score of an unknown one),
// the ignored records per reason and the coverage notes. ANSI colour on the
// status column only when `color` is always.
std::string render_check_table(const Findings& findings, Color color);

}  // namespace frr::checks
