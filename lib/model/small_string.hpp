#pragma once
// A record's short text (ids, order names, sales channels, currency codes, masked emails) in 16
// bytes instead of std::string's 32: up to 15 bytes held in the object itself, a longer text in
// one heap block. A million orders and 2.5 million events hold about 14 million of them, so the
// 16 bytes each are a third of the records of a large snapshot (docs/performance.md).
//
// It reads as a std::string_view (implicit conversion, comparisons with any text, std::hash,
// fmt) and converts to std::string where one is needed; it is always NUL-terminated (c_str()).
#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace frr::model {

class SmallString {
public:
    static constexpr std::size_t k_inline = 15;  // longest text held without a heap block

    SmallString() noexcept { m_bytes[k_inline] = static_cast<char>(k_inline); }
    SmallString(std::string_view text);  // NOLINT(google-explicit-constructor): assigned from text
    SmallString(const std::string& text) : SmallString(std::string_view(text)) { }  // NOLINT
    SmallString(const char* text) : SmallString(std::string_view(text)) { }         // NOLINT
    SmallString(const SmallString& other) : SmallString(other.view()) { }
    SmallString(SmallString&& other) noexcept;
    SmallString& operator=(const SmallString& other);
    SmallString& operator=(SmallString&& other) noexcept;
    ~SmallString() { release(); }

    bool empty() const noexcept { return size() == 0; }
    std::size_t size() const noexcept
    {
        return on_heap() ? heap_size() : k_inline - static_cast<unsigned char>(m_bytes[k_inline]);
    }
    const char* data() const noexcept { return on_heap() ? heap_data() : m_bytes; }
    const char* c_str() const noexcept { return data(); }
    std::string_view view() const noexcept { return {data(), size()}; }
    std::string str() const { return std::string(view()); }
    void clear() noexcept;
    // In place, without a temporary (what a snapshot's reader does millions of times).
    SmallString& assign(std::string_view text);

    operator std::string_view() const noexcept { return view(); }  // NOLINT(google-explicit-constructor)
    operator std::string() const { return str(); }                 // NOLINT(google-explicit-constructor)

    friend bool operator==(const SmallString& a, const SmallString& b) noexcept
    {
        return a.view() == b.view();
    }
    friend bool operator==(const SmallString& a, std::string_view b) noexcept { return a.view() == b; }
    friend bool operator==(const SmallString& a, const std::string& b) noexcept { return a.view() == b; }
    friend bool operator==(const SmallString& a, const char* b) noexcept { return a.view() == b; }
    friend std::strong_ordering operator<=>(const SmallString& a, const SmallString& b) noexcept
    {
        return a.view() <=> b.view();
    }
    friend std::strong_ordering operator<=>(const SmallString& a, std::string_view b) noexcept
    {
        return a.view() <=> b;
    }
    friend std::strong_ordering operator<=>(const SmallString& a, const std::string& b) noexcept
    {
        return a.view() <=> std::string_view(b);
    }
    friend std::strong_ordering operator<=>(const SmallString& a, const char* b) noexcept
    {
        return a.view() <=> std::string_view(b);
    }

private:
    // The last byte tells which: 0..15 for an inline text (15 minus its size, so a text of 15
    // bytes ends in a 0 that is its terminator), k_heap_tag for a heap block, whose address is
    // then in the first 8 bytes (aligned, so leak checkers see it) and its size in the next 4.
    static constexpr unsigned char k_heap_tag = 0xff;
    bool on_heap() const noexcept { return static_cast<unsigned char>(m_bytes[k_inline]) == k_heap_tag; }
    char* heap_data() const noexcept
    {
        char* p = nullptr;
        std::memcpy(&p, m_bytes, sizeof p);
        return p;
    }
    std::uint32_t heap_size() const noexcept
    {
        std::uint32_t n = 0;
        std::memcpy(&n, m_bytes + sizeof(char*), sizeof n);
        return n;
    }
    void set(std::string_view text);  // the object holds no heap block
    void release() noexcept;

    alignas(char*) char m_bytes[k_inline + 1] = {};
};

static_assert(sizeof(SmallString) == 16);

inline std::string operator+(std::string a, const SmallString& b)
{
    a += b.view();
    return a;
}
inline std::string operator+(const SmallString& a, std::string_view b)
{
    std::string s(a.view());
    s += b;
    return s;
}

}  // namespace frr::model

template <> struct std::hash<frr::model::SmallString> {
    std::size_t operator()(const frr::model::SmallString& s) const noexcept
    {
        return std::hash<std::string_view>{}(s.view());
    }
};

template <> struct fmt::formatter<frr::model::SmallString> : fmt::formatter<std::string_view> {
    template <class Context> auto format(const frr::model::SmallString& s, Context& ctx) const
    {
        return fmt::formatter<std::string_view>::format(s.view(), ctx);
    }
};
