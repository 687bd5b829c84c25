#pragma once
// The connectors frr knows, by kind: the one place that lists the platforms. The
// configuration loader parses a `source:` or `destination:` section with the parser
// registered for its kind (docs/architecture.md, "Connectors").
#include "core/config.hpp"

#include <filesystem>
#include <string>

namespace frr::connectors {

// Every built-in connector's config parser, by role and kind.
const core::ConnectorCatalog& catalog();

// core::load_config / parse_config with the built-in catalog.
core::Config load_config(const std::filesystem::path& path);
core::Config parse_config(const std::string& yaml_text, const std::filesystem::path& source);

}  // namespace frr::connectors
