#include "cursor.hpp"

#include <charconv>
#include <vector>

#include "../base64.hpp"
#include "api_error.hpp"

namespace frr::sim::klaviyo {

namespace {

constexpr char k_separator = '\x1f';  // ASCII unit separator: cannot occur in ids or emails
constexpr std::string_view k_magic = "frr1";

// FNV-1a over the bytes followed by a separator, so ("ab","c") and ("a","bc") differ.
std::uint64_t fnv1a(std::uint64_t hash, std::string_view bytes)
{
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    hash ^= 0xffU;
    hash *= 0x100000001b3ULL;
    return hash;
}

ApiError invalid_cursor()
{
    return invalid_input("Invalid page cursor.", SourceKind::parameter, "page[cursor]");
}

std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(separator, start);
        if (end == std::string_view::npos) {
            parts.push_back(text.substr(start));
            return parts;
        }
        parts.push_back(text.substr(start, end - start));
        start = end + 1;
    }
}

template <typename Int> bool parse_int(std::string_view text, Int& out)
{
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && ptr == end && !text.empty();
}

}  // namespace

std::uint64_t query_binding(std::string_view path, const std::multimap<std::string, std::string>& params)
{
    while (path.size() > 1 && path.back() == '/') {
        path.remove_suffix(1);
    }
    std::uint64_t hash = fnv1a(0xcbf29ce484222325ULL, path);
    for (const char* name : {"filter", "sort"}) {
        // multimap keeps duplicates in insertion order; all of them take part.
        auto [first, last] = params.equal_range(name);
        for (auto it = first; it != last; ++it) {
            hash = fnv1a(fnv1a(hash, it->first), it->second);
        }
    }
    return hash;
}

std::string encode_cursor(const Cursor& cursor)
{
    std::string raw(k_magic);
    raw += k_separator;
    raw += std::to_string(cursor.binding);
    raw += k_separator;
    raw += cursor.direction == CursorDirection::after ? 'a' : 'b';
    raw += k_separator;
    raw += std::to_string(cursor.position.number);
    raw += k_separator;
    raw += cursor.position.text;
    raw += k_separator;
    raw += cursor.position.id;
    return base64_encode(raw);
}

Cursor decode_cursor(std::string_view text, std::uint64_t expected_binding)
{
    const auto decoded = base64_decode(text);
    if (!decoded) {
        throw invalid_cursor();
    }
    const std::string& raw = *decoded;
    const auto parts = split(raw, k_separator);
    Cursor cursor;
    if (parts.size() != 6 || parts[0] != k_magic || !parse_int(parts[1], cursor.binding) ||
        (parts[2] != "a" && parts[2] != "b") || !parse_int(parts[3], cursor.position.number)) {
        throw invalid_cursor();
    }
    if (cursor.binding != expected_binding) {
        throw invalid_input("Page cursor does not match this query (filter or sort changed).",
                            SourceKind::parameter, "page[cursor]");
    }
    cursor.direction = parts[2] == "a" ? CursorDirection::after : CursorDirection::before;
    cursor.position.text = std::string(parts[4]);
    cursor.position.id = std::string(parts[5]);
    return cursor;
}

}  // namespace frr::sim::klaviyo
