#pragma once
// JSON text for the snapshot's JSON-lines files, built without RapidJSON's Writer: the bytes are
// exactly those of RapidJSON's Writer behind text::Utf8Writer (what to_json writes), but a key is
// copied as it is, a number goes through std::to_chars, and a string that is printable ASCII
// without a quote or a backslash (nearly every id, hash and time) is copied 16 bytes at a time
// with its check. Any other string (non-ASCII, a quote, a backslash, a control byte, invalid
// UTF-8) is written by that RapidJSON writer, so its escaping and repair stay RapidJSON's.
//
// The caller keeps the shape valid (keys inside objects, one value after each key), as with
// RapidJSON's Writer, but nothing checks it. Keys must be plain ASCII names without a quote or
// a backslash (the snapshot's field names); they are not escaped.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

namespace frr::model {

class JsonLineWriter {
public:
    // `capacity`: the bytes held before the buffer grows (a caller flushing at some size gives
    // that size plus the longest line it expects).
    explicit JsonLineWriter(std::size_t capacity);

    void begin_object()
    {
        separate();
        put('{');
        m_comma = false;
    }
    void end_object()
    {
        put('}');
        m_comma = true;
    }
    void begin_array()
    {
        separate();
        put('[');
        m_comma = false;
    }
    void end_array()
    {
        put(']');
        m_comma = true;
    }
    // Ends a line; the next value is the start of a new JSON document.
    void end_line()
    {
        put('\n');
        m_comma = false;
    }

    void key(std::string_view name)
    {
        char* p = room(name.size() + 4);
        if (m_comma)
            *p++ = ',';
        *p++ = '"';
        std::memcpy(p, name.data(), name.size());
        p += name.size();
        *p++ = '"';
        *p++ = ':';
        m_size = static_cast<std::size_t>(p - m_data.get());
        m_comma = false;
    }
    void string(std::string_view text);
    void int64(std::int64_t value)
    {
        char* p = room(24);
        if (m_comma)
            *p++ = ',';
        p = std::to_chars(p, p + 20, value).ptr;
        m_size = static_cast<std::size_t>(p - m_data.get());
        m_comma = true;
    }
    void boolean(bool value) { literal(value ? std::string_view("true") : std::string_view("false")); }
    void null() { literal("null"); }

    std::string_view text() const { return {m_data.get(), m_size}; }
    std::size_t size() const { return m_size; }
    void clear()
    {
        m_size = 0;
        m_comma = false;
    }

private:
    // At least `n` writable bytes at the end of the text; the text's end.
    char* room(std::size_t n)
    {
        if (m_capacity - m_size < n)
            grow(n);
        return m_data.get() + m_size;
    }
    void grow(std::size_t n);
    void put(char c)
    {
        *room(1) = c;
        ++m_size;
    }
    void separate()
    {
        if (m_comma)
            put(',');
    }
    void literal(std::string_view word)
    {
        separate();
        std::memcpy(room(word.size()), word.data(), word.size());
        m_size += word.size();
        m_comma = true;
    }
    void escaped_string(std::string_view text);

    std::unique_ptr<char[]> m_data;
    std::size_t m_capacity = 0;
    std::size_t m_size = 0;
    bool m_comma = false;  // the next key or value follows another: a ',' first
};

}  // namespace frr::model
