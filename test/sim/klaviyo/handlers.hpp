// Route handlers of the Klaviyo API; each runs after KlaviyoApi's pipeline and may throw
// ApiError for request-level failures (400 filters, 404 ids).
#pragma once

#include "api.hpp"
#include "json.hpp"

namespace frr::sim::klaviyo {

ApiResponse get_profiles(const ApiRequest& request, const HandlerEnv& env);
ApiResponse get_events(const ApiRequest& request, const HandlerEnv& env);
ApiResponse get_metrics(const ApiRequest& request, const HandlerEnv& env);
ApiResponse get_metric(const ApiRequest& request, const HandlerEnv& env, const std::string& id);
// Lists and segments share one implementation (`segments` selects the collection).
ApiResponse get_groups(const ApiRequest& request, const HandlerEnv& env, bool segments);
ApiResponse get_group(const ApiRequest& request, const HandlerEnv& env, bool segments, const std::string& id);
ApiResponse get_group_profiles(const ApiRequest& request, const HandlerEnv& env, bool segments,
                               const std::string& id);
// The lists a profile is a member of at the sim clock (`ids_only`: the relationships form).
ApiResponse get_profile_lists(const ApiRequest& request, const HandlerEnv& env, const std::string& profile_id,
                              bool ids_only);
ApiResponse query_metric_aggregates(const ApiRequest& request, const HandlerEnv& env,
                                    const std::string& body);

// Flows and what triggers them (flows.cpp); the flow series report (flow_reports.cpp).
enum class TriggerTarget { metric, list, segment };
ApiResponse get_flows(const ApiRequest& request, const HandlerEnv& env);
ApiResponse get_flow(const ApiRequest& request, const HandlerEnv& env, const std::string& id);
// `ids_only`: the .../relationships/flow-triggers form ({type, id} pairs).
ApiResponse get_flow_triggers(const ApiRequest& request, const HandlerEnv& env, TriggerTarget target,
                              const std::string& id, bool ids_only);
ApiResponse query_flow_series(const ApiRequest& request, const HandlerEnv& env, const std::string& body);

// The `metric` resource, shared by metrics and events' included[].
void write_metric(JsonWriter& w, const ApiRequest& request, const Metric& metric);

}  // namespace frr::sim::klaviyo
