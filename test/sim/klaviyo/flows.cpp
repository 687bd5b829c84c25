// Flows: GET /api/flows (filters id any; name contains|ends-with|equals|starts-with; status,
// archived, trigger_type equals; created/updated comparisons; sort created|id|name|status|
// trigger_type|updated; page[size] 1..50, default 50; fields[flow]), GET /api/flows/{id}, and the
// flow-trigger relationships of metrics, lists and segments (full flows or {type, id} pairs).
// A flow's state follows its scheduled change at the sim clock (switched to draft or manual,
// archived, deleted). Archived flows are listed only with filter equals(archived,true), as the
// account's flows page hides them (docs/simulator.md: an assumption, live behaviour unconfirmed).
#include "handlers.hpp"

#include <algorithm>
#include <numeric>

#include "collection.hpp"
#include "profile_json.hpp"

namespace frr::sim::klaviyo {

namespace {

const std::vector<std::string_view> k_flow_fields = {"archived", "created",      "id",     "name",
                                                     "status",   "trigger_type", "updated"};

Time updated_at(const Store& s, const Flow& f, Time now)
{
    return f.change && now >= f.change->at && s.flow_exists_at(f, now) ? f.change->at : f.updated_at;
}

bool flow_matches(const FilterCondition& c, const Store& s, const Flow& f, Time now)
{
    const std::string_view status = flow_status_name(s.flow_status_at(f, now));
    if (c.field == "id")
        return string_matches(c, f.id);
    if (c.field == "name") {
        const std::string& v = c.value.text;
        switch (c.op) {
        case FilterOp::contains: return f.name.find(v) != std::string::npos;
        case FilterOp::starts_with: return f.name.rfind(v, 0) == 0;
        case FilterOp::ends_with: return f.name.size() >= v.size() && f.name.ends_with(v);
        default: return f.name == v;
        }
    }
    if (c.field == "status")
        return status == c.value.text;
    if (c.field == "archived")
        return s.flow_archived_at(f, now) == c.value.flag;
    if (c.field == "trigger_type")
        return f.trigger_type == c.value.text;
    if (c.field == "created")
        return compare_time(c.op, f.created_at, c.value.time);
    if (c.field == "updated")
        return compare_time(c.op, updated_at(s, f, now), c.value.time);
    return false;
}

// Which attributes to write: all, or those named in fields[flow] (400 for an unknown one).
std::vector<std::string_view> flow_fields(const ApiRequest& request)
{
    const auto asked = request.list_param("fields[flow]");
    if (asked.empty())
        return k_flow_fields;
    std::vector<std::string_view> out;
    for (const std::string& name : asked) {
        auto it = std::find(k_flow_fields.begin(), k_flow_fields.end(), name);
        if (it == k_flow_fields.end())  // the spec's other fields (a flow's definition): not modelled
            throw invalid_input("frr-sim does not model the flow field '" + name + "'.",
                                SourceKind::parameter, "fields[flow]");
        if (*it != "id")
            out.push_back(*it);
    }
    return out;
}

void write_flow(JsonWriter& w, const ApiRequest& request, const HandlerEnv& env, const Flow& f,
                const std::vector<std::string_view>& fields)
{
    const Store& s = env.store;
    const std::string url = request.resource_url("flows", f.id);
    w.StartObject();
    write_key(w, "type");
    write_string(w, "flow");
    write_key(w, "id");
    write_string(w, f.id);
    write_key(w, "attributes");
    w.StartObject();
    for (const std::string_view field : fields) {
        if (field == "id")
            continue;
        write_key(w, field);
        if (field == "name")
            write_string(w, f.name);
        else if (field == "status")
            write_string(w, flow_status_name(s.flow_status_at(f, env.now)));
        else if (field == "archived")
            w.Bool(s.flow_archived_at(f, env.now));
        else if (field == "created")
            write_string(w, klaviyo_time(f.created_at));
        else if (field == "updated")
            write_string(w, klaviyo_time(updated_at(s, f, env.now)));
        else
            write_string(w, f.trigger_type);
    }
    w.EndObject();
    write_relationships_and_self(w, url, {"flow-actions", "tags"});
    w.EndObject();
}

const Flow& find_flow(const HandlerEnv& env, const std::string& id)
{
    const Index i = env.store.find_flow(id);
    if (i == k_none || !env.store.flow_exists_at(env.store.flows[i], env.now))
        throw ApiError(404, "not_found", "Not found.", "A flow with id " + id + " does not exist.",
                       SourceKind::parameter, "id");
    return env.store.flows[i];
}

// Flows whose trigger is `target` (a metric, list or segment), as listed (not archived).
std::vector<std::uint32_t> triggered_by(const HandlerEnv& env, TriggerTarget target, const std::string& id)
{
    const Store& s = env.store;
    std::vector<std::uint32_t> out;
    for (std::uint32_t i = 0; i < s.flows.size(); ++i) {
        const Flow& f = s.flows[i];
        if (!s.flow_exists_at(f, env.now) || s.flow_archived_at(f, env.now))
            continue;
        const bool hit = target == TriggerTarget::metric
            ? f.trigger_metric != k_none && s.metrics[f.trigger_metric].id == id
            : target == TriggerTarget::list ? f.trigger_list != k_none && s.lists[f.trigger_list].id == id
                                            : false;  // no simulated flow is triggered by a segment
        if (hit)
            out.push_back(i);
    }
    return out;
}

void require_target(const HandlerEnv& env, TriggerTarget target, const std::string& id)
{
    const Store& s = env.store;
    bool exists = false;
    if (target == TriggerTarget::metric)
        exists = s.find_metric(id) != k_none;
    else if (const Group* g = s.find_group(id))
        exists = g->is_segment == (target == TriggerTarget::segment) && s.group_exists_at(*g, env.now);
    if (!exists) {
        const char* what = target == TriggerTarget::metric ? "metric"
            : target == TriggerTarget::list                ? "list"
                                                           : "segment";
        throw ApiError(404, "not_found", "Not found.",
                       std::string("A ") + what + " with id " + id + " does not exist.",
                       SourceKind::parameter, "id");
    }
}

}  // namespace

ApiResponse get_flows(const ApiRequest& request, const HandlerEnv& env)
{
    const Store& s = env.store;
    const Filter filter = parse_filter(request.param("filter").value_or(""), request.spec().filters);
    request.include({"flow-actions", "tags"});
    const auto fields = flow_fields(request);
    bool descending = false;
    const std::string sort = request.sort(descending).value_or("id");
    const int size = request.page_size();
    const bool archived_filter = std::any_of(filter.begin(), filter.end(),
                                             [](const FilterCondition& c) { return c.field == "archived"; });
    std::vector<std::string> status_of(s.flows.size());
    for (std::size_t i = 0; i < s.flows.size(); ++i)
        status_of[i] = std::string(flow_status_name(s.flow_status_at(s.flows[i], env.now)));
    auto key = [&](std::uint32_t i) {
        const Flow& f = s.flows[i];
        if (sort == "created")
            return OrderKey{f.created_at.time_since_epoch().count(), {}, f.id};
        if (sort == "updated")
            return OrderKey{updated_at(s, f, env.now).time_since_epoch().count(), {}, f.id};
        if (sort == "name")
            return OrderKey{0, f.name, f.id};
        if (sort == "status")
            return OrderKey{0, status_of[i], f.id};
        if (sort == "trigger_type")
            return OrderKey{0, f.trigger_type, f.id};
        return OrderKey{0, {}, f.id};
    };
    std::vector<std::uint32_t> order(s.flows.size());
    std::iota(order.begin(), order.end(), 0U);
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return key(a) < key(b); });
    auto accept = [&](std::uint32_t i) {
        const Flow& f = s.flows[i];
        if (!s.flow_exists_at(f, env.now) || (!archived_filter && s.flow_archived_at(f, env.now)))
            return false;
        return std::all_of(filter.begin(), filter.end(),
                           [&](const FilterCondition& c) { return flow_matches(c, s, f, env.now); });
    };
    const PageSlice slice = page_sorted(std::span<const std::uint32_t>(order), key, accept, descending,
                                        request.cursor(), served_page_size(env, size));
    ApiResponse response;
    response.body = collection_document(request, slice, [&](JsonWriter& w, std::uint32_t i) {
        write_flow(w, request, env, s.flows[i], fields);
    });
    return response;
}

