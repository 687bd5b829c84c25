// Lists and segments: GET /api/{lists|segments} (filters name/id any|equals, created/updated
// greater-than; sort created|id|name|updated; page[size] 1..10 from revision 2026-04-15),
// GET /api/{lists|segments}/{id} (additional-fields[...]=profile_count, the XS tier), and
// GET /api/{lists|segments}/{id}/profiles (members with joined_group_at; filters email,
// phone_number, push_token, profile_id, joined_group_at; sort joined_group_at).
// Membership follows the store's change schedule at the sim clock (drops, vanishing groups).
#include "handlers.hpp"

#include <algorithm>
#include <numeric>

#include "collection.hpp"
#include "profile_json.hpp"

namespace frr::sim::klaviyo {

namespace {

const char* type_of(bool segments)
{
    return segments ? "segment" : "list";
}
const char* collection_of(bool segments)
{
    return segments ? "segments" : "lists";
}

const Group& find_group(const HandlerEnv& env, bool segments, const std::string& id)
{
    const auto& groups = segments ? env.store.segments : env.store.lists;
    for (const Group& g : groups) {
        if (g.id == id && env.store.group_exists_at(g, env.now))
            return g;
    }
    throw ApiError(404, "not_found", "Not found.",
                   std::string("A ") + type_of(segments) + " with id " + id + " does not exist.",
                   SourceKind::parameter, "id");
}

void write_group(JsonWriter& w, const ApiRequest& request, const HandlerEnv& env, const Group& g,
                 bool with_count)
{
    const bool segment = g.is_segment;
    const std::string url = request.resource_url(collection_of(segment), g.id);
    w.StartObject();
    write_key(w, "type");
    write_string(w, type_of(segment));
    write_key(w, "id");
    write_string(w, g.id);
    write_key(w, "attributes");
    w.StartObject();
    write_key(w, "name");
    write_string(w, g.name);
    write_key(w, "created");
    write_string(w, klaviyo_time(g.created_at));
    write_key(w, "updated");
    write_string(w, klaviyo_time(g.updated_at));
    if (segment) {
        write_key(w, "definition");
        w.Null();
        for (const char* flag : {"is_active", "is_processing", "is_starred"}) {
            write_key(w, flag);
            w.Bool(std::string_view(flag) == "is_active");
        }
    } else {
        write_key(w, "opt_in_process");
        write_string(w, g.opt_in_process);
    }
    if (with_count) {
        write_key(w, "profile_count");
        w.Uint64(env.store.member_count_at(g, env.now));
    }
    w.EndObject();
    write_relationships_and_self(w, url, {"profiles", "tags", "flow-triggers"});
    w.EndObject();
}

bool group_matches(const FilterCondition& c, const Group& g)
{
    if (c.field == "name")
        return string_matches(c, g.name);
    if (c.field == "id")
        return string_matches(c, g.id);
    if (c.field == "created")
        return compare_time(c.op, g.created_at, c.value.time);
    if (c.field == "updated")
        return compare_time(c.op, g.updated_at, c.value.time);
    if (c.field == "is_active") {
        if (c.value.kind == LiteralKind::list)
            return std::any_of(c.value.items.begin(), c.value.items.end(),
                               [](const FilterValue& v) { return v.flag; });
        return c.value.flag;
    }
    if (c.field == "is_starred")
        return !c.value.flag;
    return false;
}

}  // namespace

ApiResponse get_groups(const ApiRequest& request, const HandlerEnv& env, bool segments)
{
    const auto& groups = segments ? env.store.segments : env.store.lists;
    const Filter filter = parse_filter(request.param("filter").value_or(""), request.spec().filters);
    request.include({"flow-triggers", "tags"});
    bool descending = false;
    const std::string sort = request.sort(descending).value_or("id");
    const int size = request.page_size(groups_page_size_supported(request.revision()));
    auto key = [&](std::uint32_t i) {
        const Group& g = groups[i];
        if (sort == "created")
            return OrderKey{g.created_at.time_since_epoch().count(), {}, g.id};
        if (sort == "updated")
            return OrderKey{g.updated_at.time_since_epoch().count(), {}, g.id};
        if (sort == "name")
            return OrderKey{0, g.name, g.id};
        return OrderKey{0, {}, g.id};
    };
    std::vector<std::uint32_t> order(groups.size());
    std::iota(order.begin(), order.end(), 0U);
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return key(a) < key(b); });
    auto accept = [&](std::uint32_t i) {
        return env.store.group_exists_at(groups[i], env.now) &&
            std::all_of(filter.begin(), filter.end(),
                        [&](const FilterCondition& c) { return group_matches(c, groups[i]); });
    };
    const PageSlice slice = page_sorted(std::span<const std::uint32_t>(order), key, accept, descending,
                                        request.cursor(), served_page_size(env, size));
    ApiResponse response;
    response.body = collection_document(request, slice, [&](JsonWriter& w, std::uint32_t i) {
        write_group(w, request, env, groups[i], false);
    });
    return response;
}

