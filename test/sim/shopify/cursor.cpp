#include "cursor.hpp"

#include "../base64.hpp"

#include <rapidjson/document.h>

namespace frr::sim::shopify {

std::string encode_cursor(const CursorPosition& position)
{
    std::string json = "{\"last_id\":" + std::to_string(position.id) + ",\"last_value\":\"" +
        std::to_string(position.value) + "\"}";
    return base64_encode(json);
}

std::optional<CursorPosition> decode_cursor(std::string_view cursor)
{
    auto json = base64_decode(cursor);
    if (!json)
        return std::nullopt;
    rapidjson::Document document;
    document.Parse(json->c_str(), json->size());
    if (document.HasParseError() || !document.IsObject())
        return std::nullopt;
    auto id = document.FindMember("last_id");
    auto value = document.FindMember("last_value");
    if (id == document.MemberEnd() || !id->value.IsInt64() || value == document.MemberEnd() ||
        !value->value.IsString()) {
        return std::nullopt;
    }
    CursorPosition position;
    position.id = id->value.GetInt64();
    try {
        std::size_t used = 0;
        std::string text = value->value.GetString();
        position.value = std::stoll(text, &used);
        if (used != text.size())
            return std::nullopt;
    } catch (const std::exception&) {
        return std::nullopt;
    }
    return position;
}

}  // namespace frr::sim::shopify
