#include "connectors/shopify/auth.hpp"
#include "connectors/shopify/doctor.hpp"
#include "connectors/shopify/shopify_source.hpp"

namespace frr::connectors::shopify {

namespace {

class ShopifyConnector final : public connectors::Source {
public:
    ShopifyConnector(const Settings& settings, const connectors::ConnectorServices& services)
        : m_tokens(make_tokens(settings, services.state, services.requests)),
          m_client({settings.effective_base_url(), settings.api_version}, *m_tokens, services.requests,
                   services.clock),
          m_source(m_client, services.requests, services.hasher, settings, services.progress),
          m_api_version(settings.api_version)
    {
    }
    SourceFetch fetch(const SourceWindow& window, const EmailHandoff& emails) override
    {
        return m_source.fetch(window, emails);
    }
    std::vector<ProbeResult> probe(const core::Config& config, bool& reachable) override
    {
        std::vector<ProbeResult> out;
        ShopFacts shop;
        out.push_back(
            guarded_probe("Shopify: credentials and scopes", [&] { return probe_access(m_client, shop); }));
        reachable = out.back().passed;
        if (reachable) {
            out.push_back(guarded_probe("Shopify: API version",
                                        [&] { return probe_version(m_client, m_api_version); }));
            out.push_back(check_timezone(config.store.timezone, shop));
        }
        return out;
    }
    std::map<std::string, std::string> order_names(const std::vector<std::string>& ids) override
    {
        return shopify::order_names(m_client, ids);
    }
    std::vector<std::pair<std::string, std::string>> orders_created(core::TimePoint from, core::TimePoint to,
                                                                    int limit) override
    {
        return shopify::orders_created(m_client, from, to, limit);
    }

private:
    std::unique_ptr<net::TokenProvider> m_tokens;
    GraphqlClient m_client;
    ShopifySource m_source;
    std::string m_api_version;
};

}  // namespace

std::unique_ptr<connectors::Source> make_source(const core::ConnectorConfig& config,
                                                const connectors::ConnectorServices& services)
{
    return std::make_unique<ShopifyConnector>(core::settings_as<Settings>(config), services);
}

}  // namespace frr::connectors::shopify
