#include "connectors/klaviyo/auth.hpp"
#include "connectors/klaviyo/klaviyo_source.hpp"

namespace frr::connectors::klaviyo {

namespace {

class KlaviyoConnector final : public connectors::Destination {
public:
    KlaviyoConnector(const Settings& settings, const connectors::ConnectorServices& services)
        : m_tokens(make_tokens(settings, services.state, services.requests)),
          m_client(settings.effective_base_url(), settings.revision, settings.auth, *m_tokens,
                   services.requests, services.clock),
          m_source(m_client, services.hasher, settings, services.progress)
    {
    }
    DestinationFetch fetch(const DestinationWindow& window, const EmailSource& emails) override
    {
        return m_source.fetch(window, emails);
    }

private:
    std::unique_ptr<net::TokenProvider> m_tokens;
    JsonApiClient m_client;
    KlaviyoSource m_source;
};

}  // namespace

std::unique_ptr<connectors::Destination> make_destination(const core::ConnectorConfig& config,
                                                          const connectors::ConnectorServices& services)
{
    return std::make_unique<KlaviyoConnector>(core::settings_as<Settings>(config), services);
}

}  // namespace frr::connectors::klaviyo
