#include "sim_context.hpp"

#include <cmath>

namespace frr::sim {

SimContext::SimContext(const Store& store, SimClock& clock, std::uint64_t seed, double rate_limit_scale)
    : m_store(store),
      m_clock(clock),
      m_credentials(seed),
      m_faults(seed),
      m_rate_limit_scale(rate_limit_scale > 0 ? rate_limit_scale : 1.0)
{
}

std::chrono::nanoseconds SimContext::scaled(std::chrono::nanoseconds span) const
{
    return std::chrono::nanoseconds(
        static_cast<std::int64_t>(std::llround(static_cast<double>(span.count()) * m_rate_limit_scale)));
}

std::optional<Fault> SimContext::take_fault(Platform p, std::string_view path, std::string_view request)
{
    counters(p).requests.fetch_add(1, std::memory_order_relaxed);
    auto f = m_faults.take(p, path, request, m_clock.now(), m_credentials);
    if (f)
        counters(p).faults.fetch_add(1, std::memory_order_relaxed);
    if (f && f->kind == FaultKind::rate_limit)
        counters(p).throttled.fetch_add(1, std::memory_order_relaxed);
    return f;
}

void SimContext::count_operation(std::string_view operation)
{
    std::lock_guard lock(m_operations_mutex);
    ++m_operations[std::string(operation)];
}

std::map<std::string, std::uint64_t> SimContext::operations() const
{
    std::lock_guard lock(m_operations_mutex);
    return m_operations;
}

void SimContext::count_throttled(Platform p)
{
    counters(p).throttled.fetch_add(1, std::memory_order_relaxed);
    counters(p).limited.fetch_add(1, std::memory_order_relaxed);
}

PlatformStats SimContext::stats(Platform p) const
{
    const Counters& c = counters(p);
    return {c.requests.load(), c.throttled.load(), c.limited.load(), c.faults.load()};
}

void SimContext::add_woocommerce_key(std::string consumer_key, std::string consumer_secret)
{
    m_woocommerce_keys[std::move(consumer_key)] = std::move(consumer_secret);
}

std::optional<std::string> SimContext::woocommerce_secret(std::string_view consumer_key) const
{
    auto it = m_woocommerce_keys.find(consumer_key);
    if (it == m_woocommerce_keys.end())
        return std::nullopt;
    return it->second;
}

std::string SimContext::base_url() const
{
    std::lock_guard lock(m_url_mutex);
    return m_base_url;
}

void SimContext::set_base_url(std::string url)
{
    std::lock_guard lock(m_url_mutex);
    m_base_url = std::move(url);
}

}  // namespace frr::sim
