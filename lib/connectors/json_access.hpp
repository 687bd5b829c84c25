#pragma once
// Tolerant reading of platform JSON. Platforms add fields, send numbers as
// strings (Shopify UnsignedInt64, Decimal) and nulls where a schema says
// object, so every accessor answers "absent" instead of throwing; the caller
// decides whether absence is an error.
#include "core/clock.hpp"

#include <optional>
#include <rapidjson/document.h>
#include <string>
#include <string_view>

namespace frr::connectors {

// Parses `body`; on failure returns false and sets `error` to a plain-words
// reason with the byte offset (a truncated body is the usual cause).
bool parse_json(std::string_view body, rapidjson::Document& doc, std::string& error);

// The member `name` of `v`, or nullptr when `v` is not an object or lacks it
// (a JSON null member also yields nullptr).
const rapidjson::Value* member(const rapidjson::Value* v, const char* name);
// Follows a path of member names; nullptr at the first missing step.
const rapidjson::Value* path(const rapidjson::Value* v, std::initializer_list<const char*> names);

// String value, or "" when absent/null/not a string. Numbers are rendered as
// integers (Shopify sends ids as strings, other producers as numbers).
std::string text(const rapidjson::Value* v);
// A number, or a string holding a decimal number; nullopt otherwise.
std::optional<double> number(const rapidjson::Value* v);
std::optional<std::int64_t> integer(const rapidjson::Value* v);
// true only for a JSON true.
bool truthy(const rapidjson::Value* v);
// ISO-8601 date-time; nullopt when absent or unparsable.
std::optional<core::TimePoint> time_value(const rapidjson::Value* v);

// "gid://shopify/Order/123" -> "123"; anything without a '/' is returned as is.
std::string gid_tail(std::string_view gid);
// A JSON string literal with quotes, for building request bodies.
std::string json_string(std::string_view s);

}  // namespace frr::connectors
