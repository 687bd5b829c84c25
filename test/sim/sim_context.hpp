#pragma once
// What every route module gets: the immutable store, the sim clock, credentials, the fault
// injector, rate-limit scaling and request statistics. One SimContext per running simulator;
// it outlives the httplib::Server. All members are safe to use from httplib's worker threads.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "credentials.hpp"
#include "faults.hpp"
#include "sim_clock.hpp"
#include "store.hpp"

namespace frr::sim {

// Request counters of one platform.
struct PlatformStats {
    std::uint64_t requests = 0;   // every request routed to the platform (control routes excluded)
    std::uint64_t throttled = 0;  // answered THROTTLED / 429 by a rate limiter or a fault
    std::uint64_t limited = 0;    // of those, by the platform's own rate limiter (not a fault)
    std::uint64_t faults = 0;     // answered by an injected fault
};

// Answer-key rule parameters (docs/sync-semantics.md "Defaults that both sides share").
struct AnswerKeyConfig {
    std::chrono::seconds window{24 * 3600};
    std::chrono::seconds grace{3600};
    std::chrono::seconds stall_after{2 * 3600};
    std::uint32_t stall_min_orders = 3;
    std::uint32_t volume_lookback_days = 28;
    double audience_drop_ratio = 0.5;
    std::uint32_t audience_min_count = 10;
    std::uint32_t flow_baseline_days = 14;  // days before the window that show a flow's send rate
    std::uint32_t flow_min_triggers = 10;   // a silent flow needs at least this many triggers
};

class SimContext {
public:
    // `rate_limit_scale` multiplies every rate-limit *time span*: Klaviyo's 1 s and 60 s windows
    // last scale*1 s and scale*60 s (of limiter_now()), and Shopify's bucket restores
    // restore_rate/scale points per second. Counts (bucket size, requests per window) and the
    // numbers reported in headers/bodies (restoreRate, RateLimit-Limit) are unscaled; Retry-After
    // and RateLimit-Reset report the scaled wait rounded up to whole seconds (minimum 1).
    SimContext(const Store& store, SimClock& clock, std::uint64_t seed, double rate_limit_scale = 1.0);

    const Store& store() const { return m_store; }
    SimClock& clock() { return m_clock; }
    Time now() const { return m_clock.now(); }
    CredentialRegistry& credentials() { return m_credentials; }
    FaultInjector& faults() { return m_faults; }
    double rate_limit_scale() const { return m_rate_limit_scale; }
    // Scales a rate-limit duration (see the constructor).
    std::chrono::nanoseconds scaled(std::chrono::nanoseconds span) const;

    // Counts the request and returns the fault to apply, if any (counted in stats.faults).
    // `request`: what a fault's `contains` is matched against (faults.hpp fault_request_text).
    std::optional<Fault> take_fault(Platform p, std::string_view path, std::string_view request = {});
    // Counts a Klaviyo request by its OpenAPI operation ("query_flow_series"), faults included:
    // /_sim/stats `klaviyo.operations`, so a test can count the requests a client made of one.
    void count_operation(std::string_view operation);
    std::map<std::string, std::uint64_t> operations() const;
    void count_throttled(Platform p);
    PlatformStats stats(Platform p) const;

    // WooCommerce REST API keys (consumer key -> secret); read-only after setup.
    void add_woocommerce_key(std::string consumer_key, std::string consumer_secret);
    // The secret of a consumer key; nullopt when the key is unknown.
    std::optional<std::string> woocommerce_secret(std::string_view consumer_key) const;

    AnswerKeyConfig answer_key_config() const { return m_answer_key; }
    void set_answer_key_config(const AnswerKeyConfig& c) { m_answer_key = c; }

    // "http://127.0.0.1:PORT", set once the server is bound (absolute links, bulk download URLs).
    std::string base_url() const;
    void set_base_url(std::string url);

private:
    struct Counters {
        std::atomic<std::uint64_t> requests{0};
        std::atomic<std::uint64_t> throttled{0};
        std::atomic<std::uint64_t> limited{0};
        std::atomic<std::uint64_t> faults{0};
    };
    Counters& counters(Platform p)
    {
        return p == Platform::shopify ? m_shopify : p == Platform::klaviyo ? m_klaviyo : m_woocommerce;
    }
    const Counters& counters(Platform p) const
    {
        return p == Platform::shopify ? m_shopify : p == Platform::klaviyo ? m_klaviyo : m_woocommerce;
    }

    const Store& m_store;
    SimClock& m_clock;
    CredentialRegistry m_credentials;
    FaultInjector m_faults;
    double m_rate_limit_scale;
    AnswerKeyConfig m_answer_key;
    Counters m_shopify;
    Counters m_klaviyo;
    Counters m_woocommerce;
    std::map<std::string, std::string, std::less<>> m_woocommerce_keys;
    mutable std::mutex m_url_mutex;
    std::string m_base_url;
    mutable std::mutex m_operations_mutex;
    std::map<std::string, std::uint64_t> m_operations;
};

// Default credentials every scenario starts with (examples/sim.env mirrors these).
namespace defaults {
inline constexpr std::string_view k_shopify_token = "shpat_frrsim00000000000000000000000000";
inline constexpr std::string_view k_shopify_client_id = "frr-sim-shopify-client";
inline constexpr std::string_view k_shopify_client_secret = "frr-sim-shopify-secret";
inline constexpr std::string_view k_shopify_refresh_token = "shprt_frrsim_initial_refresh";
inline constexpr std::string_view k_klaviyo_api_key = "pk_frrsim0000000000000000000000000000";
inline constexpr std::string_view k_klaviyo_client_id = "frr-sim-klaviyo-client";
inline constexpr std::string_view k_klaviyo_client_secret = "frr-sim-klaviyo-secret";
inline constexpr std::string_view k_klaviyo_refresh_token = "frrsim-klaviyo-initial-refresh";
// WooCommerce > Settings > Advanced > REST API key (Read), as WooCommerce forms them.
inline constexpr std::string_view k_woocommerce_consumer_key = "ck_frrsim0000000000000000000000000000000000";
inline constexpr std::string_view k_woocommerce_consumer_secret =
    "cs_frrsim0000000000000000000000000000000000";
}  // namespace defaults

}  // namespace frr::sim
