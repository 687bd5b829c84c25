// Opaque page cursors (api/klaviyo.md §2 "Cursor pagination", §9.8): base64 of a position in
// the collection's order, bound to the query that produced it. The position is a sort key, not
// an offset, so records appearing later (late events) never shift or repeat a page.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace frr::sim::klaviyo {

enum class CursorDirection { after, before };

// A point in an order: compared as (number, text, id).
struct CursorPosition {
    std::int64_t number = 0;
    std::string text;
    std::string id;
};

struct Cursor {
    std::uint64_t binding = 0;
    CursorDirection direction = CursorDirection::after;
    CursorPosition position;
};

// Binds a cursor to the collection and to the parameters that define its set and order:
// the path (trailing slash ignored), `filter` and `sort`. Other parameters (page size, sparse
// fields, unknown extras) may change between pages without invalidating the cursor.
std::uint64_t query_binding(std::string_view path, const std::multimap<std::string, std::string>& params);

std::string encode_cursor(const Cursor& cursor);

// Throws ApiError 400 (`source.parameter` = `page[cursor]`) when the text is not a cursor this
// simulator issued or was issued for a different query.
Cursor decode_cursor(std::string_view text, std::uint64_t expected_binding);

}  // namespace frr::sim::klaviyo