ApiResponse get_flow(const ApiRequest& request, const HandlerEnv& env, const std::string& id)
{
    if (!request.list_param("additional-fields[flow]").empty())
        throw invalid_input("frr-sim does not model a flow's definition.", SourceKind::parameter,
                            "additional-fields[flow]");
    request.include({"flow-actions", "tags"});
    const auto fields = flow_fields(request);
    const Flow& f = find_flow(env, id);
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    write_key(w, "data");
    write_flow(w, request, env, f, fields);
    write_key(w, "links");
    w.StartObject();
    write_key(w, "self");
    write_string(w, request.resource_url("flows", id));
    w.EndObject();
    w.EndObject();
    return ApiResponse{200, buffer.GetString()};
}

ApiResponse get_flow_triggers(const ApiRequest& request, const HandlerEnv& env, TriggerTarget target,
                              const std::string& id, bool ids_only)
{
    require_target(env, target, id);
    const auto fields = ids_only ? std::vector<std::string_view>{} : flow_fields(request);
    PageSlice slice;
    slice.items = triggered_by(env, target, id);
    ApiResponse response;
    response.body = collection_document(request, slice, [&](JsonWriter& w, std::uint32_t i) {
        if (!ids_only) {
            write_flow(w, request, env, env.store.flows[i], fields);
            return;
        }
        w.StartObject();
        write_key(w, "type");
        write_string(w, "flow");
        write_key(w, "id");
        write_string(w, env.store.flows[i].id);
        w.EndObject();
    });
    return response;
}

}  // namespace frr::sim::klaviyo
