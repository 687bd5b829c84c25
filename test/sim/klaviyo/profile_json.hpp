// The `profile` resource (api/klaviyo.md §3 "Profiles: attributes"), shared by GET /api/profiles
// and the list/segment member endpoints.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "../store.hpp"
#include "json.hpp"
#include "request.hpp"

namespace frr::sim::klaviyo {

struct ProfileView {
    bool subscriptions = false;           // additional-fields[profile]=subscriptions
    std::set<std::string> fields;         // fields[profile]; empty = all attributes
    std::optional<Time> joined_group_at;  // member endpoints only
};

// Reads additional-fields[profile] and fields[profile] from the request.
ProfileView profile_view(const ApiRequest& request);

void write_profile(JsonWriter& w, const ApiRequest& request, const Profile& profile, const ProfileView& view);

// Klaviyo times: ISO-8601 with "+00:00".
std::string klaviyo_time(Time t);

}  // namespace frr::sim::klaviyo
