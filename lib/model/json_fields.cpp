#include "model/json_fields.hpp"

#include "core/error.hpp"
#include "core/time.hpp"

#include <cstring>
#include <fmt/format.h>
#include <rapidjson/error/en.h>

namespace frr::model {

namespace {

[[noreturn]] void not_an_object(std::string where)
{
    throw core::Error(core::ExitCode::bad_input, "expected a JSON object", std::move(where),
                      "the file is damaged: restore it or delete the run directory");
}

}  // namespace

void parse_object(rapidjson::Document& doc, std::string_view json, const std::string& where,
                  std::string_view what, std::string_view remedy)
{
    doc.Parse(json.data(), json.size());
    if (doc.HasParseError())
        throw core::Error(
            core::ExitCode::bad_input,
            fmt::format("{} is not valid JSON: {}", what, rapidjson::GetParseError_En(doc.GetParseError())),
            fmt::format("{} at byte {}", where, doc.GetErrorOffset()), std::string(remedy));
    if (!doc.IsObject())
        throw core::Error(core::ExitCode::bad_input, fmt::format("{} is not a JSON object", what), where,
                          std::string(remedy));
}

JsonFields::JsonFields(const rapidjson::Value& object, std::string where)
    : m_object(object),
      m_where(std::move(where))
{
    if (!object.IsObject())
        not_an_object(m_where);
}

JsonFields::JsonFields(const rapidjson::Value& object, JsonPlace place)
    : m_object(object),
      m_place(place),
      m_in_order(true)
{
    if (!object.IsObject())
        not_an_object(where());
}

JsonFields JsonFields::nested(const rapidjson::Value& object, const char* name) const
{
    if (!m_place.file.empty() && m_place.field == nullptr)
        return JsonFields(object, JsonPlace{m_place.file, m_place.line, name});
    return JsonFields(object, where() + "." + name);
}

std::string JsonFields::where() const
{
    if (m_place.file.empty())
        return m_where;
    std::string out(m_place.file);
    if (m_place.line != 0)
        out += fmt::format(":{}", m_place.line);
    if (m_place.field != nullptr)
        out += fmt::format(".{}", m_place.field);
    return out;
}

// In order (JsonPlace): the members before m_next were each found here by their own name, and
// the readers ask for each name once, so none of them has the name asked for now: the first
// member of that name is the first from m_next on. A line of a snapshot is read with one
// comparison a field (the writer puts them in the order the readers ask), and a field the record
// does not have (omitted when empty) costs a look at the members after it, not at all of them.
// Objects not read in order are searched from their first member. Either way the member found is
// the first of that name, as RapidJSON's FindMember finds it.
const rapidjson::Value* JsonFields::get(const char* name) const
{
    const std::string_view wanted(name);
    const auto count = m_object.MemberCount();
    const auto members = m_object.MemberBegin();
    for (auto i = m_in_order ? m_next : 0; i < count; ++i) {
        const auto& key = members[i].name;
        if (key.GetStringLength() != wanted.size() ||
            std::memcmp(key.GetString(), wanted.data(), wanted.size()) != 0)
            continue;
        if (m_in_order && i == m_next)
            ++m_next;
        const auto& value = members[i].value;
        return value.IsNull() ? nullptr : &value;
    }
    return nullptr;
}

const rapidjson::Value* JsonFields::array(const char* name) const
{
    const auto* v = get(name);
    if (v && !v->IsArray())
        fail(name, "an array");
    return v;
}

const rapidjson::Value* JsonFields::object(const char* name) const
{
    const auto* v = get(name);
    if (v && !v->IsObject())
        fail(name, "an object");
    return v;
}

void JsonFields::fail(const char* name, const char* expected) const
{
    throw core::Error(core::ExitCode::bad_input, fmt::format("field '{}' should be {}", name, expected),
                      where(), "the file is damaged: restore it or delete the run directory");
}

std::string_view JsonFields::text(const char* name) const
{
    auto v = get(name);
    if (!v)
        return {};
    if (!v->IsString())
        fail(name, "a string");
    return {v->GetString(), v->GetStringLength()};
}

std::string JsonFields::str(const char* name) const
{
    return std::string(text(name));
}

std::vector<std::string> JsonFields::strings(const char* name) const
{
    std::vector<std::string> out;
    if (auto v = get(name)) {
        if (!v->IsArray())
            fail(name, "an array of strings");
        out.reserve(v->Size());
        for (const auto& e : v->GetArray()) {
            if (!e.IsString())
                fail(name, "an array of strings");
            out.emplace_back(e.GetString(), e.GetStringLength());
        }
    }
    return out;
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
    auto s = text(name);
    if (s.empty())
        return std::nullopt;
    auto t = core::parse_iso8601(s);
    if (!t)
        fail(name, "an ISO-8601 time");
    return t;
}

}  // namespace frr::model
