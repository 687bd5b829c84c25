#pragma once
// Charts drawn with text, so they survive every mail client: a Unicode
// sparkline for plain text and Markdown, and bar widths for HTML table cells.
#include <optional>
#include <string>
#include <vector>

namespace frr::report {

// One block character per value, scaled to [0, 100] ("▁" = 0, "█" = 100);
// a missing value is drawn as "·".
std::string sparkline(const std::vector<std::optional<double>>& values);

// A bar's width in percent for a 0-100 score; never 0 so a zero score still
// shows a sliver of colour.
int bar_percent(double score);

}  // namespace frr::report
