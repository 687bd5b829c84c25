#pragma once
// Opaque connection cursors in Shopify's observed form: base64 of
// {"last_id":<id>,"last_value":"<sort value>"} (api/shopify.md section 3).
// The sort value is the record's sort key as an integer string (epoch
// seconds for time keys, the id for ID), so a cursor from one sort key is
// rejected by another only when it cannot be decoded.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace frr::sim::shopify {

struct CursorPosition {
    std::int64_t id = 0;
    std::int64_t value = 0;  // sort key value
};

std::string encode_cursor(const CursorPosition& position);
std::optional<CursorPosition> decode_cursor(std::string_view cursor);

}  // namespace frr::sim::shopify
