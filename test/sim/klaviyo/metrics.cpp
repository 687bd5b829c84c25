// GET /api/metrics (filter integration.name / integration.category equals; up to 200 per page)
// and GET /api/metrics/{id}. Metrics carry their `integration` object, so the Shopify
// `Placed Order` can be told apart from the API-integration decoy of the same name.
#include "handlers.hpp"

#include <algorithm>
#include <numeric>

#include <rapidjson/document.h>

#include "collection.hpp"
#include "profile_json.hpp"

namespace frr::sim::klaviyo {

namespace {

// Reads one string member of the metric's integration object ("name", "category", "key").
std::string integration_member(const Metric& metric, const char* member)
{
    rapidjson::Document doc;
    doc.Parse(metric.integration_json.c_str());
    if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember(member) || !doc[member].IsString()) {
        return {};
    }
    return doc[member].GetString();
}

}  // namespace

void write_metric(JsonWriter& w, const ApiRequest& request, const Metric& metric)
{
    const std::string url = request.resource_url("metrics", metric.id);
    w.StartObject();
    write_key(w, "type");
    write_string(w, "metric");
    write_key(w, "id");
    write_string(w, metric.id);
    write_key(w, "attributes");
    w.StartObject();
    write_key(w, "name");
    write_string(w, metric.name);
    write_key(w, "created");
    write_string(w, klaviyo_time(metric.created_at));
    write_key(w, "updated");
    write_string(w, klaviyo_time(metric.updated_at));
    write_key(w, "integration");
    if (metric.integration_json.empty()) {
        w.Null();
    } else {
        write_raw(w, metric.integration_json, rapidjson::kObjectType);
    }
    w.EndObject();
    write_key(w, "relationships");
    w.StartObject();
    write_key(w, "flow-triggers");
    w.StartObject();
    write_key(w, "links");
    write_relationship_links(w, url, "flow-triggers");
    w.EndObject();
    w.EndObject();
    write_key(w, "links");
    w.StartObject();
    write_key(w, "self");
    write_string(w, url);
    w.EndObject();
    w.EndObject();
}

ApiResponse get_metrics(const ApiRequest& request, const HandlerEnv& env)
{
    const Filter filter = parse_filter(request.param("filter").value_or(""), request.spec().filters);
    request.include({"flow-triggers"});
    const auto& metrics = env.store.metrics;
    std::vector<std::uint32_t> order(metrics.size());
    std::iota(order.begin(), order.end(), 0U);
    auto key = [&](std::uint32_t i) { return OrderKey{0, {}, metrics[i].id}; };
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return key(a) < key(b); });
    auto accept = [&](std::uint32_t i) {
        return std::all_of(filter.begin(), filter.end(), [&](const FilterCondition& c) {
            const char* member = c.field == "integration.name" ? "name" : "category";
            return integration_member(metrics[i], member) == c.value.text;
        });
    };
    const PageSlice slice = page_sorted(std::span<const std::uint32_t>(order), key, accept, false,
                                        request.cursor(), served_page_size(env, 200));
    ApiResponse response;
    response.body = collection_document(
        request, slice, [&](JsonWriter& w, std::uint32_t i) { write_metric(w, request, metrics[i]); });
    return response;
}

ApiResponse get_metric(const ApiRequest& request, const HandlerEnv& env, const std::string& id)
{
    request.include({"flow-triggers"});
    const Index i = env.store.find_metric(id);
    if (i == k_none) {
        throw ApiError(404, "not_found", "Not found.", "A metric with id " + id + " does not exist.",
                       SourceKind::parameter, "id");
    }
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    write_key(w, "data");
    write_metric(w, request, env.store.metrics[i]);
    write_key(w, "links");
    w.StartObject();
    write_key(w, "self");
    write_string(w, request.resource_url("metrics", id));
    w.EndObject();
    w.EndObject();
    return ApiResponse{200, buffer.GetString()};
}

}  // namespace frr::sim::klaviyo
