#include "connectors/registry.hpp"

#include "connectors/klaviyo/klaviyo_source.hpp"
#include "connectors/klaviyo/settings.hpp"
#include "connectors/klaviyo/vocabulary.hpp"
#include "connectors/shopify/settings.hpp"
#include "connectors/shopify/shopify_source.hpp"
#include "connectors/woocommerce/settings.hpp"
#include "connectors/woocommerce/woocommerce_source.hpp"

#include <fmt/format.h>

namespace frr::connectors {

namespace {

using SourceFactory = std::unique_ptr<Source> (*)(const core::ConnectorConfig&, const ConnectorServices&);
using DestinationFactory = std::unique_ptr<Destination> (*)(const core::ConnectorConfig&,
                                                            const SourcePlatform&, const ConnectorServices&);

using Words = model::Vocabulary (*)(const std::string& source_kind, const std::string& source_name);

struct SourceKind {
    const char* kind;
    const char* name;  // as people read it
    core::ConnectorParser parse;
    SourceFactory make;
};

struct DestinationKind {
    const char* kind;
    core::ConnectorParser parse;
    DestinationFactory make;
    Words words;  // the pair's vocabulary with a source, which the destination's integration names
};

// A new platform is one line here and its own folder.
const SourceKind k_sources[] = {
    {shopify::Settings::k_kind, "Shopify", shopify::parse_settings, shopify::make_source},
    {woocommerce::Settings::k_kind, "WooCommerce", woocommerce::parse_settings, woocommerce::make_source},
};
const DestinationKind k_destinations[] = {
    {klaviyo::Settings::k_kind, klaviyo::parse_settings, klaviyo::make_destination, klaviyo::vocabulary},
};

template <typename Kinds>
auto find_kind(const Kinds& kinds, const core::ConnectorConfig& config) -> decltype(&kinds[0])
{
    for (const auto& k : kinds)
        if (config.kind == k.kind)
            return &k;
    // The loader accepted the kind, so only a hand-built Config gets here.
    throw core::Error(core::ExitCode::config, fmt::format("no connector of kind '{}'", config.kind),
                      "configuration");
}

}  // namespace

const core::ConnectorCatalog& catalog()
{
    static const core::ConnectorCatalog built_in = [] {
        core::ConnectorCatalog c;
        for (const auto& k : k_sources)
            c.add(core::Role::source, k.kind, k.parse);
        for (const auto& k : k_destinations)
            c.add(core::Role::destination, k.kind, k.parse);
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

std::unique_ptr<Source> make_source(const core::ConnectorConfig& config, const ConnectorServices& services)
{
    return find_kind(k_sources, config)->make(config, services);
}

std::unique_ptr<Destination> make_destination(const core::ConnectorConfig& config,
                                              const core::ConnectorConfig& source,
                                              const ConnectorServices& services)
{
    return find_kind(k_destinations, config)->make(config, source_platform(source), services);
}

SourcePlatform source_platform(const core::ConnectorConfig& source)
{
    const auto* s = find_kind(k_sources, source);
    return {s->kind, s->name};
}

model::Vocabulary vocabulary(const core::ConnectorConfig& source, const core::ConnectorConfig& destination)
{
    const auto* s = find_kind(k_sources, source);
    return find_kind(k_destinations, destination)->words(s->kind, s->name);
}

}  // namespace frr::connectors
