// Benchmark of the snapshot files at the check target's size: 1,000,000 orders with
// 2.5 Klaviyo events each and 1,000,000 customers with their profiles, with a few defects of
// each kind the record-level checks find (build() below).
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
constexpr auto k_grace = std::chrono::hours(1);  // checks.grace of test/bench/duckdb/frr.yaml

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

// The process's CPU seconds so far: user (frr's own code) and system (the kernel's, for
// example copying what is written into the page cache).
struct Cpu {
    double user = 0;
    double sys = 0;
    double total() const { return user + sys; }
    Cpu operator-(const Cpu& o) const { return {user - o.user, sys - o.sys}; }
};

Cpu cpu_seconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto secs = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return {secs(usage.ru_utime), secs(usage.ru_stime)};
}

// The defects of the snapshot: each is the record i with i % 1000 == the case's number, so every
// kind touches exactly 1,000 orders or customers, at the same places in every run. Beside the
// defects stand near misses the checks must not count (a value within checks.value_tolerance_minor,
// the same event read twice, orders and customers outside what is judged). `make bench-duckdb`
// (test/bench/duckdb/) needs frr and DuckDB to find the same ones; its frr.yaml excludes the "pos"
// channel. Ids stay unique as on the platforms (an order id once, one profile per email), so the
// rules for repeats (the first order, the first profile) are not exercised here. Kinds and their
// expected effect on the six record-level checks:
enum OrderCase : std::size_t {
    no_placed = 11,            // order_sync: missing (its Ordered Products still arrive)
    decoy_placed = 12,         // order_sync: missing (a Placed Order of another integration's metric)
    unknown_order = 13,        // order_sync: missing (its Placed Order names an order not fetched)
    value_off = 21,            // value_integrity: mismatched (+2.50)
    value_near = 22,           // none: +0.01 is within the tolerance
    value_currency = 23,       // none: not comparable (another currency)
    value_absent = 24,         // none: not comparable (no $value)
    duplicate = 31,            // duplicates: a second Placed Order with its own id
    read_twice = 32,           // none: the same Placed Order twice (one event)
    duplicate_off = 33,        // duplicates and value_integrity: three Placed Orders, one off
    product_missing = 41,      // line_items: one Ordered Product fewer than the units
    product_extra = 42,        // none: one more than the units
    edited = 43,               // none: edited after purchase, matches the order as placed
    edited_short = 44,         // line_items: edited, fewer products than its Placed Order lists
    edited_no_units = 45,      // none: edited, its Placed Order lists no units (not comparable)
    test_order = 51,           // none: a test order without its Placed Order
    no_email = 52,             // none: an order without email, without its Placed Order
    excluded_channel = 53,     // none: a "pos" order (frr.yaml excludes it), without its Placed Order
    within_grace = 61,         // none: placed 30 min before as_of, without its Placed Order
    before_window = 62,        // none: placed before the window, without its Placed Order
    order_at_grace_edge = 63,  // none: placed exactly at as_of - grace (not judged), without its Placed Order
};
enum CustomerCase : std::size_t {
    no_profile = 11,              // customer_sync: missing (the profile is another email's)
    no_customer_email = 12,       // none: no email
    updated_before = 13,          // none: updated before the window, no profile
    updated_in_grace = 14,        // none: updated within the grace period, no profile
    profile_no_email = 15,        // customer_sync: missing (the profile has no email)
    at_window_start = 16,         // customer_sync: missing (updated exactly at the window's start: judged)
    at_grace_edge = 17,           // none: updated exactly at as_of - grace (not judged), no profile
    opted_out = 21,               // consent: critical (unsubscribed, still subscribed)
    not_synced = 22,              // consent: subscribed, never subscribed in the destination
    bounced = 23,                 // none: subscribed, unsubscribed for a hard bounce
    unsubscribe_suppressed = 24,  // consent: subscribed, unsubscribed with UNSUBSCRIBE suppression
    subscribed_there = 25,        // consent: not subscribed, subscribed in the destination
    pending = 26,                 // none: double opt-in in flight
    invalid = 27,                 // consent: invalid, subscribed in the destination
    redacted = 28,                // none: not judged
    unknown_there = 29,           // none: not judged
};

