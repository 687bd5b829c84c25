#include "api_error.hpp"

#include <cstdint>

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace frr::sim::klaviyo {

ApiError::ApiError(int status, std::string code, std::string title, std::string detail,
                   SourceKind source_kind, std::string source)
    : std::runtime_error(detail),
      m_status(status),
      m_code(std::move(code)),
      m_title(std::move(title)),
      m_detail(std::move(detail)),
      m_source_kind(source_kind),
      m_source(std::move(source))
{
}

ApiError invalid_input(std::string detail, SourceKind source_kind, std::string source)
{
    return ApiError(400, "invalid", "Invalid input.", std::move(detail), source_kind, std::move(source));
}

ApiError invalid_filter(const std::string& why)
{
    // Klaviyo's detail is exactly "Invalid filter provided"; the reason is appended after a
    // colon so simulator users can see which rule fired without breaking prefix matching.
    std::string detail = "Invalid filter provided";
    if (!why.empty()) {
        detail += ": " + why;
    }
    return ApiError(400, "invalid", "Invalid input.", detail, SourceKind::parameter, "filter");
}

namespace {

void write_error_object(rapidjson::Writer<rapidjson::StringBuffer>& w, const ApiError& error,
                        const std::string& id)
{
    w.StartObject();
    w.Key("id");
    w.String(id.c_str());
    w.Key("status");
    w.Int(error.status());
    w.Key("code");
    w.String(error.code().c_str());
    w.Key("title");
    w.String(error.title().c_str());
    w.Key("detail");
    w.String(error.detail().c_str());
    if (error.source_kind() != SourceKind::none) {
        w.Key("source");
        w.StartObject();
        w.Key(error.source_kind() == SourceKind::pointer ? "pointer" : "parameter");
        w.String(error.source().c_str());
        w.EndObject();
    }
    w.Key("links");
    w.StartObject();
    w.EndObject();
    w.Key("meta");
    w.StartObject();
    w.EndObject();
    w.EndObject();
}

}  // namespace

std::string render_error(const ApiError& error, const std::string& id)
{
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("errors");
    w.StartArray();
    write_error_object(w, error, id);
    w.EndArray();
    w.EndObject();
    return buffer.GetString();
}

std::string render_throttled(int retry_after_seconds, const std::string& id)
{
    const std::string detail = fmt::format("Request was throttled. Expected available in {} second{}.",
                                           retry_after_seconds, retry_after_seconds == 1 ? "" : "s");
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("errors");
    w.StartArray();
    w.StartObject();
    w.Key("id");
    w.String(id.c_str());
    w.Key("status");
    w.Int(429);
    w.Key("code");
    w.String("throttled");
    w.Key("title");
    w.String("Request was throttled.");
    w.Key("detail");
    w.String(detail.c_str());
    w.Key("source");
    w.StartObject();
    w.Key("pointer");
    w.String("/data");
    w.EndObject();
    w.Key("links");
    w.StartObject();
    w.Key("type");
    w.String("https://developers.klaviyo.com/en/docs/rate_limits_and_error_handling#rate-limits");
    w.EndObject();
    w.Key("meta");
    w.StartObject();
    w.EndObject();
    w.EndObject();
    w.EndArray();
    w.EndObject();
    return buffer.GetString();
}

std::string error_id(std::uint64_t sequence)
{
    // splitmix64 spreads consecutive sequence numbers over the whole id space.
    auto mix = [](std::uint64_t x) {
        x += 0x9e3779b97f4a7c15ULL;
        x = (x ^ (x >> 30U)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27U)) * 0x94d049bb133111ebULL;
        return x ^ (x >> 31U);
    };
    const std::uint64_t a = mix(sequence);
    const std::uint64_t b = mix(a);
    return fmt::format("{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}", a >> 32U, (a >> 16U) & 0xffffU, a & 0xfffU,
                       0x8000U | (b >> 48U & 0x3fffU), b & 0xffffffffffffULL);
}

}  // namespace frr::sim::klaviyo
