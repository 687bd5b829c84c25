#include "connectors/woocommerce/woocommerce_source.hpp"

namespace frr::connectors::woocommerce {

namespace {

class WooCommerceConnector final : public connectors::Source {
public:
    // The consumer key and secret are resolved here: an unset one throws core::Error(config).
    WooCommerceConnector(const Settings& settings, const connectors::ConnectorServices& services)
        : m_client(settings.effective_base_url(),
                   basic_authorization(settings.consumer_key.resolve(), settings.consumer_secret.resolve()),
                   services.requests, settings.requests_per_second),
          m_source(m_client, services.hasher, settings, services.progress)
    {
    }
    SourceFetch fetch(const SourceWindow& window, const EmailHandoff& emails) override
    {
        return m_source.fetch(window, emails);
    }

private:
    RestClient m_client;
    WooCommerceSource m_source;
};

}  // namespace

std::unique_ptr<connectors::Source> make_source(const core::ConnectorConfig& config,
                                                const connectors::ConnectorServices& services)
{
    return std::make_unique<WooCommerceConnector>(core::settings_as<Settings>(config), services);
}

}  // namespace frr::connectors::woocommerce
