#include "connectors/woocommerce/doctor.hpp"
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
    std::vector<ProbeResult> probe(const core::Config& config, bool& reachable) override
    {
        std::vector<ProbeResult> out;
        out.push_back(guarded_probe("WooCommerce: consumer key and read access",
                                    [&] { return probe_access(m_client); }));
        reachable = out.back().passed;
        if (reachable)
            out.push_back(guarded_probe("Store time zone",
                                        [&] { return probe_timezone(m_client, config.store.timezone); }));
        return out;
    }
    std::map<std::string, std::string> order_names(const std::vector<std::string>& ids) override
    {
        return woocommerce::order_names(m_client, ids);
    }
    std::vector<std::pair<std::string, std::string>> orders_created(core::TimePoint from, core::TimePoint to,
                                                                    int limit) override
    {
        return woocommerce::orders_created(m_client, from, to, limit);
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
