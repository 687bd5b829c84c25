// Small JSON:API writing helpers shared by the Klaviyo route handlers (RapidJSON SAX writer:
// no DOM per record, so a page of 1000 events costs one pass).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace frr::sim::klaviyo {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

inline void write_string(JsonWriter& w, std::string_view s)
{
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

inline void write_key(JsonWriter& w, std::string_view key)
{
    w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

// `"key": "value"` or `"key": null` when the value is empty.
inline void write_string_or_null(JsonWriter& w, std::string_view key, std::string_view value)
{
    write_key(w, key);
    if (value.empty()) {
        w.Null();
    } else {
        write_string(w, value);
    }
}

// Embeds an already serialised JSON value (store-built event_properties, integration objects).
inline void write_raw(JsonWriter& w, std::string_view json, rapidjson::Type type)
{
    w.RawValue(json.data(), json.size(), type);
}

// `{"self": <base>/api/<kind>/<id>/relationships/<rel>/, "related": .../<rel>/}`
void write_relationship_links(JsonWriter& w, const std::string& resource_url, std::string_view rel);

// A resource's closing members: `"relationships": {<rel>: {"links": ...}, ...}` for each of `rels`,
// then `"links": {"self": resource_url}`.
void write_relationships_and_self(JsonWriter& w, const std::string& resource_url,
                                  std::initializer_list<std::string_view> rels);

}  // namespace frr::sim::klaviyo
