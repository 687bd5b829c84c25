#include "report/json_read.hpp"

#include "text/json_writer.hpp"

#include "core/error.hpp"
#include "core/time.hpp"

#include <fmt/format.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>

namespace frr::report::json {

namespace {
const rapidjson::Value& empty_object()
{
    static const rapidjson::Value k_empty(rapidjson::kObjectType);
    return k_empty;
}
}  // namespace

rapidjson::Document parse(const std::string& text, const std::string& where)
{
    rapidjson::Document doc;
    doc.Parse(text.c_str(), text.size());
    if (doc.HasParseError())
        throw core::Error(core::ExitCode::bad_input,
                          fmt::format("not valid JSON (offset {}: {})", doc.GetErrorOffset(),
                                      rapidjson::GetParseError_En(doc.GetParseError())),
                          where, "re-run the stage that writes this file");
    if (!doc.IsObject())
        throw core::Error(core::ExitCode::bad_input, "expected a JSON object at the top level", where,
                          "re-run the stage that writes this file");
    return doc;
}

Reader::Reader(const rapidjson::Value& object, std::string where)
    : m_object(object.IsObject() ? &object : &empty_object()),
      m_where(std::move(where))
{
}

const rapidjson::Value* Reader::get(const char* name) const
{
    auto it = m_object->FindMember(name);
    if (it == m_object->MemberEnd() || it->value.IsNull())
        return nullptr;
    return &it->value;
}

void Reader::fail(const char* name, const char* expected) const
{
    throw core::Error(core::ExitCode::bad_input, fmt::format("field '{}' should be {}", name, expected),
                      m_where, "re-run the stage that writes this file");
}

std::string Reader::str(const char* name) const
{
    const auto* v = get(name);
    return v ? display(*v) : std::string();
}

std::int64_t Reader::int64(const char* name) const
{
    const auto* v = get(name);
    if (!v)
        return 0;
    if (v->IsInt64())
        return v->GetInt64();
    if (v->IsNumber())
        return static_cast<std::int64_t>(std::llround(v->GetDouble()));
    fail(name, "an integer");
}

double Reader::number(const char* name) const
{
    return opt_number(name).value_or(0.0);
}

std::optional<double> Reader::opt_number(const char* name) const
{
    const auto* v = get(name);
    if (!v)
        return std::nullopt;
    if (!v->IsNumber())
        fail(name, "a number");
    return v->GetDouble();
}

core::TimePoint Reader::time(const char* name) const
{
    const auto* v = get(name);
    if (!v)
        return core::TimePoint{};
    if (!v->IsString())
        fail(name, "an ISO-8601 time string");
    auto parsed = core::parse_iso8601(v->GetString());
    if (!parsed)
        fail(name, "an ISO-8601 time string");
    return *parsed;
}

std::vector<std::string> Reader::strings(const char* name) const
{
    std::vector<std::string> out;
    const auto* v = get(name);
    if (!v)
        return out;
    if (!v->IsArray())
        fail(name, "an array");
    for (const auto& item : v->GetArray())
        out.push_back(display(item));
    return out;
}

Reader Reader::child(const char* name) const
{
    const auto* v = get(name);
    if (v && !v->IsObject())
        fail(name, "an object");
    return Reader(v ? *v : empty_object(), m_where);
}

std::string display(const rapidjson::Value& value)
{
    if (value.IsString())
        return std::string(value.GetString(), value.GetStringLength());
    if (value.IsBool())
        return value.GetBool() ? "true" : "false";
    if (value.IsInt64())
        return std::to_string(value.GetInt64());
    if (value.IsNumber()) {
        double d = value.GetDouble();
        if (std::fabs(d - std::round(d)) < 1e-9)
            return fmt::format("{:.0f}", d);
        return fmt::format("{:.2f}", d);
    }
    if (value.IsNull())
        return {};
    rapidjson::StringBuffer buffer;
    text::Utf8Writer<rapidjson::Writer<rapidjson::StringBuffer>> writer(buffer);
    value.Accept(writer);
    return buffer.GetString();
}

}  // namespace frr::report::json
