#include "core/yaml_reader.hpp"

#include "core/duration.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace frr::core {

std::size_t edit_distance(const std::string& a, const std::string& b)
{
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

YamlReader::YamlReader(YAML::Node node, std::string path, std::filesystem::path file)
    : m_node(std::move(node)),
      m_path(std::move(path)),
      m_file(std::move(file))
{
    if (m_node && !m_node.IsNull() && !m_node.IsMap())
        fail_at(m_node, "", "should be a mapping of keys to values");
}

std::string YamlReader::key_path(const std::string& key) const
{
    if (m_path.empty())
        return key;
    return key.empty() ? m_path : m_path + "." + key;
}

void YamlReader::fail_at(const YAML::Node& node, const std::string& key, const std::string& what,
                         const std::string& remedy) const
{
    auto mark = node.Mark();
    if (mark.is_null() && m_node)
        mark = m_node.Mark();
    std::string where = m_file.string();
    if (!mark.is_null())
        where += fmt::format(":{}:{}", mark.line + 1, mark.column + 1);
    throw Error(ExitCode::config, fmt::format("'{}' {}", key_path(key), what), where, remedy);
}

void YamlReader::allow_only(std::initializer_list<const char*> known) const
{
    allow_only(std::vector<std::string>(known.begin(), known.end()));
}

void YamlReader::allow_only(const std::vector<std::string>& known) const
{
    if (!m_node || !m_node.IsMap())
        return;
    std::vector<std::string> seen;
    for (auto it = m_node.begin(); it != m_node.end(); ++it) {
        if (!it->first.IsScalar())
            fail_at(it->first, "", "has a key that is not a plain name (a list or mapping used as a key)",
                    "write keys as plain words, e.g. 'timezone: Europe/London'");
        auto key = it->first.as<std::string>();
        if (std::find(seen.begin(), seen.end(), key) != seen.end())
            fail_at(it->first, key, "appears twice", "keep one of them");
        seen.push_back(key);
        if (std::find(known.begin(), known.end(), key) != known.end())
            continue;
        std::string best;
        std::size_t best_d = 4;
        for (const auto& k : known) {
            auto d = edit_distance(key, k);
            if (d < best_d) {
                best_d = d;
                best = k;
            }
        }
        std::string valid;
        for (const auto& k : known)
            valid += std::string(valid.empty() ? "" : ", ") + k;
        fail_at(it->first, key, "is not a known key",
                best.empty() ? fmt::format("known keys here: {}", valid)
                             : fmt::format("did you mean '{}'?", best));
    }
}

void YamlReader::allow_only(std::initializer_list<const char*> known,
                            std::initializer_list<const char*> secrets) const
{
    std::vector<std::string> keys(known.begin(), known.end());
    for (const char* name : secrets)
        for (const char* suffix : {"_env", "_file", ""})
            keys.push_back(std::string(name) + suffix);
    allow_only(keys);
}

bool YamlReader::has(const char* key) const
{
    return m_node && m_node.IsMap() && m_node[key] && !m_node[key].IsNull();
}

YamlReader YamlReader::child(const char* key) const
{
    if (!has(key))
        return YamlReader(YAML::Node(YAML::NodeType::Map), key_path(key), m_file);
    return YamlReader(m_node[key], key_path(key), m_file);
}

std::vector<std::string> YamlReader::keys() const
{
    std::vector<std::string> out;
    if (m_node && m_node.IsMap())
        for (auto it = m_node.begin(); it != m_node.end(); ++it)
            if (it->first.IsScalar())
                out.push_back(it->first.as<std::string>());
    return out;
}

std::string YamlReader::str(const char* key, const std::string& fallback) const
{
    if (!has(key))
        return fallback;
    auto n = m_node[key];
    if (!n.IsScalar())
        fail_at(n, key, "should be a single value (text)");
    return n.as<std::string>();
}

std::string YamlReader::required_str(const char* key) const
{
    if (!has(key))
        fail_at(m_node, key, "is required but missing");
    auto v = str(key, "");
    if (v.empty())
        fail_at(m_node[key], key, "must not be empty");
    return v;
}

int YamlReader::integer(const char* key, int fallback, int min, int max) const
{
    if (!has(key))
        return fallback;
    auto n = m_node[key];
    int v = 0;
    if (!n.IsScalar() || !YAML::convert<int>::decode(n, v))
        fail_at(n, key, "should be a whole number");
    if (v < min || v > max)
        fail_at(n, key, fmt::format("should be between {} and {}", min, max));
    return v;
}

bool YamlReader::boolean(const char* key, bool fallback) const
{
    if (!has(key))
        return fallback;
    auto n = m_node[key];
    bool v = false;
    if (!n.IsScalar() || !YAML::convert<bool>::decode(n, v))
        fail_at(n, key, "should be true or false");
    return v;
}

double YamlReader::real(const char* key, double fallback, double min, double max) const
{
    if (!has(key))
        return fallback;
    auto n = m_node[key];
    double v = 0;
    if (!n.IsScalar() || !YAML::convert<double>::decode(n, v))
        fail_at(n, key, "should be a number");
    if (v < min || v > max)
        fail_at(n, key, fmt::format("should be between {} and {}", min, max));
    return v;
}

std::chrono::seconds YamlReader::duration(const char* key, std::chrono::seconds fallback) const
{
    if (!has(key))
        return fallback;
    auto n = m_node[key];
    if (!n.IsScalar())
        fail_at(n, key, "should be a duration like 90m, 24h or 7d");
    auto d = parse_duration(n.as<std::string>());
    if (!d)
        fail_at(n, key, fmt::format("'{}' is not a duration", n.as<std::string>()),
                "use a number with a unit: 90s, 90m, 24h, 7d, 2w");
    return *d;
}

std::vector<std::string> YamlReader::strings(const char* key) const
{
    std::vector<std::string> out;
    if (!has(key))
        return out;
    auto n = m_node[key];
    if (n.IsScalar())
        return {n.as<std::string>()};
    if (!n.IsSequence())
        fail_at(n, key, "should be a list of values");
    for (const auto& e : n) {
        if (!e.IsScalar())
            fail_at(e, key, "should be a list of plain values");
        out.push_back(e.as<std::string>());
    }
    return out;
}

SecretRef YamlReader::secret(const char* name, const char* suggested_env) const
{
    SecretRef ref;
    ref.key = key_path(name);
    if (has(name))
        fail_at(m_node[name], name, "holds a secret written in the config file, which frr refuses",
                fmt::format("move the value to an environment variable and write '{}_env: {}' "
                            "(or '{}_file: /path/to/file' with mode 0600)",
                            name, suggested_env, name));
    auto env_key = std::string(name) + "_env";
    auto file_key = std::string(name) + "_file";
    ref.env = str(env_key.c_str(), "");
    auto file = str(file_key.c_str(), "");
    if (!ref.env.empty() && !file.empty())
        fail_at(m_node[file_key], file_key, fmt::format("and '{}' are both set; keep one", env_key));
    ref.file = file;
    return ref;
}

}  // namespace frr::core
