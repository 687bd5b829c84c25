#include "checks/weights.hpp"

#include <map>

namespace frr::checks {

double default_weight(const std::string& indicator_id)
{
    static const std::map<std::string, double> k_defaults = {
        {"order_sync", 25},
        {"line_items", 5},
        {"value_integrity", 8},
        {"duplicates", 5},
        {"event_delay", 5},
        {"freshness", 15},
        {"customer_sync", 12},
        {"consent", 10},
        {"audiences", 5},
        {"volume", 5},
        {"connection", 5},
        // The flow triggers and flows (issue #15): what the client's automated emails run on.
        {"checkouts", 8},
        {"fulfillments", 4},
        {"cancellations", 2},
        {"refunds", 2},
        {"subscribers", 4},
        {"flow_status", 5},
        {"flow_sends", 5},
    };
    const auto found = k_defaults.find(indicator_id);
    return found == k_defaults.end() ? 5.0 : found->second;
}

double weight_of(const core::ChecksConfig& config, const std::string& indicator_id)
{
    const auto found = config.weights.find(indicator_id);
    return found == config.weights.end() ? default_weight(indicator_id) : found->second;
}

core::Threshold threshold_of(const core::ChecksConfig& config, const std::string& indicator_id)
{
    const auto found = config.thresholds.find(indicator_id);
    return found == config.thresholds.end() ? core::Threshold{100, 60} : found->second;
}

}  // namespace frr::checks
