#pragma once
// Reading canonical records back from JSON: typed field access that names the
// file, line and field on any mismatch (core::Error bad_input).
#include "core/clock.hpp"

#include <cstdint>
#include <optional>
#include <rapidjson/document.h>
#include <string>

namespace frr::model {

class JsonFields {
public:
    JsonFields(const rapidjson::Value& object, std::string where);
    std::string str(const char* name) const;               // missing or null -> ""
    std::int64_t int64(const char* name) const;            // missing -> 0
    double number(const char* name) const;
    bool boolean(const char* name) const;                  // missing -> false
    core::TimePoint time(const char* name) const;          // required
    std::optional<core::TimePoint> opt_time(const char* name) const;
    std::optional<std::int64_t> opt_int64(const char* name) const;
    const rapidjson::Value* get(const char* name) const;
    [[noreturn]] void fail(const char* name, const char* expected) const;
    const std::string& where() const { return m_where; }

private:
    const rapidjson::Value& m_object;
    std::string m_where;
};

} // namespace frr::model
