// Benchmark of `frr check`'s evaluation: 1,000,000 orders with their Klaviyo
// events and 1,000,000 customers with their profiles, built in memory, then
// every indicator evaluated once. Prints the evaluation time and the process's
// peak resident memory (getrusage); exits 1 when a target is missed
// (evaluate < 5 s of CPU, peak < 1.5 GB). About 0.1% of records carry a defect so
// the affected lists are exercised too.
#include "checks/check_input.hpp"
#include "checks/evaluate.hpp"
#include "checks/health_score.hpp"
#include "connectors/klaviyo/vocabulary.hpp"
#include "core/time.hpp"
#include "model/snapshot.hpp"

#include <chrono>
#include <cstdio>
#include <fmt/format.h>
#include <sys/resource.h>

using namespace frr;

namespace {

constexpr std::size_t k_orders = 1'000'000;
constexpr std::size_t k_customers = 1'000'000;
constexpr double k_max_seconds = 5.0;
constexpr double k_max_mb = 1536.0;

// A 64-hex-digit stand-in for an email's HMAC, as the connectors store it.
std::string fake_hash(std::size_t i)
{
    return fmt::format("{:016x}{:016x}{:016x}{:016x}", i * 0x9E3779B97F4A7C15ULL, i, ~i, i ^ 0xABCDEFULL);
}

double cpu_seconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto secs = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return secs(usage.ru_utime) + secs(usage.ru_stime);
}

double peak_mb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

void add_orders(model::Snapshot& s, core::TimePoint as_of)
{
    auto& orders = s.source.orders;
    auto& events = s.destination.events;
    orders.reserve(k_orders);
    events.reserve(k_orders * 5 / 2 + 1000);
    const auto step = std::chrono::seconds(23 * 3600) / k_orders;
    for (std::size_t i = 0; i < k_orders; ++i) {
        model::Order o;
        o.id = std::to_string(4'000'000'000ULL + i);
        o.name = fmt::format("#{}", 100000 + i);
        o.created_at =
            as_of - std::chrono::hours(24) + std::chrono::duration_cast<std::chrono::seconds>(step * i);
        o.updated_at = o.created_at;
        o.source_name = "web";
        o.financial_status = "PAID";
        o.customer_id = std::to_string(7'000'000'000ULL + i);
        o.email_hash = fake_hash(i);
        o.email_masked = "a***@ex.com";
        o.revenue = {static_cast<std::int64_t>(1000 + i % 9000), "GBP"};
        o.total = o.revenue;
        o.item_quantity = 1 + static_cast<int>(i % 2);
        const bool missing = i % 1000 == 7;
        if (!missing) {
            model::Event placed;
            placed.id = fmt::format("P{}", i);
            placed.kind = model::EventKind::placed_order;
            placed.metric_id = "M1";
            placed.occurred_at = o.created_at;
            placed.order_id = o.id;
            placed.value = o.revenue;
            if (i % 1000 == 11)
                placed.value->minor += 500;
            events.push_back(placed);
            for (int u = 0; u < o.item_quantity; ++u) {
                model::Event product;
                product.id = fmt::format("Q{}-{}", i, u);
                product.kind = model::EventKind::ordered_product;
                product.metric_id = "M2";
                product.occurred_at = o.created_at;
                product.order_id = o.id;
                events.push_back(std::move(product));
            }
        }
        orders.push_back(std::move(o));
    }
}

void add_customers(model::Snapshot& s, core::TimePoint as_of)
{
    auto& customers = s.source.customers;
    auto& profiles = s.destination.profiles;
    customers.reserve(k_customers);
    profiles.reserve(k_customers);
    for (std::size_t i = 0; i < k_customers; ++i) {
        model::Customer c;
        c.id = std::to_string(7'000'000'000ULL + i);
        c.created_at = as_of - std::chrono::hours(24 * 400);
        c.updated_at = as_of - std::chrono::hours(2) - std::chrono::seconds(i % 70000);
        c.email_hash = fake_hash(i);
        c.email_masked = "a***@ex.com";
        c.consent = i % 3 ? model::SourceConsent::subscribed : model::SourceConsent::not_subscribed;
        if (i % 1000 != 13) {
            model::Profile p;
            p.id = fmt::format("01K{:011}", i);
            p.email_hash = c.email_hash;
            p.email_masked = c.email_masked;
            p.consent = c.consent == model::SourceConsent::subscribed
                ? model::DestinationConsent::subscribed
                : model::DestinationConsent::never_subscribed;
            if (i % 1000 == 17)
                p.consent = model::DestinationConsent::subscribed;
            profiles.push_back(std::move(p));
        }
        customers.push_back(std::move(c));
    }
}

}  // namespace

int main()
{
    const auto as_of = core::parse_iso8601_or_throw("2026-11-27T06:00:00Z", "as_of");
    model::Snapshot snapshot;
    snapshot.manifest.run_id = "bench";
    snapshot.manifest.as_of = as_of;
    snapshot.manifest.timezone = "Europe/London";
    snapshot.manifest.platforms["shopify"].status = model::Coverage::complete;
    snapshot.manifest.platforms["klaviyo"].status = model::Coverage::complete;
    const auto gen_start = std::chrono::steady_clock::now();
    add_orders(snapshot, as_of);
    add_customers(snapshot, as_of);
    const auto gen_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - gen_start).count();
    const double data_mb = peak_mb();

    const core::ChecksConfig config;
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = cpu_seconds();
    const auto words = connectors::klaviyo::vocabulary("shopify", "Shopify");
    checks::CheckInput input(snapshot, nullptr, nullptr, config, words, "Europe/London");
    const auto findings = checks::evaluate(input, "bench");
    const auto score = checks::compute_score(findings, config);
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double cpu = cpu_seconds() - cpu_start;
    const double peak = peak_mb();

    std::size_t affected = 0;
    for (const auto& r : findings.indicators)
        affected += r.affected.size();
    std::printf("records: %zu orders, %zu events, %zu customers, %zu profiles (generated in %.2f s)\n",
                snapshot.source.orders.size(), snapshot.destination.events.size(),
                snapshot.source.customers.size(), snapshot.destination.profiles.size(), gen_seconds);
    std::printf("findings: %zu affected keys, score %d\n", affected, score.score);
    std::printf("check time: %.2f s wall, %.2f s CPU (target < %.0f s)\n", seconds, cpu, k_max_seconds);
    std::printf("peak memory: %.0f MB (data alone %.0f MB; target < %.0f MB)\n", peak, data_mb, k_max_mb);
    // Judged on CPU time: the 2 cores are shared, so wall time measures the
    // neighbours' load as much as this code; both are printed.
    const bool ok = cpu < k_max_seconds && peak < k_max_mb;
    std::printf("%s\n", ok ? "within targets" : "OVER TARGET");
    return ok ? 0 : 1;
}
