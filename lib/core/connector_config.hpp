#pragma once
// A connector's section of the configuration: `source: {kind: ..., ...}` or
// `destination: {kind: ..., ...}`. core knows only the shape every connector shares;
// each platform's keys, defaults, validation and auth style are parsed by code in its
// own connectors/<kind>/ folder, found through a ConnectorCatalog by the section's kind.
#include "core/secret_ref.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace frr::core {

class YamlReader;

enum class Role { source, destination };
const char* to_string(Role role);  // "source" / "destination": the config section's name

// One connector's validated settings. The concrete type lives in the connector's folder;
// the pipeline and the CLI see only this.
class ConnectorSettings {
public:
    virtual ~ConnectorSettings() = default;
    // The platform's API root after environment overrides, without a trailing '/'; the
    // loader refuses plain http:// to a non-loopback host.
    virtual std::string effective_base_url() const = 0;
    // The account read or written (a shop's domain), or "" when the platform has none:
    // tells stores apart in deliveries.
    virtual std::string account() const { return {}; }
    // Every secret this connector names, for the Redactor and `validate --check-secrets`.
    virtual std::vector<const SecretRef*> secrets() const = 0;
    // One line for `frr validate`: where it connects and how it authenticates (secrets
    // named by where they come from, never their values).
    virtual std::string describe() const = 0;
};

struct ConnectorConfig {
    std::string kind;  // the registry key that chose the parser (the platform's name)
    std::shared_ptr<const ConnectorSettings> settings;
};

// The connector's settings as its own type S (which names its kind as S::k_kind); throws
// Error(config) when the configured kind is another.
void require_kind(const ConnectorConfig& connector, bool matches, const char* expected);
template <class S> const S& settings_as(const ConnectorConfig& connector)
{
    const auto* s = dynamic_cast<const S*>(connector.settings.get());
    require_kind(connector, s != nullptr, S::k_kind);
    return *s;
}

// Parses a connector's section (the reader is the section, `kind` already checked);
// throws Error(config) at file:line like the rest of the loader.
using ConnectorParser = std::function<std::shared_ptr<const ConnectorSettings>(const YamlReader&)>;

// The kinds the loader accepts for each role. Built by connectors/registry; core never
// names a platform.
class ConnectorCatalog {
public:
    void add(Role role, std::string kind, ConnectorParser parse);
    const ConnectorParser* find(Role role, const std::string& kind) const;
    std::vector<std::string> kinds(Role role) const;  // in registration order

private:
    struct Entry {
        Role role;
        std::string kind;
        ConnectorParser parse;
    };
    std::vector<Entry> m_entries;
};

}  // namespace frr::core
