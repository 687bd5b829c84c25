#include "connectors/shopify/auth.hpp"
#include "connectors/shopify/shopify_source.hpp"

namespace frr::connectors::shopify {

namespace {

class ShopifyConnector final : public connectors::Source {
public:
    ShopifyConnector(const Settings& settings, const connectors::ConnectorServices& services)
        : m_tokens(make_tokens(settings, services.state, services.requests)),
          m_client({settings.effective_base_url(), settings.api_version}, *m_tokens, services.requests,
                   services.clock),
          m_source(m_client, services.requests, services.hasher, settings, services.progress)
    {
    }
    SourceFetch fetch(const SourceWindow& window, const EmailHandoff& emails) override
    {
        return m_source.fetch(window, emails);
    }

private:
    std::unique_ptr<net::TokenProvider> m_tokens;
    GraphqlClient m_client;
    ShopifySource m_source;
};

}  // namespace

std::unique_ptr<connectors::Source> make_source(const core::ConnectorConfig& config,
                                                const connectors::ConnectorServices& services)
{
    return std::make_unique<ShopifyConnector>(core::settings_as<Settings>(config), services);
}

}  // namespace frr::connectors::shopify
