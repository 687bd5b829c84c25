#include "scenario_yaml.hpp"

#include <algorithm>
#include <numeric>

namespace frr::sim::yaml {

namespace {
std::size_t edit_distance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0U : 1U)});
            diag = up;
        }
    }
    return row[b.size()];
}
}  // namespace

void Reader::fail(const YAML::Node& at, const std::string& message) const
{
    const YAML::Mark m = at.Mark();
    std::string where = m_file;
    if (!m.is_null())
        where += ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
    throw ScenarioError(where + ": " + message);
}

void Reader::check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                        std::string_view where) const
{
    if (!map.IsMap())
        fail(map, "'" + std::string(where) + "' must be a mapping");
    for (const auto& kv : map) {
        const std::string key = kv.first.as<std::string>();
        if (std::find(allowed.begin(), allowed.end(), key) != allowed.end())
            continue;
        std::string_view best;
        std::size_t best_distance = 4;
        for (std::string_view a : allowed) {
            std::size_t d = edit_distance(key, a);
            if (d < best_distance) {
                best_distance = d;
                best = a;
            }
        }
        std::string msg = "unknown key '" + key + "' in " + std::string(where);
        if (!best.empty())
            msg += " (did you mean '" + std::string(best) + "'?)";
        fail(kv.first, msg);
    }
}

std::string Reader::text(const YAML::Node& n) const
{
    if (!n.IsScalar())
        fail(n, "expected a text value");
    return n.Scalar();
}

double Reader::number(const YAML::Node& n) const
{
    try {
        if (n.IsScalar())
            return n.as<double>();
    } catch (const YAML::Exception&) {
    }
    fail(n, "expected a number, got '" + (n.IsScalar() ? n.Scalar() : std::string("a collection")) + "'");
}

double Reader::share(const YAML::Node& n) const
{
    double v = number(n);
    if (v < 0.0 || v > 1.0)
        fail(n, "expected a share between 0 and 1, got " + n.Scalar());
    return v;
}

std::int64_t Reader::integer(const YAML::Node& n) const
{
    try {
        if (n.IsScalar())
            return n.as<std::int64_t>();
    } catch (const YAML::Exception&) {
    }
    fail(n, "expected an integer, got '" + (n.IsScalar() ? n.Scalar() : std::string("a collection")) + "'");
}

std::uint32_t Reader::count(const YAML::Node& n) const
{
    std::int64_t v = integer(n);
    if (v < 0 || v > 100'000'000)
        fail(n, "expected a count between 0 and 100000000");
    return static_cast<std::uint32_t>(v);
}

bool Reader::boolean(const YAML::Node& n) const
{
    try {
        if (n.IsScalar())
            return n.as<bool>();
    } catch (const YAML::Exception&) {
    }
    fail(n, "expected true or false");
}

std::chrono::seconds Reader::duration(const YAML::Node& n) const
{
    auto d = parse_duration(text(n));
    if (!d)
        fail(n, "expected a duration like 90s, 30m, 6h or 2d, got '" + n.Scalar() + "'");
    return *d;
}

TimeSpec Reader::time_spec(const YAML::Node& n) const
{
    auto t = parse_time_spec(text(n));
    if (!t)
        fail(n,
             "expected a time: ISO-8601 with a zone or relative to now like -6h or +30m, got '" + n.Scalar() +
                 "'");
    return *t;
}

Time Reader::absolute_time(const YAML::Node& n) const
{
    auto t = parse_iso(text(n));
    if (!t)
        fail(n, "expected an ISO-8601 time with a zone, e.g. 2026-10-26T06:00:00Z");
    return *t;
}

std::vector<std::string> Reader::strings(const YAML::Node& n) const
{
    if (!n.IsSequence())
        fail(n, "expected a list");
    std::vector<std::string> out;
    for (const auto& item : n)
        out.push_back(text(item));
    return out;
}

}  // namespace frr::sim::yaml
