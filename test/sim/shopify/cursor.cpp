#include "cursor.hpp"

#include <openssl/evp.h>
#include <rapidjson/document.h>

namespace frr::sim::shopify {

std::string base64_encode(std::string_view bytes)
{
    std::string out(4 * ((bytes.size() + 2) / 3), '\0');
    int written =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                        reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(written));
    return out;
}

std::optional<std::string> base64_decode(std::string_view text)
{
    if (text.empty() || text.size() % 4 != 0)
        return std::nullopt;
    std::string out(3 * text.size() / 4, '\0');
    int written =
        EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                        reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (written < 0)
        return std::nullopt;
    std::size_t padding = 0;
    if (text.back() == '=')
        ++padding;
    if (text.size() > 1 && text[text.size() - 2] == '=')
        ++padding;
    out.resize(static_cast<std::size_t>(written) - padding);
    return out;
}

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
