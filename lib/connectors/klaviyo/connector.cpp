#include "connectors/klaviyo/auth.hpp"
#include "connectors/klaviyo/doctor.hpp"
#include "connectors/klaviyo/klaviyo_source.hpp"

namespace frr::connectors::klaviyo {

namespace {

class KlaviyoConnector final : public connectors::Destination {
public:
    KlaviyoConnector(const Settings& settings, const connectors::SourcePlatform& source,
                     const connectors::ConnectorServices& services)
        : m_tokens(make_tokens(settings, services.state, services.requests)),
          m_client(settings.effective_base_url(), settings.revision, settings.auth, *m_tokens,
                   services.requests, services.clock),
          m_source(m_client, services.hasher, settings, integration_with(source), services.progress),
          m_revision(settings.revision),
          m_integration(integration_with(source))
    {
    }
    DestinationFetch fetch(const DestinationWindow& window, const EmailSource& emails) override
    {
        return m_source.fetch(window, emails);
    }
    std::vector<ProbeResult> probe(core::TimePoint as_of, bool& reachable) override
    {
        std::vector<ProbeResult> out;
        out.push_back(guarded_probe("Klaviyo: credentials and scopes", [&] {
            return probe_access(m_client, m_integration, m_placed_order_metric);
        }));
        reachable = out.back().passed;
        out.push_back(probe_revision(m_revision, as_of));
        return out;
    }
    std::vector<ProbeResult> probe_pair(connectors::Source& source, const model::Vocabulary& words,
                                        const std::string& timezone, core::TimePoint as_of) override
    {
        return klaviyo::probe_pair(m_client, m_placed_order_metric, source, words, timezone, as_of);
    }

private:
    std::unique_ptr<net::TokenProvider> m_tokens;
    JsonApiClient m_client;
    KlaviyoSource m_source;
    std::string m_revision;
    Integration m_integration;
    std::string m_placed_order_metric;  // found by probe()
};

}  // namespace

std::unique_ptr<connectors::Destination> make_destination(const core::ConnectorConfig& config,
                                                          const connectors::SourcePlatform& source,
                                                          const connectors::ConnectorServices& services)
{
    return std::make_unique<KlaviyoConnector>(core::settings_as<Settings>(config), source, services);
}

}  // namespace frr::connectors::klaviyo
