#include "model/json_line_writer.hpp"

#include "text/json_writer.hpp"

#include <algorithm>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace frr::model {

namespace {

// Bytes a plain copy may store past the text it copies (a 16-byte block's tail).
constexpr std::size_t k_copy_slack = 16;

#if defined(__SSE2__)
// The bytes of `s` that are not plain: below 0x20, from 0x80 (both below 0x20 as signed bytes),
// '"' or '\\'. 0x7f is plain, as RapidJSON writes it unescaped.
__m128i not_plain(__m128i s)
{
    return _mm_or_si128(
        _mm_cmplt_epi8(s, _mm_set1_epi8(0x20)),
        _mm_or_si128(_mm_cmpeq_epi8(s, _mm_set1_epi8('"')), _mm_cmpeq_epi8(s, _mm_set1_epi8('\\'))));
}
#endif

// Copies `text` to `out` (which has text.size() + k_copy_slack bytes) and says whether every
// byte was plain, so that the copy is the string's JSON text between its quotes.
bool copy_plain(char* out, std::string_view text)
{
    const char* in = text.data();
    const std::size_t n = text.size();
#if defined(__SSE2__)
    __m128i bad = _mm_setzero_si128();
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        const __m128i s = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), s);
        bad = _mm_or_si128(bad, not_plain(s));
    }
    if (i < n) {
        // The last 1..15 bytes, through a block padded with plain bytes (never read past `text`).
        alignas(16) char block[16];
        std::memset(block, 'a', sizeof block);
        std::memcpy(block, in + i, n - i);
        const __m128i s = _mm_load_si128(reinterpret_cast<const __m128i*>(block));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), s);
        bad = _mm_or_si128(bad, not_plain(s));
    }
    return _mm_movemask_epi8(bad) == 0;
#else
    bool plain = true;
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(in[i]);
        plain &= c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
        out[i] = in[i];
    }
    return plain;
#endif
}

}  // namespace

JsonLineWriter::JsonLineWriter(std::size_t capacity)
    : m_data(std::make_unique<char[]>(capacity)),
      m_capacity(capacity)
{
}

void JsonLineWriter::grow(std::size_t n)
{
    const std::size_t capacity = std::max(m_capacity * 2, m_size + n);
    auto data = std::make_unique<char[]>(capacity);
    std::memcpy(data.get(), m_data.get(), m_size);
    m_data = std::move(data);
    m_capacity = capacity;
}

void JsonLineWriter::string(std::string_view text)
{
    char* p = room(text.size() + 3 + k_copy_slack);
    const std::size_t start = m_size;
    if (m_comma)
        *p++ = ',';
    *p++ = '"';
    if (!copy_plain(p, text)) {
        m_size = start;
        escaped_string(text);
        return;
    }
    p += text.size();
    *p++ = '"';
    m_size = static_cast<std::size_t>(p - m_data.get());
    m_comma = true;
}

// What RapidJSON's Writer (behind Utf8Writer, as to_json) writes for this string.
void JsonLineWriter::escaped_string(std::string_view text)
{
    rapidjson::StringBuffer buf;
    text::Utf8Writer<rapidjson::Writer<rapidjson::StringBuffer>> w(buf);
    w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    literal({buf.GetString(), buf.GetSize()});
}

}  // namespace frr::model
