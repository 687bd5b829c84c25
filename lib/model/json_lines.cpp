#include "model/json_lines.hpp"

#include "core/error.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <rapidjson/error/en.h>

namespace frr::model {

namespace {

constexpr std::size_t k_chunk = 1 << 20;        // bytes read at a time
constexpr std::size_t k_pool_chunk = 64 << 10;  // parse tree of a typical line, reused

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

JsonLines::JsonLines(const std::filesystem::path& path)
    : m_file(path.string()),
      m_in(std::fopen(m_file.c_str(), "rb")),
      m_buffer(k_chunk),
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
    if (m_end == m_buffer.size())
        m_buffer.resize(m_buffer.size() * 2);
    const auto n = std::fread(m_buffer.data() + m_end, 1, m_buffer.size() - m_end, m_in.get());
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
        const auto n = std::fread(m_buffer.data(), 1, m_buffer.size(), m_in.get());
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
    m_doc.ParseInsitu(line);
    if (m_doc.HasParseError())
        fail(fmt::format("invalid JSON: {}", rapidjson::GetParseError_En(m_doc.GetParseError())));
    return &m_doc;
}

}  // namespace frr::model
