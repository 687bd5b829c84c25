// Benchmark of the snapshot files at the check target's size: 1,000,000 orders with
// 2.5 Klaviyo events each and 1,000,000 customers with their profiles.
//
//   snapshot_bench write DIR   builds the records in memory and writes DIR as a run directory
//   snapshot_bench read DIR    reads DIR back (what `frr check --no-fetch` does first)
//
// Each mode is its own process so GNU time reports each one's peak memory. Prints the
// phase's wall and CPU seconds, the records, and (write) the bytes written per record and the
// memory the writing takes above the records themselves (RSS before it, peak RSS during it).
// Exit 0; a failed write or read throws core::Error and exits 1.
#include "core/error.hpp"
#include "core/time.hpp"
#include "model/snapshot.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <string_view>
#include <sys/resource.h>

using namespace frr;

namespace {

constexpr std::size_t k_orders = 1'000'000;
constexpr std::size_t k_customers = 1'000'000;

std::string fake_hash(std::size_t i)
{
    return fmt::format("{:016x}{:016x}{:016x}{:016x}", i * 0x9E3779B97F4A7C15ULL, i, ~i, i ^ 0xABCDEFULL);
}

// A /proc/self/status figure in MB (VmRSS: now, VmHWM: the peak since the last reset).
double status_mb(std::string_view field)
{
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (f == nullptr)
        return -1;
    char line[256];
    double kb = -1;
    while (std::fgets(line, sizeof line, f) != nullptr)
        if (std::string_view(line).starts_with(field) && line[field.size()] == ':')
            kb = std::strtod(line + field.size() + 1, nullptr);
    std::fclose(f);
    return kb / 1024.0;
}

// Resets VmHWM to the current RSS (Linux 4.0+), so the peak read afterwards is the phase's own.
bool reset_peak()
{
    std::FILE* f = std::fopen("/proc/self/clear_refs", "w");
    if (f == nullptr)
        return false;
    const bool ok = std::fputs("5", f) >= 0;
    return std::fclose(f) == 0 && ok;
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

model::Snapshot build(core::TimePoint as_of)
{
    model::Snapshot s;
    s.manifest.run_id = "bench";
    s.manifest.as_of = as_of;
    s.manifest.since = as_of - std::chrono::hours(24);
    s.manifest.until = as_of;
    s.manifest.timezone = "Europe/London";
    s.manifest.platforms["shopify"].status = model::Coverage::complete;
    s.manifest.platforms["klaviyo"].status = model::Coverage::complete;
    s.source.orders.reserve(k_orders);
    s.destination.events.reserve(k_orders * 5 / 2);
    const auto step = std::chrono::seconds(23 * 3600) / k_orders;
    for (std::size_t i = 0; i < k_orders; ++i) {
        model::Order o;
        o.id = std::to_string(4'000'000'000ULL + i);
        o.name = fmt::format("#{}", 100000 + i);
        o.created_at = s.manifest.since + std::chrono::duration_cast<std::chrono::seconds>(step * i);
        o.updated_at = o.created_at;
        o.source_name = "web";
        o.financial_status = "PAID";
        o.customer_id = std::to_string(7'000'000'000ULL + i);
        o.email_hash = fake_hash(i);
        o.email_masked = "a***@ex.com";
        o.revenue = {static_cast<std::int64_t>(1000 + i % 9000), "GBP"};
        o.total = o.revenue;
        o.item_quantity = 1 + static_cast<int>(i % 2);
        model::Event placed;
        placed.id = fmt::format("P{}", i);
        placed.kind = model::EventKind::placed_order;
        placed.metric_id = "M1";
        placed.occurred_at = o.created_at;
        placed.order_id = o.id;
        placed.value = o.revenue;
        s.destination.events.push_back(std::move(placed));
        for (int u = 0; u < o.item_quantity; ++u) {
            model::Event product;
            product.id = fmt::format("Q{}-{}", i, u);
            product.kind = model::EventKind::ordered_product;
            product.metric_id = "M2";
            product.occurred_at = o.created_at;
            product.order_id = o.id;
            s.destination.events.push_back(std::move(product));
        }
        s.source.orders.push_back(std::move(o));
    }
    s.source.customers.reserve(k_customers);
    s.destination.profiles.reserve(k_customers);
    for (std::size_t i = 0; i < k_customers; ++i) {
        model::Customer c;
        c.id = std::to_string(7'000'000'000ULL + i);
        c.created_at = as_of - std::chrono::hours(24 * 400);
        c.updated_at = as_of - std::chrono::hours(2);
        c.email_hash = fake_hash(i);
        c.email_masked = "a***@ex.com";
        c.consent = i % 3 ? model::SourceConsent::subscribed : model::SourceConsent::not_subscribed;
        model::Profile p;
        p.id = fmt::format("01K{:011}", i);
        p.email_hash = c.email_hash;
        p.email_masked = c.email_masked;
        p.consent = c.consent == model::SourceConsent::subscribed
            ? model::DestinationConsent::subscribed
            : model::DestinationConsent::never_subscribed;
        s.source.customers.push_back(std::move(c));
        s.destination.profiles.push_back(std::move(p));
    }
    return s;
}

std::size_t records(const model::Snapshot& s)
{
    return s.source.orders.size() + s.source.customers.size() + s.destination.events.size() +
        s.destination.profiles.size();
}

std::uintmax_t bytes_under(const std::filesystem::path& dir)
{
    std::uintmax_t total = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
        if (entry.is_regular_file())
            total += entry.file_size();
    return total;
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc != 3 || (std::string_view(argv[1]) != "write" && std::string_view(argv[1]) != "read")) {
        std::fprintf(stderr, "usage: snapshot_bench write|read DIR\n");
        return 64;
    }
    const std::string_view mode = argv[1];
    const std::filesystem::path dir = argv[2];
    try {
        if (mode == "write") {
            const auto snapshot = build(core::parse_iso8601_or_throw("2026-11-27T06:00:00Z", "as_of"));
            std::filesystem::create_directories(dir);
            // The records alone (RSS before writing), then the writing's own peak above them.
            const double records_mb = status_mb("VmRSS");
            const bool peak_reset = reset_peak();
            const auto start = std::chrono::steady_clock::now();
            const double cpu_start = cpu_seconds();
            model::write_snapshot(dir, snapshot);
            const double wall =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            const double cpu = cpu_seconds() - cpu_start;
            const double peak_mb = status_mb("VmHWM");
            const auto bytes = bytes_under(dir);
            std::printf("snapshot write: %zu records, %.2f s wall, %.2f s CPU, %.1f MB, %.0f B per record\n",
                        records(snapshot), wall, cpu, static_cast<double>(bytes) / 1e6,
                        static_cast<double>(bytes) / static_cast<double>(records(snapshot)));
            if (peak_reset)
                std::printf("snapshot write memory: records %.0f MB RSS, peak while writing %.0f MB (%.0f MB "
                            "above the records)\n",
                            records_mb, peak_mb, peak_mb - records_mb);
            else
                std::printf("snapshot write memory: records %.0f MB RSS (peak not measured: "
                            "/proc/self/clear_refs not writable)\n",
                            records_mb);
        } else {
            const auto start = std::chrono::steady_clock::now();
            const double cpu_start = cpu_seconds();
            const auto snapshot = model::read_snapshot(dir);
            const double wall =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            std::printf("snapshot read: %zu records, %.2f s wall, %.2f s CPU\n", records(snapshot), wall,
                        cpu_seconds() - cpu_start);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "snapshot_bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
