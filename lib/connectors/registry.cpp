#include "connectors/registry.hpp"

#include "connectors/klaviyo/settings.hpp"
#include "connectors/shopify/settings.hpp"

namespace frr::connectors {

const core::ConnectorCatalog& catalog()
{
    static const core::ConnectorCatalog built_in = [] {
        core::ConnectorCatalog c;
        c.add(core::Role::source, shopify::Settings::k_kind, shopify::parse_settings);
        c.add(core::Role::destination, klaviyo::Settings::k_kind, klaviyo::parse_settings);
        return c;
    }();
    return built_in;
}

core::Config load_config(const std::filesystem::path& path)
{
    return core::load_config(path, catalog());
}

core::Config parse_config(const std::string& yaml_text, const std::filesystem::path& source)
{
    return core::parse_config(yaml_text, source, catalog());
}

}  // namespace frr::connectors
