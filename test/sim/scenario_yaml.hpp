#pragma once
// Typed reads from yaml-cpp nodes that fail with "FILE:LINE:COL: message" (ScenarioError).
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "scenario.hpp"

namespace frr::sim::yaml {

class Reader {
public:
    explicit Reader(std::string file) : m_file(std::move(file)) { }

    [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const;
    // Rejects keys not in `allowed`, naming the closest allowed key.
    void check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                    std::string_view where) const;

    std::string text(const YAML::Node& n) const;
    double number(const YAML::Node& n) const;
    double share(const YAML::Node& n) const;  // a number in [0, 1]
    std::int64_t integer(const YAML::Node& n) const;
    std::uint32_t count(const YAML::Node& n) const;
    bool boolean(const YAML::Node& n) const;
    std::chrono::seconds duration(const YAML::Node& n) const;
    TimeSpec time_spec(const YAML::Node& n) const;
    Time absolute_time(const YAML::Node& n) const;
    std::vector<std::string> strings(const YAML::Node& n) const;

private:
    std::string m_file;
};

}  // namespace frr::sim::yaml
