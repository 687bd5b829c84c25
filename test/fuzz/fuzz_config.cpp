// Fuzz target: the YAML config loader. Any input either parses or throws
// core::Error (exit 78 with file:line); anything else is a bug.
#include "connectors/registry.hpp"
#include "core/error.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string text(reinterpret_cast<const char*>(data), size);
    try {
        auto config = frr::connectors::parse_config(text, "fuzz.yaml");
        (void)frr::core::resolvable_secrets(config);
    } catch (const frr::core::Error&) {
    }
    return 0;
}