model::Event placed_event(const model::Order& o, std::string id)
{
    model::Event e;
    e.id = std::move(id);
    e.kind = model::EventKind::placed_order;
    e.metric_id = "M1";
    e.occurred_at = o.created_at;
    e.order_id = o.id;
    e.value = o.revenue_as_placed;
    return e;
}

void add_order(model::Snapshot& s, std::size_t i, core::TimePoint at)
{
    const auto kind = i % 1000;
    model::Order o;
    o.id = std::to_string(4'000'000'000ULL + i);
    o.name = fmt::format("#{}", 100000 + i);
    o.created_at = kind == within_grace ? s.manifest.as_of - std::chrono::minutes(30)
        : kind == before_window         ? s.manifest.since - std::chrono::hours(1)
        : kind == order_at_grace_edge   ? s.manifest.as_of - k_grace
                                        : at;
    o.updated_at = o.created_at;
    o.test = kind == test_order;
    o.source_name = kind == excluded_channel ? "pos" : "web";
    o.financial_status = "PAID";
    o.customer_id = std::to_string(7'000'000'000ULL + i);
    o.email_hash = kind == no_email ? "" : fake_hash(i);
    o.email_masked = kind == no_email ? "" : "a***@ex.com";
    o.revenue = {static_cast<std::int64_t>(1000 + i % 9000), "GBP"};
    o.total = o.revenue;
    o.item_quantity = 1 + static_cast<int>(i % 2);
    o.revenue_as_placed = o.revenue;
    int products = o.item_quantity;
    if (kind == product_extra)
        products += 1;
    if (kind == product_missing)
        products -= 1;
    std::optional<int> listed_units;
    if (kind == edited || kind == edited_short || kind == edited_no_units) {
        o.edited = true;
        o.revenue.minor += 500;  // an item added after purchase
        listed_units = kind == edited_no_units ? std::nullopt : std::optional<int>(o.item_quantity);
        products = kind == edited_short ? o.item_quantity - 1 : o.item_quantity;
        o.item_quantity += 1;
    }
    auto& events = s.destination.events;
    const bool placed = kind != no_placed && kind != test_order && kind != no_email &&
        kind != excluded_channel && kind != within_grace && kind != before_window;
    if (placed) {
        auto e = placed_event(o, fmt::format("P{}", i));
        e.item_units = listed_units;
        if (kind == decoy_placed)
            e.kind = model::EventKind::other;
        if (kind == unknown_order)
            e.order_id = std::to_string(5'000'000'000ULL + i);
        if (kind == value_off)
            e.value->minor += 250;
        if (kind == value_near)
            e.value->minor += 1;
        if (kind == value_currency)
            e.value->currency = "EUR";
        if (kind == value_absent)
            e.value.reset();
        events.push_back(e);
        if (kind == duplicate || kind == duplicate_off)
            events.push_back(placed_event(o, fmt::format("P{}-again", i)));
        if (kind == duplicate_off) {
            events.push_back(placed_event(o, fmt::format("P{}-third", i)));
            events.back().value->minor -= 300;
        }
        if (kind == read_twice)
            events.push_back(e);
    }
    for (int u = 0; u < products; ++u) {
        model::Event product;
        product.id = fmt::format("Q{}-{}", i, u);
        product.kind = model::EventKind::ordered_product;
        product.metric_id = "M2";
        product.occurred_at = o.created_at;
        product.order_id = o.id;
        events.push_back(std::move(product));
    }
    s.source.orders.push_back(std::move(o));
}

model::DestinationConsent mirrored(model::SourceConsent c)
{
    return c == model::SourceConsent::subscribed ? model::DestinationConsent::subscribed
                                                 : model::DestinationConsent::never_subscribed;
}

void add_customer(model::Snapshot& s, std::size_t i)
{
    using S = model::SourceConsent;
    using D = model::DestinationConsent;
    const auto kind = i % 1000;
    const auto as_of = s.manifest.as_of;
    model::Customer c;
    c.id = std::to_string(7'000'000'000ULL + i);
    c.created_at = as_of - std::chrono::hours(24 * 400);
    c.updated_at = kind == updated_before ? s.manifest.since - std::chrono::hours(3)
        : kind == updated_in_grace        ? as_of - std::chrono::minutes(20)
        : kind == at_window_start         ? s.manifest.since
        : kind == at_grace_edge           ? as_of - k_grace
                                          : as_of - std::chrono::hours(2);
    c.email_hash = kind == no_customer_email ? "" : fake_hash(i);
    c.email_masked = kind == no_customer_email ? "" : "a***@ex.com";
    c.consent = i % 3 ? S::subscribed : S::not_subscribed;
    model::Profile p;
    p.id = fmt::format("01K{:011}", i);
    p.email_hash = fake_hash(i);
    p.email_masked = "a***@ex.com";
    p.consent = mirrored(c.consent);
    const auto consent_pair = [&](S source, D destination) {
        c.consent = source;
        p.consent = destination;
    };
    switch (kind) {
    case no_profile:
    case updated_before:
    case updated_in_grace:
    case at_window_start:
    case at_grace_edge: p.email_hash = fake_hash(i + 3 * k_customers); break;
    case profile_no_email: p.email_hash.clear(); break;
    case opted_out: consent_pair(S::unsubscribed, D::subscribed); break;
    case not_synced: consent_pair(S::subscribed, D::never_subscribed); break;
    case bounced:
        consent_pair(S::subscribed, D::unsubscribed);
        p.suppressions = {"HARD_BOUNCE"};
        break;
    case unsubscribe_suppressed:
        consent_pair(S::subscribed, D::unsubscribed);
        p.suppressions = {"UNSUBSCRIBE"};
        break;
    case subscribed_there: consent_pair(S::not_subscribed, D::subscribed); break;
    case pending: consent_pair(S::pending, D::subscribed); break;
    case invalid: consent_pair(S::invalid, D::subscribed); break;
    case redacted: consent_pair(S::redacted, D::subscribed); break;
    case unknown_there: consent_pair(S::subscribed, D::unknown); break;
    default: break;
    }
    s.source.customers.push_back(std::move(c));
    s.destination.profiles.push_back(std::move(p));
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
    s.destination.events.reserve(k_orders * 5 / 2 + k_orders / 250);
    // Spread over the window's first 23 hours (a whole-second step would be 0: they all had one time).
    const auto span = std::chrono::milliseconds(std::chrono::hours(23));
    for (std::size_t i = 0; i < k_orders; ++i)
        add_order(s, i,
                  s.manifest.since +
                      std::chrono::duration_cast<std::chrono::seconds>(span * static_cast<std::int64_t>(i) /
                                                                       static_cast<std::int64_t>(k_orders)));
    s.source.customers.reserve(k_customers);
    s.destination.profiles.reserve(k_customers);
    for (std::size_t i = 0; i < k_customers; ++i)
        add_customer(s, i);
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
            const Cpu cpu_start = cpu_seconds();
            model::write_snapshot(dir, snapshot);
            const double wall =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            const Cpu cpu = cpu_seconds() - cpu_start;
            const double peak_mb = status_mb("VmHWM");
            const auto bytes = bytes_under(dir);
            std::printf(
                "snapshot write: %zu records, %.2f s wall, %.2f s CPU (user %.2f, sys %.2f), %.1f MB, "
                "%.0f B per record\n",
                records(snapshot), wall, cpu.total(), cpu.user, cpu.sys, static_cast<double>(bytes) / 1e6,
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
            const Cpu cpu_start = cpu_seconds();
            const auto snapshot = model::read_snapshot(dir);
            const double wall =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            const Cpu cpu = cpu_seconds() - cpu_start;
            std::printf("snapshot read: %zu records, %.2f s wall, %.2f s CPU (user %.2f, sys %.2f)\n",
                        records(snapshot), wall, cpu.total(), cpu.user, cpu.sys);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "snapshot_bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
