#pragma once
// Reading canonical records back from JSON: typed field access that names the
// file, line and field on any mismatch (core::Error bad_input).
#include "core/clock.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <rapidjson/document.h>
#include <string>
#include <string_view>
#include <vector>

namespace frr::model {

// Where an object sits, formatted only when an error is thrown (a million-line
// file would otherwise format a million "file:line" strings it never shows):
// "<file>:<line>" (line 0: no line part) plus ".<field>" for a nested object.
// `file` must outlive the JsonFields reading it.
struct JsonPlace {
    std::string_view file;
    std::size_t line = 0;
    const char* field = nullptr;
};

// Parses `json` into `doc`, which must hold one JSON object. Otherwise throws
// core::Error(bad_input): "<what> is not valid JSON: <why>" at "<where> at byte N",
// or "<what> is not a JSON object" at `where`, with `remedy` saying what to do.
void parse_object(rapidjson::Document& doc, std::string_view json, const std::string& where,
                  std::string_view what, std::string_view remedy);

class JsonFields {
public:
    JsonFields(const rapidjson::Value& object, std::string where);
    // For records read one a line (JsonLines): fields are looked for first where the
    // previous one was found, since the snapshot writer puts them in the order the
    // readers ask for them; a field found there is the one a search by name finds (its
    // first member of that name) as long as the reader asks for each name once.
    JsonFields(const rapidjson::Value& object, JsonPlace place);
    // The object under `name` (not missing or null), placed at where() + "." + name.
    JsonFields nested(const rapidjson::Value& object, const char* name) const;

    std::string str(const char* name) const;        // missing or null -> ""
    std::string_view text(const char* name) const;  // as str(), a view into the document
    std::int64_t int64(const char* name) const;     // missing -> 0
    double number(const char* name) const;
    bool boolean(const char* name) const;          // missing -> false
    core::TimePoint time(const char* name) const;  // required
    std::optional<core::TimePoint> opt_time(const char* name) const;
    std::optional<std::int64_t> opt_int64(const char* name) const;
    std::vector<std::string> strings(const char* name) const;  // missing or null -> {}
    const rapidjson::Value* get(const char* name) const;
    const rapidjson::Value* array(const char* name) const;   // missing or null -> nullptr
    const rapidjson::Value* object(const char* name) const;  // missing or null -> nullptr
    [[noreturn]] void fail(const char* name, const char* expected) const;
    std::string where() const;

private:
    const rapidjson::Value& m_object;
    std::string m_where;  // used when m_place.file is empty
    JsonPlace m_place;
    bool m_in_order = false;                 // look at m_next first (the JsonPlace form)
    mutable rapidjson::SizeType m_next = 0;  // members before it were found in order
};

// Writing the same shapes back, on any RapidJSON writer (compact for snapshots,
// pretty for checks files): "key": "value" and "key": ["a", "b"].
template <class Writer> void put_string(Writer& w, const char* key, std::string_view value)
{
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

template <class Writer> void put_strings(Writer& w, const char* key, const std::vector<std::string>& values)
{
    w.Key(key);
    w.StartArray();
    for (const auto& v : values)
        w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
    w.EndArray();
}

}  // namespace frr::model
