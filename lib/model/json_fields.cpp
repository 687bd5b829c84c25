#include "model/json_fields.hpp"

#include "core/error.hpp"
#include "core/time.hpp"

#include <fmt/format.h>

namespace frr::model {

JsonFields::JsonFields(const rapidjson::Value& object, std::string where)
    : m_object(object), m_where(std::move(where))
{
    if (!object.IsObject())
        throw core::Error(core::ExitCode::bad_input, "expected a JSON object", m_where,
                          "the file is damaged: restore it or delete the run directory");
}

const rapidjson::Value* JsonFields::get(const char* name) const
{
    auto it = m_object.FindMember(name);
    if (it == m_object.MemberEnd() || it->value.IsNull())
        return nullptr;
    return &it->value;
}

void JsonFields::fail(const char* name, const char* expected) const
{
    throw core::Error(core::ExitCode::bad_input,
                      fmt::format("field '{}' should be {}", name, expected), m_where,
                      "the file is damaged: restore it or delete the run directory");
}

std::string JsonFields::str(const char* name) const
{
    auto v = get(name);
    if (!v)
        return {};
    if (!v->IsString())
        fail(name, "a string");
    return std::string(v->GetString(), v->GetStringLength());
}

std::int64_t JsonFields::int64(const char* name) const
{
    return opt_int64(name).value_or(0);
}

std::optional<std::int64_t> JsonFields::opt_int64(const char* name) const
{
    auto v = get(name);
    if (!v)
        return std::nullopt;
    if (!v->IsInt64())
        fail(name, "an integer");
    return v->GetInt64();
}

double JsonFields::number(const char* name) const
{
    auto v = get(name);
    if (!v)
        return 0;
    if (!v->IsNumber())
        fail(name, "a number");
    return v->GetDouble();
}

bool JsonFields::boolean(const char* name) const
{
    auto v = get(name);
    if (!v)
        return false;
    if (!v->IsBool())
        fail(name, "true or false");
    return v->GetBool();
}

core::TimePoint JsonFields::time(const char* name) const
{
    auto t = opt_time(name);
    if (!t)
        fail(name, "an ISO-8601 time");
    return *t;
}

std::optional<core::TimePoint> JsonFields::opt_time(const char* name) const
{
    auto s = str(name);
    if (s.empty())
        return std::nullopt;
    auto t = core::parse_iso8601(s);
    if (!t)
        fail(name, "an ISO-8601 time");
    return t;
}

} // namespace frr::model
