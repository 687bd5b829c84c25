#include "connectors/json_access.hpp"

#include "text/json_writer.hpp"

#include "core/time.hpp"

#include <cmath>
#include <fmt/format.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace frr::connectors {

bool parse_json(std::string_view body, rapidjson::Document& doc, std::string& error)
{
    doc.Parse(body.data(), body.size());
    if (!doc.HasParseError())
        return true;
    error = fmt::format("invalid JSON at byte {}: {}", doc.GetErrorOffset(),
                        rapidjson::GetParseError_En(doc.GetParseError()));
    return false;
}

const rapidjson::Value* member(const rapidjson::Value* v, const char* name)
{
    if (v == nullptr || !v->IsObject())
        return nullptr;
    auto it = v->FindMember(name);
    if (it == v->MemberEnd() || it->value.IsNull())
        return nullptr;
    return &it->value;
}

const rapidjson::Value* path(const rapidjson::Value* v, std::initializer_list<const char*> names)
{
    for (const char* name : names) {
        v = member(v, name);
        if (v == nullptr)
            return nullptr;
    }
    return v;
}

std::string text(const rapidjson::Value* v)
{
    if (v == nullptr)
        return {};
    if (v->IsString())
        return std::string(v->GetString(), v->GetStringLength());
    if (v->IsInt64())
        return std::to_string(v->GetInt64());
    if (v->IsUint64())
        return std::to_string(v->GetUint64());
    if (v->IsDouble() && std::isfinite(v->GetDouble()) && v->GetDouble() == std::floor(v->GetDouble()))
        return fmt::format("{:.0f}", v->GetDouble());
    return {};
}

std::optional<double> number(const rapidjson::Value* v)
{
    if (v == nullptr)
        return std::nullopt;
    if (v->IsNumber())
        return v->GetDouble();
    if (v->IsString()) {
        std::string s(v->GetString(), v->GetStringLength());
        try {
            std::size_t used = 0;
            double d = std::stod(s, &used);
            if (used == s.size())
                return d;
        } catch (const std::exception&) {
        }
    }
    return std::nullopt;
}

std::optional<std::int64_t> integer(const rapidjson::Value* v)
{
    if (v == nullptr)
        return std::nullopt;
    if (v->IsInt64())
        return v->GetInt64();
    auto d = number(v);
    // Whole and inside int64's range (2^63 is exact as a double): converting anything else is
    // undefined behaviour, and such a count or time is not one frr can use anyway.
    if (d && std::isfinite(*d) && *d == std::floor(*d) && *d >= -9223372036854775808.0 &&
        *d < 9223372036854775808.0)
        return static_cast<std::int64_t>(*d);
    return std::nullopt;
}

bool truthy(const rapidjson::Value* v)
{
    return v != nullptr && v->IsBool() && v->GetBool();
}

std::optional<core::TimePoint> time_value(const rapidjson::Value* v)
{
    if (v == nullptr || !v->IsString())
        return std::nullopt;
    return core::parse_iso8601(std::string_view(v->GetString(), v->GetStringLength()));
}

std::string gid_tail(std::string_view gid)
{
    auto slash = gid.rfind('/');
    return std::string(slash == std::string_view::npos ? gid : gid.substr(slash + 1));
}

std::string json_string(std::string_view s)
{
    rapidjson::StringBuffer buffer;
    text::Utf8Writer<rapidjson::Writer<rapidjson::StringBuffer>> writer(buffer);
    writer.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace frr::connectors
