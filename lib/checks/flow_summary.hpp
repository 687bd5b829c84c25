#pragma once
// The report's "Your automated emails" (docs/report.md): each live flow, and each flow switched
// off since the last run, with its trigger in words, the triggers the source recorded against
// those that reached the destination, its recipients on the window's days, and a verdict
// taken from the flow and trigger indicators' findings.
#include "checks/check_input.hpp"
#include "checks/findings.hpp"

#include <vector>

namespace frr::checks {

// Empty when the destination's flows could not be read.
std::vector<FlowSummary> summarise_flows(const CheckInput& input,
                                         const std::vector<IndicatorResult>& results);

}  // namespace frr::checks
