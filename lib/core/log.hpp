#pragma once
// Logging to stderr, as text for people or JSON lines for machines. Every
// message passes through the run's Redactor first.
#include "core/redact.hpp"

#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace frr::core {

enum class LogLevel { debug = 0, info = 1, warn = 2, error = 3, quiet = 4 };
enum class LogFormat { text, json };

class Logger {
public:
    Logger(LogLevel level = LogLevel::info, LogFormat format = LogFormat::text, std::FILE* sink = stderr);
    void set_redactor(const Redactor* redactor) { m_redactor = redactor; }
    void set_level(LogLevel level) { m_level = level; }
    LogLevel level() const { return m_level; }
    LogFormat format() const { return m_format; }
    bool enabled(LogLevel level) const { return level >= m_level; }

    // `component` names where it happened ("shopify", "state", "smtp").
    void log(LogLevel level, std::string_view component, std::string_view message);
    void debug(std::string_view component, std::string_view message)
    {
        log(LogLevel::debug, component, message);
    }
    void info(std::string_view component, std::string_view message)
    {
        log(LogLevel::info, component, message);
    }
    void warn(std::string_view component, std::string_view message)
    {
        log(LogLevel::warn, component, message);
    }
    void error(std::string_view component, std::string_view message)
    {
        log(LogLevel::error, component, message);
    }

private:
    LogLevel m_level;
    LogFormat m_format;
    std::FILE* m_sink;
    const Redactor* m_redactor = nullptr;
    std::mutex m_mutex;
};

// A JSON string literal (with quotes) for hand-built JSON lines.
std::string json_quote(std::string_view s);

}  // namespace frr::core
