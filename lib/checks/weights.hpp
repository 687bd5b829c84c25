#pragma once
// Indicator weights and score thresholds: config (checks.weights,
// checks.thresholds) over these defaults.
#include "core/config.hpp"

#include <string>

namespace frr::checks {

// Default weights sum to 100: order sync and freshness dominate because they
// mean lost post-purchase email and revenue attribution for every order.
double default_weight(const std::string& indicator_id);
double weight_of(const core::ChecksConfig& config, const std::string& indicator_id);
// Default {warn: 100, critical: 60}: any deduction warns, a heavy one is critical.
core::Threshold threshold_of(const core::ChecksConfig& config, const std::string& indicator_id);

}  // namespace frr::checks
