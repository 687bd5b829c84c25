// JSON:API error documents as Klaviyo sends them (api/klaviyo.md §5, §6).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace frr::sim::klaviyo {

// Where an error points: JSON:API `source.pointer` (body) or `source.parameter` (query).
enum class SourceKind { none, pointer, parameter };

// A request-level failure that a route turns into one JSON:API error document.
// Thrown by parsers and validators so handlers read straight-line; caught once per request.
class ApiError : public std::runtime_error {
public:
    ApiError(int status, std::string code, std::string title, std::string detail,
             SourceKind source_kind = SourceKind::none, std::string source = {});

    int status() const { return m_status; }
    const std::string& code() const { return m_code; }
    const std::string& title() const { return m_title; }
    const std::string& detail() const { return m_detail; }
    SourceKind source_kind() const { return m_source_kind; }
    const std::string& source() const { return m_source; }

private:
    int m_status;
    std::string m_code;
    std::string m_title;
    std::string m_detail;
    SourceKind m_source_kind;
    std::string m_source;
};

// 400 `invalid` "Invalid input." with a detail; the common validation failure.
ApiError invalid_input(std::string detail, SourceKind source_kind = SourceKind::none,
                       std::string source = {});

// The filter failure observed live: detail "Invalid filter provided", parameter `filter`.
ApiError invalid_filter(const std::string& why);

// Renders `{"errors":[{...}]}` with `id` (a UUID-shaped string), `status`, `code`, `title`,
// `detail`, optional `source`, and the `links`/`meta` members seen live.
std::string render_error(const ApiError& error, const std::string& id);

// The real throttled body (§5): detail "Request was throttled. Expected available in N second(s)."
std::string render_throttled(int retry_after_seconds, const std::string& id);

// A UUID-shaped id derived from a request sequence number (deterministic, no global state).
std::string error_id(std::uint64_t sequence);

}  // namespace frr::sim::klaviyo
