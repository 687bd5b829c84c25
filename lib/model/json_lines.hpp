#pragma once
// Reading a JSON-lines file one record at a time, so that reading costs one
// buffer and one small parse tree however large the file is: the file is read
// in fixed chunks (a buffer grows only for a longer line), each line is parsed
// in place (its strings are not copied) into a tree whose memory is reused for
// the next line. A million-record snapshot is read without holding its text.
#include "model/json_fields.hpp"

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <rapidjson/document.h>
#include <string>
#include <vector>

namespace frr::model {

class JsonLines {
public:
    // Throws core::Error(bad_input) when the file cannot be opened.
    explicit JsonLines(const std::filesystem::path& path);

    // The number of lines of the file (a last line without '\n' counted), read
    // through the same buffer without parsing: to reserve exactly before reading.
    std::size_t count_lines();
    // The next non-empty line parsed, or nullptr at the end of the file. The value
    // and its strings stay valid until the next call. Throws core::Error(bad_input)
    // with file:line for a line that is not one JSON value (or holds a NUL byte),
    // and for a last line without its '\n': the writer ends every line with one, so
    // the file was cut short and its last record may be incomplete.
    const rapidjson::Value* next();
    // Where the value last returned sits ("file:line"), for JsonFields.
    JsonPlace place() const { return {m_file, m_line_no}; }

private:
    struct Closer {
        void operator()(std::FILE* f) const { std::fclose(f); }
    };
    bool next_line(char*& begin, std::size_t& size);
    bool fill();
    std::size_t usable() const;  // m_buffer's size without its padding
    [[noreturn]] void fail(std::string what) const;

    std::string m_file;
    std::unique_ptr<std::FILE, Closer> m_in;
    std::vector<char> m_buffer;  // usable() bytes, then padding (json_lines.cpp)
    std::size_t m_begin = 0;     // unread bytes are [m_begin, m_end)
    std::size_t m_end = 0;
    bool m_eof = false;
    std::size_t m_line_no = 0;
    std::vector<char> m_pool_chunk;
    rapidjson::MemoryPoolAllocator<> m_pool;
    rapidjson::Document m_doc;
};

}  // namespace frr::model