ApiResponse get_group(const ApiRequest& request, const HandlerEnv& env, bool segments, const std::string& id)
{
    request.include({"flow-triggers", "tags"});
    const Group& g = find_group(env, segments, id);
    const bool with_count = request.list_param(std::string("additional-fields[") + type_of(segments) + "]")
                                .count("profile_count") != 0;
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    write_key(w, "data");
    write_group(w, request, env, g, with_count);
    write_key(w, "links");
    w.StartObject();
    write_key(w, "self");
    write_string(w, request.resource_url(collection_of(segments), id));
    w.EndObject();
    w.EndObject();
    return ApiResponse{200, buffer.GetString()};
}

ApiResponse get_group_profiles(const ApiRequest& request, const HandlerEnv& env, bool segments,
                               const std::string& id)
{
    const Store& store = env.store;
    const Group& g = find_group(env, segments, id);
    const Filter filter = parse_filter(request.param("filter").value_or(""), request.spec().filters);
    bool descending = false;
    request.sort(descending);
    const int size = request.page_size();
    // Visible members are a prefix of the (joined_at, profile)-sorted member vector.
    const std::size_t visible = store.member_count_at(g, env.now);
    // env.profiles_by_id is 0..n-1 and members <= profiles: its prefix indexes the members.
    const auto order = env.profiles_by_id.subspan(0, std::min(visible, env.profiles_by_id.size()));
    auto key = [&](std::uint32_t i) {
        const Membership& m = g.members[i];
        return OrderKey{m.joined_at.time_since_epoch().count(), {}, store.profiles[m.profile].id_view()};
    };
    auto accept = [&](std::uint32_t i) {
        const Membership& m = g.members[i];
        const Profile& p = store.profiles[m.profile];
        return std::all_of(filter.begin(), filter.end(), [&](const FilterCondition& c) {
            if (c.field == "email")
                return string_matches(c, p.email);
            if (c.field == "phone_number")
                return string_matches(c, p.phone);
            if (c.field == "profile_id")
                return string_matches(c, p.id_view());
            if (c.field == "joined_group_at")
                return compare_time(c.op, m.joined_at, c.value.time);
            return false;  // push tokens and _kx: none in the simulated account
        });
    };
    const PageSlice slice =
        page_sorted(order, key, accept, descending, request.cursor(), served_page_size(env, size));
    ProfileView view = profile_view(request);
    ApiResponse response;
    response.body = collection_document(request, slice, [&](JsonWriter& w, std::uint32_t i) {
        view.joined_group_at = g.members[i].joined_at;
        write_profile(w, request, store.profiles[g.members[i].profile], view);
    });
    return response;
}

ApiResponse get_profile_lists(const ApiRequest& request, const HandlerEnv& env, const std::string& profile_id,
                              bool ids_only)
{
    const Store& store = env.store;
    const Index profile = store.find_profile(profile_id);
    if (profile == k_none)
        throw ApiError(404, "not_found", "Not found.", "A profile with id " + profile_id + " does not exist.",
                       SourceKind::parameter, "id");
    PageSlice slice;
    for (std::uint32_t i = 0; i < store.lists.size(); ++i) {
        const Group& g = store.lists[i];
        if (!store.group_exists_at(g, env.now))
            continue;
        const auto members = store.members_at(g, env.now);
        if (std::any_of(members.begin(), members.end(),
                        [&](const Membership& m) { return m.profile == profile; }))
            slice.items.push_back(i);
    }
    ApiResponse response;
    response.body = collection_document(request, slice, [&](JsonWriter& w, std::uint32_t i) {
        if (!ids_only) {
            write_group(w, request, env, store.lists[i], false);
            return;
        }
        w.StartObject();
        write_key(w, "type");
        write_string(w, "list");
        write_key(w, "id");
        write_string(w, store.lists[i].id);
        w.EndObject();
    });
    return response;
}

}  // namespace frr::sim::klaviyo
