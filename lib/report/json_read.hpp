#pragma once
// Small, forgiving accessors over RapidJSON values for the report's inputs.
// Absent or null fields read as empty; a present field of an unusable type
// throws core::Error(bad_input) naming the file and the field.
#include "core/clock.hpp"

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace frr::report::json {

// Parses a whole document; throws Error(bad_input) "<where>: not valid JSON (offset N: reason)".
rapidjson::Document parse(const std::string& text, const std::string& where);

class Reader {
public:
    Reader(const rapidjson::Value& object, std::string where);
    const rapidjson::Value* get(const char* name) const;  // nullptr when absent or null
    std::string str(const char* name) const;              // strings as-is; numbers shown
    std::int64_t int64(const char* name) const;
    double number(const char* name) const;
    std::optional<double> opt_number(const char* name) const;
    core::TimePoint time(const char* name) const;  // absent -> epoch
    std::vector<std::string> strings(const char* name) const;
    const std::string& where() const { return m_where; }
    Reader child(const char* name) const;  // an absent child reads as empty
    [[noreturn]] void fail(const char* name, const char* expected) const;

private:
    const rapidjson::Value* m_object;
    std::string m_where;
};

// Any scalar or small structure as one display string: strings verbatim,
// integers without decimals, other numbers with up to two decimals,
// objects/arrays as compact JSON.
std::string display(const rapidjson::Value& value);

}  // namespace frr::report::json
