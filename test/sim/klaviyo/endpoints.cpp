#include "endpoints.hpp"

#include <array>

namespace frr::sim::klaviyo {

namespace {

using enum FilterOp;

// Shorthands for the allow-list tables below; each row cites its spec field.
FieldRule string_rule(std::string_view field, std::vector<FilterOp> single, std::vector<FilterOp> list = {})
{
    return FieldRule{field, ValueType::string, std::move(single), std::move(list), {}};
}

FieldRule time_rule(std::string_view field, std::vector<FilterOp> single)
{
    return FieldRule{field, ValueType::datetime, std::move(single), {}, {}};
}

const std::vector<FilterOp> k_compare{greater_or_equal, greater_than, less_or_equal, less_than};

std::vector<EndpointSpec> build_table()
{
    std::vector<EndpointSpec> table;
    // GET /api/profiles (get_profiles)
    table.push_back(EndpointSpec{
        Endpoint::get_profiles,
        "get_profiles",
        {75, 750},
        {"profiles:read"},
        {string_rule("id", {equals}, {any, equals}), string_rule("email", {equals}, {any, equals}),
         string_rule("phone_number", {equals}, {any, equals}),
         string_rule("external_id", {equals}, {any, equals}), string_rule("_kx", {equals}),
         time_rule("created", {greater_than, less_than}), time_rule("updated", {greater_than, less_than}),
         string_rule("subscriptions.email.marketing.list_suppressions.reason", {equals}),
         time_rule("subscriptions.email.marketing.list_suppressions.timestamp", k_compare),
         string_rule("subscriptions.email.marketing.list_suppressions.list_id", {equals}),
         string_rule("subscriptions.email.marketing.suppression.reason", {equals}),
         time_rule("subscriptions.email.marketing.suppression.timestamp", k_compare)},
        {"created", "email", "id", "updated", "subscriptions.email.marketing.list_suppressions.timestamp",
         "subscriptions.email.marketing.suppression.timestamp"},
        {20, 1, 100}});
    // GET /api/events (get_events)
    table.push_back(
        EndpointSpec{Endpoint::get_events,
                     "get_events",
                     {350, 3500},
                     {"events:read"},
                     {string_rule("metric_id", {equals}, {equals}), string_rule("profile_id", {equals}),
                      FieldRule{"profile", ValueType::none, {}, {}, {has}},
                      FieldRule{"metric", ValueType::none, {}, {}, {has}}, time_rule("datetime", k_compare),
                      FieldRule{"timestamp", ValueType::number, k_compare, {}, {}}},
                     {"datetime", "timestamp"},
                     {200, 1, 1000}});
    // GET /api/metrics (get_metrics): no page[size]; "a maximum of 200 results per page".
    table.push_back(EndpointSpec{
        Endpoint::get_metrics,
        "get_metrics",
        {10, 150},
        {"metrics:read"},
        {string_rule("integration.name", {equals}), string_rule("integration.category", {equals})},
        {},
        {200, 200, 0}});
    table.push_back(
        EndpointSpec{Endpoint::get_metric, "get_metric", {10, 150}, {"metrics:read"}, {}, {}, {}});
    // GET /api/lists, /api/segments: page[size] 1..10 (from revision 2026-04-15).
    table.push_back(
        EndpointSpec{Endpoint::get_lists,
                     "get_lists",
                     {75, 750},
                     {"lists:read"},
                     {string_rule("name", {}, {any, equals}), string_rule("id", {equals}, {any, equals}),
                      time_rule("created", {greater_than}), time_rule("updated", {greater_than})},
                     {"created", "id", "name", "updated"},
                     {10, 1, 10}});
    table.push_back(EndpointSpec{Endpoint::get_list, "get_list", {75, 750}, {"lists:read"}, {}, {}, {}});
    table.push_back(
        EndpointSpec{Endpoint::get_list_profiles,
                     "get_profiles_for_list",
                     {75, 750},
                     {"lists:read", "profiles:read"},
                     {string_rule("email", {}, {any, equals}), string_rule("phone_number", {}, {any, equals}),
                      string_rule("push_token", {}, {any, equals}), string_rule("_kx", {equals}),
                      time_rule("joined_group_at", k_compare)},
                     {"joined_group_at"},
                     {20, 1, 100}});
    table.push_back(
        EndpointSpec{Endpoint::get_segments,
                     "get_segments",
                     {75, 750},
                     {"segments:read"},
                     {string_rule("name", {}, {any, equals}), string_rule("id", {equals}, {any, equals}),
                      time_rule("created", {greater_than}), time_rule("updated", {greater_than}),
                      FieldRule{"is_active", ValueType::boolean, {equals}, {any, equals}, {}},
                      FieldRule{"is_starred", ValueType::boolean, {equals}, {}, {}}},
                     {"created", "id", "name", "updated"},
                     {10, 1, 10}});
    table.push_back(
        EndpointSpec{Endpoint::get_segment, "get_segment", {75, 750}, {"segments:read"}, {}, {}, {}});
    table.push_back(EndpointSpec{
        Endpoint::get_segment_profiles,
        "get_profiles_for_segment",
        {75, 750},
        {"profiles:read", "segments:read"},
        {string_rule("profile_id", {}, {any, equals}), string_rule("email", {}, {any, equals}),
         string_rule("phone_number", {}, {any, equals}), string_rule("push_token", {}, {any, equals}),
         string_rule("_kx", {equals}), time_rule("joined_group_at", k_compare)},
        {"joined_group_at"},
        {20, 1, 100}});
    // POST /api/metric-aggregates (query_metric_aggregates): filters live in the body.
    table.push_back(EndpointSpec{
        Endpoint::query_metric_aggregates, "query_metric_aggregates", {3, 60}, {"metrics:read"}, {}, {}, {}});
    // GET /api/flows (get_flows): 3/s 60/m, page[size] 1..50 default 50.
    table.push_back(EndpointSpec{
        Endpoint::get_flows,
        "get_flows",
        {3, 60},
        {"flows:read"},
        {string_rule("id", {}, {any}), string_rule("name", {contains, ends_with, equals, starts_with}),
         string_rule("status", {equals}), FieldRule{"archived", ValueType::boolean, {equals}, {}, {}},
         time_rule("created", {equals, greater_or_equal, greater_than, less_or_equal, less_than}),
         time_rule("updated", {equals, greater_or_equal, greater_than, less_or_equal, less_than}),
         string_rule("trigger_type", {equals})},
        {"created", "id", "name", "status", "trigger_type", "updated"},
        {50, 1, 50}});
    table.push_back(EndpointSpec{Endpoint::get_flow, "get_flow", {3, 60}, {"flows:read"}, {}, {}, {}});
    // Flow triggers: metrics 10/s 150/m, lists and segments 3/s 60/m; no paging parameters.
    table.push_back(EndpointSpec{Endpoint::get_metric_flow_triggers,
                                 "get_flows_triggered_by_metric",
                                 {10, 150},
                                 {"flows:read", "metrics:read"},
                                 {},
                                 {},
                                 {}});
    table.push_back(EndpointSpec{Endpoint::get_metric_flow_trigger_ids,
                                 "get_ids_for_flows_triggered_by_metric",
                                 {10, 150},
                                 {"flows:read", "metrics:read"},
                                 {},
                                 {},
                                 {}});
    table.push_back(EndpointSpec{Endpoint::get_list_flow_triggers,
                                 "get_flows_triggered_by_list",
                                 {3, 60},
                                 {"flows:read", "lists:read"},
                                 {},
                                 {},
                                 {}});
    table.push_back(EndpointSpec{Endpoint::get_list_flow_trigger_ids,
                                 "get_ids_for_flows_triggered_by_list",
                                 {3, 60},
                                 {"flows:read", "lists:read"},
                                 {},
                                 {},
                                 {}});
    table.push_back(EndpointSpec{Endpoint::get_segment_flow_triggers,
                                 "get_flows_triggered_by_segment",
                                 {3, 60},
                                 {"flows:read", "segments:read"},
                                 {},
                                 {},
                                 {}});
    table.push_back(EndpointSpec{Endpoint::get_segment_flow_trigger_ids,
                                 "get_ids_for_flows_triggered_by_segment",
                                 {3, 60},
                                 {"flows:read", "segments:read"},
                                 {},
                                 {},
                                 {}});
    // GET /api/profiles/{id}/lists and .../relationships/lists: 3/s 60/m.
    table.push_back(EndpointSpec{Endpoint::get_profile_lists,
                                 "get_lists_for_profile",
                                 {3, 60},
                                 {"lists:read", "profiles:read"},
                                 {},
                                 {},
                                 {}});
    table.push_back(EndpointSpec{Endpoint::get_profile_list_ids,
                                 "get_list_ids_for_profile",
                                 {3, 60},
                                 {"lists:read", "profiles:read"},
                                 {},
                                 {},
                                 {}});
    // POST /api/flow-series-reports (query_flow_series): the Reporting API, 1/s 2/m 225/d.
    table.push_back(EndpointSpec{
        Endpoint::query_flow_series, "query_flow_series", {1, 2, 225}, {"flows:read"}, {}, {}, {}});
    return table;
}

}  // namespace

const EndpointSpec& endpoint_spec(Endpoint endpoint)
{
    static const std::vector<EndpointSpec> k_table = build_table();
    for (const auto& spec : k_table) {
        if (spec.endpoint == endpoint) {
            return spec;
        }
    }
    return k_table.front();
}

}  // namespace frr::sim::klaviyo
