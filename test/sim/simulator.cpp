#include "simulator.hpp"

#include <stdexcept>

#include "generator.hpp"
#include "routes.hpp"

namespace frr::sim {

namespace {

std::vector<std::string> or_default(const std::vector<std::string>& v, std::vector<std::string> fallback)
{
    return v.empty() ? fallback : v;
}

}  // namespace

Simulator::Simulator(const Scenario& sc, Time now, bool fixed_clock)
    : m_store(generate_store(sc, now)),
      m_clock(fixed_clock ? SimClock(now) : SimClock())
{
    if (!fixed_clock)
        m_clock.set(now);
    m_context = std::make_unique<SimContext>(m_store, m_clock, sc.seed, sc.rate_limit_scale);
    m_context->set_answer_key_config(sc.answer_key);
    setup_credentials(sc);
    setup_faults(sc, now);
    // The store is served as one platform: a WooCommerce world has no Shopify API (404).
    if (sc.source == SourcePlatform::woocommerce)
        register_woocommerce_routes(m_server, *m_context);
    else
        register_shopify_routes(m_server, *m_context);
    register_klaviyo_routes(m_server, *m_context);
    register_control_routes(m_server, *m_context);
}

Simulator::~Simulator()
{
    stop();
}

void Simulator::setup_credentials(const Scenario& sc)
{
    CredentialRegistry& reg = m_context->credentials();
    const Time now = m_clock.now();
    auto shopify_scopes = or_default(sc.shopify.auth.scopes,
                                     {"read_orders", "read_all_orders", "read_customers", "read_products"});
    reg.add_static(Platform::shopify, std::string(defaults::k_shopify_token), shopify_scopes, "shop");
    OAuthClient shopify;
    shopify.platform = Platform::shopify;
    shopify.client_id = defaults::k_shopify_client_id;
    shopify.client_secret = defaults::k_shopify_client_secret;
    shopify.scopes = shopify_scopes;
    shopify.access_lifetime = sc.shopify.auth.token_lifetime;
    shopify.rotate_refresh = sc.shopify.auth.rotate_refresh;
    shopify.invalidate_old_refresh = sc.shopify.auth.invalidate_old_refresh;
    reg.add_client(shopify);
    reg.add_refresh_token(Platform::shopify, shopify.client_id,
                          std::string(defaults::k_shopify_refresh_token), now + shopify.refresh_lifetime);

    auto klaviyo_scopes = or_default(sc.klaviyo.scopes,
                                     {"accounts:read", "events:read", "flows:read", "lists:read",
                                      "metrics:read", "profiles:read", "segments:read"});
    m_context->add_woocommerce_key(std::string(defaults::k_woocommerce_consumer_key),
                                   std::string(defaults::k_woocommerce_consumer_secret));

    reg.add_static(Platform::klaviyo, std::string(defaults::k_klaviyo_api_key), klaviyo_scopes, "account");
    OAuthClient klaviyo;
    klaviyo.platform = Platform::klaviyo;
    klaviyo.client_id = defaults::k_klaviyo_client_id;
    klaviyo.client_secret = defaults::k_klaviyo_client_secret;
    klaviyo.scopes = klaviyo_scopes;
    klaviyo.access_lifetime = sc.klaviyo.token_lifetime;
    klaviyo.rotate_refresh = sc.klaviyo.rotate_refresh;
    klaviyo.invalidate_old_refresh = sc.klaviyo.invalidate_old_refresh;
    reg.add_client(klaviyo);
    reg.add_refresh_token(Platform::klaviyo, klaviyo.client_id,
                          std::string(defaults::k_klaviyo_refresh_token), now + klaviyo.refresh_lifetime);
}

void Simulator::setup_faults(const Scenario& sc, Time now)
{
    for (const ScenarioFault& f : sc.faults) {
        FaultSpec spec = f.spec;
        if (f.from)
            spec.from = f.from->resolve(now);
        if (f.until)
            spec.until = f.until->resolve(now);
        m_context->faults().add(spec);
    }
}

int Simulator::start(const std::string& host, int port)
{
    // The real platforms take as many connections as a client opens. httplib's default pool
    // (8 workers) lets idle kept-alive connections hold every worker for their 5 s keep-alive,
    // so a client with more requests in flight would wait for nothing and time out.
    m_server.new_task_queue = [] { return new httplib::ThreadPool(64); };
    int bound = port == 0 ? m_server.bind_to_any_port(host) : (m_server.bind_to_port(host, port) ? port : -1);
    if (bound <= 0)
        throw std::runtime_error("cannot bind " + host + ":" + std::to_string(port));
    m_context->set_base_url("http://" + host + ":" + std::to_string(bound));
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
    // listen_after_bind() accepts connections the kernel already queues on the bound socket,
    // so clients may connect at once; is_running() flips shortly after.
    while (!m_server.is_running())
        std::this_thread::yield();
    return bound;
}

void Simulator::stop()
{
    m_server.stop();
    if (m_thread.joinable())
        m_thread.join();
}

}  // namespace frr::sim
