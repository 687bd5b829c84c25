// Klaviyo's `filter` grammar (api/klaviyo.md §2 "Filter syntax") and per-endpoint allow-lists
// transcribed from the OpenAPI `x-klaviyo-filters` extension.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "iso_time.hpp"

namespace frr::sim::klaviyo {

// Largest array an `any(...)` or `equals(...)` list may hold.
inline constexpr std::size_t k_max_list_items = 100;

enum class FilterOp {
    equals,
    any,
    greater_than,
    greater_or_equal,
    less_than,
    less_or_equal,
    has,
    contains,
    starts_with,
    ends_with
};

// What a bare or quoted literal turned out to be. Strings must be quoted; datetimes, numbers and
// booleans must not be (a quoted datetime is "Invalid filter provided" live).
enum class LiteralKind { none, string, datetime, number, boolean, list };

struct FilterValue {
    LiteralKind kind = LiteralKind::none;
    std::string text;                // string: unescaped content; others: the source token
    Instant time{};                  // datetime
    double number = 0.0;             // number
    bool flag = false;               // boolean
    std::vector<FilterValue> items;  // list: scalar items only
};

struct FilterCondition {
    FilterOp op = FilterOp::equals;
    std::string field;
    FilterValue value;  // LiteralKind::none for `has`
};

// Conditions joined by AND (comma-separated top level or `and(...)`, flattened).
using Filter = std::vector<FilterCondition>;

// The value type an allow-listed field takes (`x-klaviyo-filters.<field>.value`).
enum class ValueType { string, datetime, number, boolean, none };

// One allow-listed field: which operators take a scalar (`single`), an array (`list`) or no
// value at all (`none`, i.e. `has`).
struct FieldRule {
    std::string_view field;
    ValueType type = ValueType::string;
    std::vector<FilterOp> single;
    std::vector<FilterOp> list;
    std::vector<FilterOp> none;
};

// Syntax only: throws ApiError (400 "Invalid filter provided") on anything malformed,
// unknown operators included. An empty or absent filter gives an empty Filter.
Filter parse_filter(std::string_view text);

// Syntax plus the endpoint's allow-list: unknown fields, disallowed operators, wrong value
// shapes (array where a scalar is expected) and wrong literal types all throw ApiError 400.
Filter parse_filter(std::string_view text, std::span<const FieldRule> rules);

// Validates an already parsed filter against an allow-list (same errors as above).
void validate_filter(const Filter& filter, std::span<const FieldRule> rules);

std::string_view op_name(FilterOp op);

}  // namespace frr::sim::klaviyo
