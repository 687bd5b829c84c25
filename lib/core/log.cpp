#include "core/log.hpp"

#include "text/utf8.hpp"

#include <chrono>
#include <date/date.h>
#include <fmt/format.h>

namespace frr::core {

namespace {
const char* level_name(LogLevel level)
{
    switch (level) {
    case LogLevel::debug: return "debug";
    case LogLevel::info: return "info";
    case LogLevel::warn: return "warn";
    case LogLevel::error: return "error";
    case LogLevel::quiet: return "quiet";
    }
    return "info";
}
}  // namespace

Logger::Logger(LogLevel level, LogFormat format, std::FILE* sink)
    : m_level(level),
      m_format(format),
      m_sink(sink)
{
}

void Logger::log(LogLevel level, std::string_view component, std::string_view message)
{
    if (!enabled(level) || level == LogLevel::quiet)
        return;
    std::string text(message);
    if (m_redactor)
        text = m_redactor->scrub(std::move(text));
    std::string line;
    if (m_format == LogFormat::json) {
        auto now = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
        line = fmt::format("{{\"time\":\"{}\",\"level\":\"{}\",\"component\":{},\"message\":{}}}\n",
                           date::format("%FT%TZ", now), level_name(level), json_quote(component),
                           json_quote(text));
    } else {
        line = fmt::format("frr: {}: [{}] {}\n", level_name(level), component, text);
    }
    std::lock_guard lock(m_mutex);
    std::fputs(line.c_str(), m_sink);
    std::fflush(m_sink);
}

std::string json_quote(std::string_view raw)
{
    // Valid UTF-8 whatever the input: ill-formed bytes become U+FFFD.
    const std::string s = text::to_valid_utf8(raw);
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20)
                out += fmt::format("\\u{:04x}", static_cast<int>(c));
            else
                out += static_cast<char>(c);
        }
    }
    out += '"';
    return out;
}

}  // namespace frr::core
