#include "connectors/klaviyo/klaviyo_source.hpp"

#include "connectors/fetch_support.hpp"
#include "connectors/json_access.hpp"
#include "connectors/klaviyo/flow_fetch.hpp"
#include "connectors/klaviyo/records.hpp"
#include "connectors/klaviyo/routes.hpp"
#include "core/time.hpp"
#include "text/email_identity.hpp"

#include <algorithm>
#include <exception>
#include <fmt/format.h>
#include <future>
#include <map>
#include <mutex>
#include <set>

namespace frr::connectors::klaviyo {

namespace {

// The connectors' shared recorder (connectors/fetch_support.hpp), with Klaviyo's reply status;
// the parallel parts add their records under its lock.
class Recorder : public FetchRecorder {
public:
    explicit Recorder(DestinationFetch& out) : FetchRecorder(out.manifest, out.exit), m_out(out) { }
    void failure(const std::string& label, std::string_view dataset, ReplyStatus status,
                 const std::string& message, bool some_read = false)
    {
        FetchRecorder::failure(label, dataset,
                               status == ReplyStatus::unauthorized || status == ReplyStatus::forbidden,
                               message, some_read);
    }
    template <typename F> void with_data(F&& f)
    {
        locked([&] { f(m_out.data); });
    }

private:
    DestinationFetch& m_out;
};

void check(Recorder& rec, const std::string& label, std::string_view dataset, const PagedResult& r)
{
    if (!r.complete())
        rec.failure(label, dataset, r.status, r.error, r.resources > 0);
}

std::string query(const std::vector<std::pair<std::string, std::string>>& params)
{
    return query_string(params);
}

// Runs each task on its own thread; the first task's exception (in task order) is rethrown,
// after all have finished: an unfinished future's destructor waits for its thread.
void run_parallel(const std::vector<std::function<void()>>& tasks)
{
    std::vector<std::future<void>> running;
    running.reserve(tasks.size());
    for (const auto& task : tasks)
        running.push_back(std::async(std::launch::async, task));
    for (auto& r : running)
        r.wait();
    for (auto& r : running)
        r.get();
}

// How the Placed Order events found their orders, for the manifest; a note when more than
// k_unmapped_warn_share of them carried no order id frr can read (docs/fetching.md).
void record_order_mapping(const std::vector<model::Event>& events, model::PlatformManifest& m)
{
    std::int64_t total = 0;
    std::map<std::string, std::int64_t> by;
    for (const auto& e : events) {
        if (e.kind != model::EventKind::placed_order)
            continue;
        ++total;
        ++by[e.order_id_source == model::OrderIdSource::none ? "unmapped"
                                                             : model::to_string(e.order_id_source)];
    }
    if (total == 0)
        return;
    m.order_mapping = std::move(by);
    m.order_mapping["events"] = total;
    const auto unmapped = m.order_mapping.count("unmapped") ? m.order_mapping["unmapped"] : 0;
    if (static_cast<double>(unmapped) > k_unmapped_warn_share * static_cast<double>(total))
        m.notes.push_back(fmt::format(
            "{} of {} Placed Order events ({:.0f}%) carry no order id frr can read ($extra.id, "
            "$extra.order_id "
            "or the digits of $event_id): their orders read as missing. Run `frr doctor` to see where they "
            "keep it.",
            unmapped, total, 100.0 * static_cast<double>(unmapped) / static_cast<double>(total)));
}

}  // namespace

std::string events_filter(const std::string& metric_id, core::TimePoint from, core::TimePoint to)
{
    return fmt::format("equals(metric_id,\"{}\"),greater-or-equal(datetime,{}),less-than(datetime,{})",
                       metric_id, core::format_iso8601(from), core::format_iso8601(to));
}

std::string email_filter(const std::vector<std::string>& emails)
{
    std::string list;
    for (const auto& e : emails)
        list += (list.empty() ? "\"" : ",\"") + e + "\"";
    return "any(email,[" + list + "])";
}

std::string updated_filter(core::TimePoint from)
{
    // Klaviyo offers greater-than only: one second earlier includes `from` itself.
    return fmt::format("greater-than(updated,{})", core::format_iso8601(from - std::chrono::seconds{1}));
}

std::string daily_aggregate_body(const std::string& metric_id, core::TimePoint from, core::TimePoint to,
                                 const std::string& timezone)
{
    return fmt::format(
        R"J({{"data":{{"type":"metric-aggregate","attributes":{{"metric_id":{},)J"
        R"J("measurements":["count"],"interval":"day","page_size":500,)J"
        R"J("filter":["greater-or-equal(datetime,{})","less-than(datetime,{})"],"timezone":{}}}}}}})J",
        json_string(metric_id), core::format_iso8601(from), core::format_iso8601(to), json_string(timezone));
}

KlaviyoSource::KlaviyoSource(JsonApiClient& client, const model::EmailHasher& hasher,
                             const Settings& settings, Integration integration, DestinationProgress progress)
    : m_client(client),
      m_hasher(hasher),
      m_settings(settings),
      m_integration(std::move(integration)),
      m_progress(std::move(progress))
{
}

DestinationFetch KlaviyoSource::fetch(const DestinationWindow& window, const EmailSource& emails)
{
    DestinationFetch out;
    out.manifest.mark_all(model::Role::destination, model::Coverage::complete);
    Recorder rec(out);
    bool emails_taken = false;
    model::WindowEmails people;  // the window's emails, kept for the subscriber-list lookup
    bool reachable = false;      // the metrics answered: the platform is at least partial
    try {
        // Metrics first: everything else needs their ids.
        std::map<std::string, model::EventKind> kinds;
        auto metrics = m_client.get_all("/api/metrics", route::metrics, [&](const rapidjson::Value& r) {
            if (auto m = parse_metric(r, m_integration); m && m->integration == m_integration.key) {
                kinds[m->id] = m->kind;
                out.data.metrics.push_back(std::move(*m));
            }
        });
        if (!metrics.complete()) {
            rec.failure("metrics", {}, metrics.status, metrics.error);
            emails_taken = true;
            emails();  // release the hand-off; nothing can be matched without metrics
            out.manifest.status = model::Coverage::unavailable;
            out.manifest.mark_all(model::Role::destination, model::Coverage::unavailable,
                                  "Klaviyo did not list its metrics: " + metrics.error);
            return out;
        }
        reachable = true;
        std::string placed_order;
        for (const auto& m : out.data.metrics)
            if (m.kind == model::EventKind::placed_order)
                placed_order = m.id;
        if (placed_order.empty())
            rec.note(
                fmt::format("Klaviyo has no Placed Order metric from the {0} integration: is {0} connected?",
                            m_integration.name));

        std::vector<std::function<void()>> tasks;
        const bool big_pages = m_client.revision() >= "2026-01-15";
        for (const auto& m : out.data.metrics) {
            if (m.kind == model::EventKind::other)
                continue;
            tasks.emplace_back([&, m] {
                std::vector<model::Event> found;
                // Placed Order reaches further back when the previous run left orders
                // without one (late arrivals); every other metric starts at events_from.
                const core::TimePoint from = m.kind == model::EventKind::placed_order
                    ? std::min(window.events_from, window.placed_order_from)
                    : window.events_from;
                std::vector<std::pair<std::string, std::string>> params{
                    {"filter", events_filter(m.id, from, window.until)}, {"sort", "datetime"}};
                if (big_pages)
                    params.emplace_back("page[size]", "1000");
                auto r = m_client.get_all(
                    "/api/events" + query(params), route::events,
                    [&](const rapidjson::Value& e) {
                        if (auto ev = parse_event(e, kinds, m.id))
                            found.push_back(std::move(*ev));
                    },
                    pages_progress(m_progress, "events " + m.name));
                check(rec, "events (" + m.name + ")", model::events_dataset(model::to_string(m.kind)), r);
                rec.with_data([&](model::DestinationData& d) {
                    d.events.insert(d.events.end(), found.begin(), found.end());
                });
            });
        }
        if (!placed_order.empty()) {
            tasks.emplace_back([&] {
                // Events take page[size] only from revision 2026-01-15; before, the first page
                // of 200 (newest first) holds the one wanted.
                std::vector<std::pair<std::string, std::string>> params{
                    {"filter", fmt::format("equals(metric_id,\"{}\")", placed_order)}, {"sort", "-datetime"}};
                if (big_pages)
                    params.emplace_back("page[size]", "1");
                auto reply = m_client.get("/api/events" + query(params), route::events);
                if (reply.status != ReplyStatus::ok)
                    return rec.failure("newest Placed Order", model::dataset::latest_placed_order,
                                       reply.status, reply.error);
                const auto* data = member(&reply.doc, "data");
                if (data && data->IsArray() && !data->Empty())
                    if (auto ev = parse_event((*data)[0], kinds, placed_order))
                        rec.with_data([&](model::DestinationData& d) { d.events.push_back(std::move(*ev)); });
            });
            tasks.emplace_back([&] {
                auto reply = m_client.post("/api/metric-aggregates",
                                           daily_aggregate_body(placed_order, window.daily_from,
                                                                window.daily_until, window.timezone),
                                           route::aggregates);
                if (reply.status != ReplyStatus::ok)
                    return rec.failure("daily Placed Order counts", model::dataset::daily_placed_orders,
                                       reply.status, reply.error);
                std::set<std::string> wanted(window.daily_dates.begin(), window.daily_dates.end());
                auto days = parse_daily_counts(reply.doc, window.timezone);
                std::erase_if(days, [&](const model::DailyCount& d) { return !wanted.count(d.date); });
                rec.with_data([&](model::DestinationData& d) { d.daily_placed_orders = std::move(days); });
            });
        }
        tasks.emplace_back([&] {
            emails_taken = true;
            people = emails();
            // Each identity under every spelling Klaviyo may hold it by (an internationalised
            // domain in ASCII and in Unicode): its filter's matching rules are not documented.
            std::vector<std::string> list;
            for (const auto& identity : people.customers)
                for (auto& form : text::email_lookup_forms(identity))
                    list.push_back(std::move(form));
            std::sort(list.begin(), list.end());
            list.erase(std::unique(list.begin(), list.end()), list.end());
            std::erase_if(list, [](const std::string& e) {
                return e.find('"') != std::string::npos || e.find('\\') != std::string::npos;
            });
            std::vector<model::Profile> found;
            for (std::size_t i = 0; i < list.size(); i += k_profile_batch) {
                std::vector<std::string> batch(
                    list.begin() + static_cast<std::ptrdiff_t>(i),
                    list.begin() + static_cast<std::ptrdiff_t>(std::min(list.size(), i + k_profile_batch)));
                auto r = m_client.get_all("/api/profiles" +
                                              query({{"filter", email_filter(batch)},
                                                     {"page[size]", "100"},
                                                     {"additional-fields[profile]", "subscriptions"}}),
                                          route::profiles, [&](const rapidjson::Value& p) {
                                              if (auto profile = parse_profile(p, m_hasher))
                                                  found.push_back(std::move(*profile));
                                          });
                if (!r.complete()) {
                    check(rec, "profiles", model::dataset::profiles,
                          PagedResult{r.status, r.error, r.pages,
                                      r.resources + static_cast<std::int64_t>(found.size())});
                    break;
                }
                if (m_progress)
                    m_progress("profiles", static_cast<int>(i / k_profile_batch + 1),
                               static_cast<std::int64_t>(found.size()));
            }
            // A profile found under two spellings of its address is one profile.
            std::stable_sort(found.begin(), found.end(),
                             [](const model::Profile& a, const model::Profile& b) { return a.id < b.id; });
            found.erase(
                std::unique(found.begin(), found.end(),
                            [](const model::Profile& a, const model::Profile& b) { return a.id == b.id; }),
                found.end());
            rec.with_data([&](model::DestinationData& d) { d.profiles = std::move(found); });
        });
        if (window.profiles_updated_from != core::TimePoint::max()) {
            tasks.emplace_back([&] {
                std::vector<model::Profile> found;
                auto r = m_client.get_all(
                    "/api/profiles" +
                        query({{"filter", updated_filter(window.profiles_updated_from)},
                               {"page[size]", "100"},
                               {"additional-fields[profile]", "subscriptions"}}),
                    route::profiles,
                    [&](const rapidjson::Value& p) {
                        if (auto profile = parse_profile(p, m_hasher))
                            found.push_back(std::move(*profile));
                    },
                    pages_progress(m_progress, "profiles updated"));
                check(rec, "profiles (updated since the previous run)", model::dataset::profiles, r);
                rec.with_data([&](model::DestinationData&) { out.updated_profiles = std::move(found); });
            });
        }
        FlowFetcher flows(
            m_client, m_hasher,
            [&](std::string_view dataset, ReplyStatus status, const std::string& message) {
                rec.failure(model::dataset_label(dataset), dataset, status, message);
            },
            [&](std::string_view dataset, const std::string& message) { rec.shortfall(dataset, message); });
        tasks.emplace_back([&] {
            std::vector<model::Flow> found;
            flows.fetch_flows(out.data.metrics, found);
            rec.with_data([&](model::DestinationData& d) { d.flows = std::move(found); });
        });
        for (auto kind : {model::AudienceKind::list, model::AudienceKind::segment}) {
            tasks.emplace_back([&, kind] {
                const bool is_list = kind == model::AudienceKind::list;
                std::vector<model::Audience> found;
                auto r = m_client.get_all(is_list ? "/api/lists" : "/api/segments",
                                          is_list ? route::lists : route::segments,
                                          [&](const rapidjson::Value& a) {
                                              if (auto audience = parse_audience(a))
                                                  found.push_back(std::move(*audience));
                                          });
                check(rec, is_list ? "lists" : "segments", model::dataset::audiences, r);
                if (!m_settings.audiences.empty())
                    std::erase_if(found, [&](const model::Audience& a) {
                        return std::find(m_settings.audiences.begin(), m_settings.audiences.end(), a.id) ==
                            m_settings.audiences.end();
                    });
                for (auto& a : found) {
                    // profile_count only comes with the single GET, in the XS tier (1/s, 15/m).
                    auto reply = m_client.get(
                        fmt::format("/api/{}/{}", is_list ? "lists" : "segments", a.id) +
                            query({{is_list ? "additional-fields[list]" : "additional-fields[segment]",
                                    "profile_count"}}),
                        is_list ? route::list_count : route::segment_count);
                    if (reply.status != ReplyStatus::ok) {
                        rec.failure(fmt::format("{} {} count", is_list ? "list" : "segment", a.id),
                                    model::dataset::audiences, reply.status, reply.error, true);
                        continue;
                    }
                    if (auto full = parse_audience(*member(&reply.doc, "data")))
                        a = std::move(*full);
                    a.kind = kind;
                }
                rec.with_data([&](model::DestinationData& d) {
                    d.audiences.insert(d.audiences.end(), found.begin(), found.end());
                });
            });
        }
        run_parallel(tasks);
        // After the flows, the lists and the emails: what the flows need besides themselves.
        if (out.manifest.datasets[std::string(model::dataset::flows)].status == model::Coverage::complete)
            flows.fetch_rest({window.flow_days_from, window.until, window.flow_dates, window.timezone,
                              m_settings.subscriber_list, window.subscriber_profiles},
                             people, out.data.metrics, out.data);
        else
            rec.failure("flow report", model::dataset::flow_report, ReplyStatus::failed,
                        "not asked for: the flows could not be read");
        // The newest Placed Order is usually inside the window too: keep each event once,
        // or it would read as a duplicate.
        auto& events = out.data.events;
        std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
        events.erase(std::unique(events.begin(), events.end(),
                                 [](const auto& a, const auto& b) { return a.id == b.id; }),
                     events.end());
        std::stable_sort(events.begin(), events.end(),
                         [](const auto& a, const auto& b) { return a.occurred_at < b.occurred_at; });
    } catch (const core::Error& e) {
        // Labelled by what failed, not by the platform: the manifest and the log already name it.
        const bool credentials = e.code() == core::ExitCode::credentials;
        const std::string why = e.what() + (e.remedy().empty() ? std::string() : ": " + e.remedy());
        rec.failure(credentials ? "credentials" : "fetch", {},
                    credentials ? ReplyStatus::unauthorized : ReplyStatus::failed, why);
        // A failure that stopped the whole fetch leaves nothing of it trustworthy.
        out.manifest.mark_all(model::Role::destination, model::Coverage::unavailable, why);
    } catch (const std::exception& e) {
        rec.failure("fetch", {}, ReplyStatus::failed, std::string("unavailable: ") + e.what());
        out.manifest.mark_all(model::Role::destination, model::Coverage::unavailable,
                              std::string("unavailable: ") + e.what());
    }
    if (!emails_taken)
        emails();
    auto& m = out.manifest;
    record_order_mapping(out.data.events, m);
    m.counts["metrics"] = static_cast<std::int64_t>(out.data.metrics.size());
    m.counts["events"] = static_cast<std::int64_t>(out.data.events.size());
    m.counts["profiles"] = static_cast<std::int64_t>(out.data.profiles.size());
    m.counts["audiences"] = static_cast<std::int64_t>(out.data.audiences.size());
    m.counts["daily_placed_orders"] = static_cast<std::int64_t>(out.data.daily_placed_orders.size());
    m.counts["flows"] = static_cast<std::int64_t>(out.data.flows.size());
    m.counts["flow_report"] = static_cast<std::int64_t>(out.data.flow_report.size());
    m.counts["trigger_days"] = static_cast<std::int64_t>(out.data.trigger_days.size());
    m.status = !reachable  ? model::Coverage::unavailable
        : m.errors.empty() ? model::Coverage::complete
                           : model::Coverage::partial;
    return out;
}

}  // namespace frr::connectors::klaviyo
