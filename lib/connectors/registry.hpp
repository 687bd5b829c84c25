#pragma once
// The connectors frr knows, by kind: the one place that lists the platforms. The
// configuration loader parses a `source:` or `destination:` section with the parser
// registered for its kind, and the fetch builds the Source and Destination the
// configuration names (docs/architecture.md, "Connectors").
#include "connectors/connector.hpp"
#include "core/config.hpp"
#include "model/vocabulary.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace frr::connectors {

// Every built-in connector's config parser, by role and kind.
const core::ConnectorCatalog& catalog();

// core::load_config / parse_config with the built-in catalog.
core::Config load_config(const std::filesystem::path& path);
core::Config parse_config(const std::string& yaml_text, const std::filesystem::path& source);

// The connector of the configured kind. Resolves its secrets: throws core::Error(config) when
// one is not set. The services must outlive it.
std::unique_ptr<Source> make_source(const core::ConnectorConfig& config, const ConnectorServices& services);
// The destination is told which source feeds it (its integration with that source).
std::unique_ptr<Destination> make_destination(const core::ConnectorConfig& config,
                                              const core::ConnectorConfig& source,
                                              const ConnectorServices& services);
// The configured source's kind and name.
SourcePlatform source_platform(const core::ConnectorConfig& source);

// The configured pair's words (model::Vocabulary), for the checks' and the report's text.
model::Vocabulary vocabulary(const core::ConnectorConfig& source, const core::ConnectorConfig& destination);

}  // namespace frr::connectors
