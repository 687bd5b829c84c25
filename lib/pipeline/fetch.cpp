#include "pipeline/fetch.hpp"

#include "connectors/registry.hpp"
#include "core/time.hpp"
#include "core/version.hpp"
#include "pipeline/fetch_breaker.hpp"
#include "pipeline/fetch_incremental.hpp"
#include "pipeline/fetch_window.hpp"
#include "pipeline/watermarks.hpp"

#include <algorithm>
#include <exception>
#include <fmt/format.h>
#include <future>
#include <mutex>

namespace frr::pipeline {

namespace {

// Throttle storms need more patience than the default five attempts (fetch.max_attempts, 8).
net::RetryPolicy fetch_retry_policy(const core::FetchConfig& fetch)
{
    net::RetryOptions o;
    o.max_attempts = fetch.max_attempts;
    o.base_delay = fetch.retry_base_delay;
    o.max_delay = std::max(fetch.retry_max_delay, fetch.retry_base_delay);
    return net::RetryPolicy(o);
}

// Progress lines on stderr, one writer at a time; silent unless a terminal.
class ProgressPrinter {
public:
    explicit ProgressPrinter(Progress mode) : m_on(mode == Progress::terminal) { }
    void page(const std::string& platform, const std::string& dataset, int pages, std::int64_t records)
    {
        if (!m_on)
            return;
        std::lock_guard lock(m_mutex);
        fmt::print(stderr, "{}: {}: {} records, {} pages\n", platform, dataset, records, pages);
    }

private:
    bool m_on;
    std::mutex m_mutex;
};

void copy_stats(const net::RequestStats& stats, model::PlatformManifest& m)
{
    auto s = stats.snapshot();
    m.requests = static_cast<std::int64_t>(s.requests);
    m.retries = static_cast<std::int64_t>(s.retries);
    m.throttled = static_cast<std::int64_t>(s.throttled);
    m.wait_seconds = s.wait_seconds;
    m.bytes = static_cast<std::int64_t>(s.bytes_received);
}

// While a platform is paused, when it is tried again: after the remaining
// skipped runs (a cool-down in runs, one run per schedule interval), or at the
// breaker's retry time.
std::optional<core::TimePoint> next_attempt(const net::CircuitBreaker& breaker, core::TimePoint as_of,
                                            std::chrono::seconds schedule_interval)
{
    if (breaker.state() == net::BreakerState::closed)
        return std::nullopt;
    if (breaker.config().cool_down_runs > 0)
        return as_of + schedule_interval * (breaker.runs_before_probe() + 1);
    return breaker.retry_at();
}

void describe_breaker(const net::CircuitBreaker& breaker, model::PlatformManifest& m, core::TimePoint as_of,
                      std::chrono::seconds schedule_interval)
{
    m.breaker = net::breaker_state_name(breaker.state());
    m.breaker_opened_at = breaker.opened_at();
    m.outage_since = breaker.first_failure_at();
    m.failed_runs = breaker.consecutive_failures();
    m.next_attempt = next_attempt(breaker, as_of, schedule_interval);
}

void apply_breaker(net::CircuitBreaker& breaker, model::PlatformManifest& m, core::TimePoint now,
                   std::chrono::seconds schedule_interval)
{
    const bool was_notified = breaker.notified() && breaker.state() != net::BreakerState::closed;
    const auto began = breaker.first_failure_at();
    if (m.status == model::Coverage::unavailable)
        breaker.record_failure(now, m.errors.empty() ? "unavailable" : m.errors.front());
    else if (m.status != model::Coverage::paused) {
        breaker.record_success(now);
        if (was_notified)
            m.recovered_from = began;
    }
    describe_breaker(breaker, m, now, schedule_interval);
}

model::PlatformManifest paused_manifest(const net::CircuitBreaker& breaker, model::Role role,
                                        core::TimePoint as_of, std::chrono::seconds schedule_interval)
{
    model::PlatformManifest m;
    m.status = model::Coverage::paused;
    m.mark_all(role, model::Coverage::paused, "skipped while monitoring is paused");
    describe_breaker(breaker, m, as_of, schedule_interval);
    m.errors.push_back(fmt::format("skipped: the circuit breaker is open after {} failed runs in a row ({})",
                                   breaker.consecutive_failures(), breaker.last_failure()));
    return m;
}

}  // namespace

FetchResult run_fetch(const RunContext& ctx, const FetchOptions& options)
{
    const core::Config& config = ctx.config;
    Services& services = ctx.services;
    const Watermarks marks(ctx.state);
    const WindowPlan plan = plan_window(ctx.as_of, config.checks, marks, options.since);
    const FetchWindow w = fetch_window(ctx.as_of, plan.since, config);
    const Incremental previous =
        options.full == FullFetch::yes ? Incremental{} : load_previous(ctx.state, ctx.as_of, w, config);

    // Each side is known by its kind: the breakers' and the manifest's keys.
    const std::string& source_name = config.source.kind;
    const std::string& destination_name = config.destination.kind;
    BreakerFile breakers(ctx.state, config.breaker);
    const auto interval = run_interval(ctx.state, ctx.as_of, config.delivery.schedule_interval);
    auto& source_breaker = breakers.of(source_name);
    auto& destination_breaker = breakers.of(destination_name);
    const auto source_decision = source_breaker.decide(ctx.as_of);
    const auto destination_decision = destination_breaker.decide(ctx.as_of);

    FetchResult result;
    result.run = ctx.state.create_run(
        ctx.as_of, options.record == Record::yes ? core::RunPlace::history : core::RunPlace::dry_run);
    const model::EmailHasher hasher(ctx.state.hash_key(services.random));
    ProgressPrinter progress(ctx.progress);

    net::RequestStats source_stats;
    net::RequestStats destination_stats;
    const net::RetryPolicy policy = fetch_retry_policy(config.fetch);
    auto services_for = [&](net::RequestStats& stats, const std::string& name) {
        net::RequestContext requests{services.transport, policy, services.sleeper, services.random, stats};
        requests.timeout = config.fetch.timeout;
        return connectors::ConnectorServices{
            requests, ctx.state, hasher, services.clock,
            [&progress, name](const std::string& d, int p, std::int64_t n) { progress.page(name, d, p, n); }};
    };
    const auto source_services = services_for(source_stats, source_name);
    const auto destination_services = services_for(destination_stats, destination_name);

    std::promise<model::WindowEmails> email_promise;
    std::shared_future<model::WindowEmails> email_future = email_promise.get_future().share();
    std::once_flag email_once;
    auto hand_off = [&](model::WindowEmails list) {
        std::call_once(email_once, [&] { email_promise.set_value(std::move(list)); });
    };

    model::Snapshot snapshot;
    connectors::SourceFetch source;
    connectors::DestinationFetch destination;
    {
        // The destination on its own thread; the future carries its exception. Its destructor
        // waits, so the destination's fetch ends before an error from the source's side leaves.
        auto destination_done = std::async(std::launch::async, [&] {
            if (destination_decision == net::BreakerDecision::skip) {
                destination.manifest =
                    paused_manifest(destination_breaker, model::Role::destination, ctx.as_of, interval);
                destination.exit = core::ExitCode::paused;
                return;
            }
            auto connector =
                connectors::make_destination(config.destination, config.source, destination_services);
            connectors::DestinationWindow dw{previous.events_from(w),
                                             w.until,
                                             w.daily_from,
                                             w.daily_until,
                                             w.daily_dates,
                                             config.store.timezone,
                                             previous.placed_order_from(),
                                             previous.profiles_updated_from(),
                                             w.flow_days_from,
                                             w.flow_dates,
                                             previous.reused_new_subscribers(w)};
            destination = connector->fetch(dw, [&] { return email_future.get(); });
        });
        try {
            if (source_decision == net::BreakerDecision::skip) {
                source.manifest = paused_manifest(source_breaker, model::Role::source, ctx.as_of, interval);
                source.exit = core::ExitCode::paused;
                hand_off({});
            } else {
                auto connector = connectors::make_source(config.source, source_services);
                connectors::SourceWindow sw{w.since,
                                            w.until,
                                            std::min(w.daily_from, w.since),
                                            w.since,
                                            previous.customers_from(w),
                                            w.daily_dates,
                                            config.store.timezone,
                                            config.checks.exclude_channels};
                previous.narrow(sw);
                source = connector->fetch(sw, hand_off);
            }
        } catch (...) {
            hand_off({});
            throw;  // destination_done's destructor waits for the destination's fetch first
        }
        destination_done.get();  // rethrows what the destination's thread threw
    }

    previous.merge(w, source, destination);
    copy_stats(source_stats, source.manifest);
    copy_stats(destination_stats, destination.manifest);
    if (source_decision != net::BreakerDecision::skip)
        apply_breaker(source_breaker, source.manifest, ctx.as_of, interval);
    if (destination_decision != net::BreakerDecision::skip)
        apply_breaker(destination_breaker, destination.manifest, ctx.as_of, interval);
    if (options.record == Record::yes)
        breakers.save();

    auto& m = snapshot.manifest;
    m.run_id = result.run.id;
    m.as_of = ctx.as_of;
    m.since = w.since;
    m.until = w.until;
    m.store = config.store.name;
    m.timezone = config.store.timezone;
    m.frr_version = std::string(core::version());
    m.incremental_from = previous.run_id();
    m.catch_up.nominal_since = plan.nominal_since;
    m.catch_up.next_run = ctx.as_of + interval;
    m.catch_up.explicit_window = plan.explicit_window;
    // Reaching back by the grace period alone is the normal join between two runs a
    // window apart (the previous run could not judge its last hour yet): not news.
    if (plan.since < plan.nominal_since - config.checks.grace || plan.skipped_since) {
        m.catch_up.watermark = plan.watermark;
        m.catch_up.skipped_since = plan.skipped_since;
        m.catch_up.runs = runs_that_could_not_judge(ctx.state, *plan.watermark, ctx.as_of);
    }
    if (const auto before = ctx.state.previous_run(ctx.as_of, "manifest.json"))
        m.catch_up.previous_run = before->as_of;
    m.source_platform = source_name;
    m.destination_platform = destination_name;
    m.platforms[m.source_platform] = source.manifest;
    m.platforms[m.destination_platform] = destination.manifest;
    snapshot.source = std::move(source.data);
    snapshot.destination = std::move(destination.data);
    model::write_snapshot(result.run.dir, snapshot);

    // What went wrong also goes to the log (stderr), not only into the manifest and the summary.
    for (const auto& [name, pm] : m.platforms)
        for (const auto& e : pm.errors)
            services.logger.warn(name, e);

    result.manifest = m;
    result.exit = core::worst_of(source.exit, destination.exit);
    for (const auto& [name, pm] : m.platforms)
        if (pm.status != model::Coverage::complete && pm.status != model::Coverage::paused)
            result.exit = core::worst_of(result.exit, core::ExitCode::partial);
    return result;
}

}  // namespace frr::pipeline
