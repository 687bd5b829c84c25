#pragma once
// Typed, located access to a YAML mapping for the config loader: unknown keys
// become errors with file:line:col and a "did you mean" suggestion, wrong
// types and missing values name the key.
#include "core/secret_ref.hpp"

#include <chrono>

#include <initializer_list>
#include <string>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace frr::core {

class YamlReader {
public:
    YamlReader(YAML::Node node, std::string path, std::filesystem::path file);

    // Throws for any key of the mapping not in `known`.
    void allow_only(std::initializer_list<const char*> known) const;
    void allow_only(const std::vector<std::string>& known) const;
    bool has(const char* key) const;
    YamlReader child(const char* key) const;  // missing -> empty mapping reader
    std::string str(const char* key, const std::string& fallback) const;
    std::string required_str(const char* key) const;
    int integer(const char* key, int fallback, int min, int max) const;
    double real(const char* key, double fallback, double min, double max) const;
    bool boolean(const char* key, bool fallback) const;  // true/false (YAML's yes/no too)
    std::chrono::seconds duration(const char* key, std::chrono::seconds fallback) const;
    std::vector<std::string> strings(const char* key) const;
    std::vector<std::string> keys() const;
    // A secret named `name`: `<name>_env` or `<name>_file`; a literal `<name>`
    // is refused with how to move it.
    SecretRef secret(const char* name, const char* suggested_env) const;

    // Throws for any key not in `known` nor one of the secrets' keys (`<name>_env`, `<name>_file`,
    // and `<name>` itself, so a literal secret is refused by secret() with how to move it).
    void allow_only(std::initializer_list<const char*> known,
                    std::initializer_list<const char*> secrets) const;

    [[noreturn]] void fail_at(const YAML::Node& node, const std::string& key, const std::string& what,
                              const std::string& remedy = {}) const;
    std::string key_path(const std::string& key) const;

private:
    YAML::Node m_node;
    std::string m_path;  // "source.auth"
    std::filesystem::path m_file;
};

// Edit distance, for suggestions.
std::size_t edit_distance(const std::string& a, const std::string& b);

}  // namespace frr::core
