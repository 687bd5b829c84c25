// The Klaviyo operations the simulator serves, with the machine-readable facts of the stored
// OpenAPI document (shared/spec/klaviyo-openapi-stable-2026-07-15.json): `x-klaviyo-ratelimit`,
// `x-klaviyo-scopes`, `x-klaviyo-filters`, the `sort` enum and `page[size]` bounds.
#pragma once

#include <string_view>
#include <vector>

#include "filter.hpp"
#include "rate_limiter.hpp"

namespace frr::sim::klaviyo {

enum class Endpoint {
    get_profiles,
    get_events,
    get_metrics,
    get_metric,
    get_lists,
    get_list,
    get_list_profiles,
    get_segments,
    get_segment,
    get_segment_profiles,
    query_metric_aggregates,
    get_flows,
    get_flow,
    get_metric_flow_triggers,     // flows triggered by a metric (full resources)
    get_metric_flow_trigger_ids,  // .../relationships/flow-triggers (ids only)
    get_list_flow_triggers,
    get_list_flow_trigger_ids,
    get_segment_flow_triggers,
    get_segment_flow_trigger_ids,
    query_flow_series,
    get_profile_lists,     // the lists a profile is on (full resources)
    get_profile_list_ids,  // .../relationships/lists ({type, id} pairs)
};

// `page[size]` bounds; max == 0 means the operation has no page[size] parameter.
struct PageSizeRule {
    int default_size = 0;
    int min = 0;
    int max = 0;
};

struct EndpointSpec {
    Endpoint endpoint;
    std::string_view operation_id;         // OpenAPI operationId, also the rate-limit bucket name
    RateLimit limit;                       // x-klaviyo-ratelimit (2026-07-15 values)
    std::vector<std::string_view> scopes;  // x-klaviyo-scopes: all required
    std::vector<FieldRule> filters;        // x-klaviyo-filters
    std::vector<std::string_view> sorts;   // sort enum without the '-' variants
    PageSizeRule page;
};

const EndpointSpec& endpoint_spec(Endpoint endpoint);

// Stricter tiers that query options select (§2 "Sparse fieldsets", §5).
inline constexpr RateLimit k_tier_xs{1, 15};   // additional-fields[list|segment]=profile_count
inline constexpr RateLimit k_tier_m{10, 150};  // additional-fields[profile]=predictive_analytics

}  // namespace frr::sim::klaviyo
