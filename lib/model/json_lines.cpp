#include "model/json_lines.hpp"

#include "core/error.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace frr::model {

namespace {

constexpr std::size_t k_chunk = 128 << 10;      // bytes read at a time
constexpr std::size_t k_pool_chunk = 64 << 10;  // parse tree of a typical line, reused
// Bytes kept after the buffer's usable part, so that find_string_stop may load 16 bytes at any
// place before a line's terminating NUL.
constexpr std::size_t k_padding = 16;

// The first of '"', '\\' or a byte below 0x20 at or after `p`: where a run of JSON string text
// that needs no decoding ends. There is always one: the line ends with a NUL. With SSE2 (every
// x86-64 CPU) 16 bytes at a time; each load starts at or before that NUL, so it ends within
// k_padding bytes after it.
const char* find_string_stop(const char* p)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i below = _mm_set1_epi8(0x1f);
    for (;; p += 16) {
        const __m128i s = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        // s <= 0x1f (unsigned) exactly when max(s, 0x1f) == 0x1f.
        const __m128i stop =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(s, quote), _mm_cmpeq_epi8(s, backslash)),
                         _mm_cmpeq_epi8(_mm_max_epu8(s, below), below));
        if (const int mask = _mm_movemask_epi8(stop))
            return p + __builtin_ctz(static_cast<unsigned>(mask));
    }
#else
    while (*p != '"' && *p != '\\' && static_cast<unsigned char>(*p) >= 0x20)
        ++p;
    return p;
#endif
}

// An in-situ stream of one NUL-terminated line held in JsonLines' padded buffer: its own type
// so that the string scan below applies to it alone.
struct LineStream : rapidjson::InsituStringStream {
    explicit LineStream(char* line) : rapidjson::InsituStringStream(line) { }
};

// By memchr, which scans many bytes an instruction (std::count, a byte at a time, was a tenth of
// the instructions of reading a large snapshot).
std::size_t count_newlines(const char* begin, const char* end)
{
    std::size_t n = 0;
    while (const auto* nl =
               static_cast<const char*>(std::memchr(begin, '\n', static_cast<std::size_t>(end - begin)))) {
        ++n;
        begin = nl + 1;
    }
    return n;
}

}  // namespace
}  // namespace frr::model

namespace rapidjson {

template <> struct StreamTraits<frr::model::LineStream> {
    enum { copyOptimization = 1 };
};

// RapidJSON's hook for copying a string's plain text in bulk (a no-op unless RapidJSON itself is
// built with SIMD, which would have to hold for every file of the program that includes it).
// Specialised for LineStream only, so no other parse changes: it moves the text up to the next
// '"', '\\' or control byte (the parser handles that byte as before, every check and error
// unchanged) to where the decoded string is being written in place, which is where it already is
// until a string holds an escape. Strings were a third of the instructions of reading a snapshot.
template <>
template <>
inline void GenericReader<UTF8<>, UTF8<>, CrtAllocator>::ScanCopyUnescapedString(frr::model::LineStream& is,
                                                                                 frr::model::LineStream& os)
{
    char* stop = const_cast<char*>(frr::model::find_string_stop(is.src_));
    const auto length = static_cast<std::size_t>(stop - is.src_);
    if (os.dst_ != is.src_)
        std::memmove(os.dst_, is.src_, length);
    os.dst_ += length;
    is.src_ = stop;
}

}  // namespace rapidjson

namespace frr::model {

std::size_t JsonLines::usable() const
{
    return m_buffer.size() - k_padding;
}

JsonLines::JsonLines(const std::filesystem::path& path)
    : m_file(path.string()),
      m_in(std::fopen(m_file.c_str(), "rb")),
      m_buffer(k_chunk + k_padding),
      m_pool_chunk(k_pool_chunk),
      m_pool(m_pool_chunk.data(), m_pool_chunk.size()),
      m_doc(&m_pool)
{
    if (!m_in)
        throw core::Error(core::ExitCode::bad_input,
                          fmt::format("cannot read the snapshot file: {}", std::strerror(errno)), m_file);
}

void JsonLines::fail(std::string what) const
{
    throw core::Error(core::ExitCode::bad_input, std::move(what), fmt::format("{}:{}", m_file, m_line_no),
                      "the snapshot is damaged: delete this run directory and run again");
}

// Reads more bytes after m_end, moving the unread ones to the front and growing
// the buffer when one line fills it; false at the end of the file.
bool JsonLines::fill()
{
    if (m_eof)
        return false;
    if (m_begin > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_begin, m_end - m_begin);
        m_end -= m_begin;
        m_begin = 0;
    }
    if (m_end == usable())
        m_buffer.resize(usable() * 2 + k_padding);
    const auto n = std::fread(m_buffer.data() + m_end, 1, usable() - m_end, m_in.get());
    if (n == 0) {
        if (std::ferror(m_in.get()))
            throw core::Error(core::ExitCode::bad_input,
                              fmt::format("cannot read the snapshot file: {}", std::strerror(errno)), m_file);
        m_eof = true;
        return false;
    }
    m_end += n;
    return true;
}

std::size_t JsonLines::count_lines()
{
    std::size_t lines = 0;
    char last = '\n';
    for (;;) {
        const auto n = std::fread(m_buffer.data(), 1, usable(), m_in.get());
        if (n == 0)
            break;
        lines += count_newlines(m_buffer.data(), m_buffer.data() + n);
        last = m_buffer[n - 1];
    }
    if (std::ferror(m_in.get()))
        throw core::Error(core::ExitCode::bad_input,
                          fmt::format("cannot read the snapshot file: {}", std::strerror(errno)), m_file);
    std::rewind(m_in.get());
    m_begin = m_end = 0;
    m_eof = false;
    return lines + (last != '\n' ? 1 : 0);
}

// The next line without its '\n', NUL-terminated in the buffer (for in-place parsing).
bool JsonLines::next_line(char*& begin, std::size_t& size)
{
    for (;;) {
        char* start = m_buffer.data() + m_begin;
        if (auto* nl = static_cast<char*>(std::memchr(start, '\n', m_end - m_begin))) {
            *nl = '\0';
            begin = start;
            size = static_cast<std::size_t>(nl - start);
            m_begin += size + 1;
            ++m_line_no;
            return true;
        }
        if (!fill()) {
            if (m_begin == m_end)
                return false;
            ++m_line_no;
            fail("the last line has no end of line: the file was cut short");
        }
    }
}

const rapidjson::Value* JsonLines::next()
{
    char* line = nullptr;
    std::size_t size = 0;
    do {
        if (!next_line(line, size))
            return nullptr;
    } while (size == 0);
    if (std::memchr(line, '\0', size) != nullptr)
        fail("invalid JSON: a NUL byte inside the line");
    m_pool.Clear();
    LineStream stream(line);
    m_doc.ParseStream<rapidjson::kParseInsituFlag>(stream);
    if (m_doc.HasParseError())
        fail(fmt::format("invalid JSON: {}", rapidjson::GetParseError_En(m_doc.GetParseError())));
    return &m_doc;
}

}  // namespace frr::model
