#pragma once
// Shared helpers of SIM-CORE's tests: scenario paths, generation, answer-key tallies.
#include <filesystem>
#include <map>
#include <string>

#include "answer_key.hpp"
#include "generator.hpp"
#include "scenario.hpp"

namespace frr::sim::test {

inline std::filesystem::path scenario_path(const std::string& name)
{
    return std::filesystem::path(FRR_SOURCE_DIR) / "examples" / "scenarios" / (name + ".yaml");
}

inline Scenario load_example(const std::string& name)
{
    return load_scenario(scenario_path(name));
}

inline Store generate_example(const Scenario& sc)
{
    return generate_store(sc, *sc.now);
}

inline std::map<std::string, int> tally(const std::vector<Defect>& defects)
{
    std::map<std::string, int> out;
    for (const Defect& d : defects)
        ++out[d.kind];
    return out;
}

}  // namespace frr::sim::test
