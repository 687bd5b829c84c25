#pragma once
// Runs every indicator over one prepared input and assembles the Findings:
// weights and thresholds from config, `unknown` for indicators whose platform
// data is missing, coverage notes, exclusions, and the diff against the
// previous run's findings.
#include "checks/check_input.hpp"
#include "checks/findings.hpp"

namespace frr::checks {

// `store_name` is the configured store name (the manifest's wins when set).
Findings evaluate(const CheckInput& input, const std::string& store_name);

// Fills `current.changes` from the previous result of the same indicator.
void diff_against(IndicatorResult& current, const IndicatorResult& previous);

}  // namespace frr::checks
