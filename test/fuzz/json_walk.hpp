#pragma once
// Calls `f` on every object of a parsed JSON document (depth-bounded), so a
// parser of one resource sees every object a response could put in its place.
#include <rapidjson/document.h>

namespace frr::fuzz {

template <typename F> void each_object(const rapidjson::Value& v, F&& f, int depth = 0)
{
    if (depth > 64)
        return;
    if (v.IsObject()) {
        f(v);
        for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it)
            each_object(it->value, f, depth + 1);
    } else if (v.IsArray()) {
        for (const auto& item : v.GetArray())
            each_object(item, f, depth + 1);
    }
}

}  // namespace frr::fuzz
