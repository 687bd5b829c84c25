#include "connectors/shopify/shopify_source.hpp"

#include "connectors/fetch_support.hpp"
#include "connectors/json_access.hpp"
#include "connectors/shopify/bulk.hpp"
#include "connectors/shopify/connection.hpp"
#include "connectors/shopify/records.hpp"
#include "core/time.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <future>
#include <map>

namespace frr::connectors::shopify {

namespace {

constexpr std::chrono::days k_default_order_history{60};

// The connectors' shared recorder (connectors/fetch_support.hpp), with Shopify's call status and
// GraphQL's partial answers.
class Recorder : public FetchRecorder {
public:
    explicit Recorder(SourceFetch& out) : FetchRecorder(out.manifest, out.exit) { }
    void failure(const std::string& label, std::string_view dataset, CallStatus status,
                 const std::string& message, bool some_read = false)
    {
        FetchRecorder::failure(label, dataset,
                               status == CallStatus::unauthorized || status == CallStatus::forbidden, message,
                               some_read);
    }
    void partial(const std::string& label, std::string_view dataset, const std::vector<std::string>& errors)
    {
        incomplete(dataset,
                   fmt::format("{}: incomplete answer from Shopify ({} error{}): {}", label, errors.size(),
                               errors.size() == 1 ? "" : "s", errors.front()));
    }
};

void record(Recorder& rec, const std::string& label, std::string_view dataset, const ConnectionResult& r)
{
    if (r.failed)
        rec.failure(label, dataset, r.failure, r.failure_message, r.nodes > 0);
    else if (!r.partial_errors.empty())
        rec.partial(label, dataset, r.partial_errors);
}

}  // namespace

ShopifySource::ShopifySource(GraphqlClient& client, const net::RequestContext& download,
                             const model::EmailHasher& hasher, const Settings& config,
                             SourceProgress progress)
    : m_client(client),
      m_download(download),
      m_hasher(hasher),
      m_config(config),
      m_progress(std::move(progress)),
      m_fields(email_fields_for(config.api_version))
{
}

bool ShopifySource::preflight(const SourceWindow& window, SourceFetch& out)
{
    auto reply = m_client.call(shop_info_query(), "{}", 0);
    auto& m = out.manifest;
    if (reply.status != CallStatus::ok && reply.status != CallStatus::partial) {
        std::string why = reply.errors.empty() ? "no answer" : reply.errors.front();
        if (reply.status != CallStatus::ok && reply.status != CallStatus::partial)
            m.mark_all(model::Role::source, model::Coverage::unavailable, "Shopify did not answer: " + why);
        if (reply.status == CallStatus::unauthorized) {
            m.errors.push_back("Shopify rejected the access token (" + why +
                               "): check shopify.auth and that the app is still installed");
            out.exit = core::ExitCode::credentials;
        } else if (reply.status == CallStatus::forbidden) {
            m.errors.push_back("Shopify refused the preflight query (" + why + ")");
            out.exit = core::ExitCode::credentials;
        } else {
            m.errors.push_back("Shopify unreachable: " + why);
            out.exit = core::ExitCode::partial;
        }
        return false;
    }
    std::set<std::string> granted;
    if (const auto* scopes = path(reply.data(), {"currentAppInstallation", "accessScopes"});
        scopes && scopes->IsArray())
        for (const auto& s : scopes->GetArray())
            granted.insert(text(member(&s, "handle")));
    for (const auto& scope : k_required_scopes)
        if (!granted.count(scope))
            m.missing_scopes.push_back(scope);
    if (!m.missing_scopes.empty()) {
        std::string list;
        for (const auto& s : m.missing_scopes)
            list += (list.empty() ? "" : ", ") + s;
        m.errors.push_back("the Shopify app lacks the scope(s) " + list +
                           ": grant them in the app's configuration and reinstall it");
        m.mark_all(model::Role::source, model::Coverage::unavailable,
                   "the Shopify app lacks the scope(s) " + list);
        out.exit = core::ExitCode::credentials;
        return false;
    }
    if (!granted.count("read_all_orders")) {
        core::TimePoint limit =
            window.until - std::chrono::duration_cast<std::chrono::seconds>(k_default_order_history);
        m.data_since = limit;
        if (window.orders_from < limit)
            m.notes.push_back(fmt::format("orders older than 60 days (before {}) are hidden without the "
                                          "read_all_orders scope: daily counts before then are missing",
                                          core::format_iso8601(limit)));
    }
    return true;
}

std::optional<std::int64_t> ShopifySource::count_orders(const std::string& search)
{
    auto reply =
        m_client.call(orders_count_query(), fmt::format(R"({{"query":{}}})", json_string(search)), 0);
    if (reply.status != CallStatus::ok)
        return std::nullopt;
    return integer(path(reply.data(), {"ordersCount", "count"}));
}

void ShopifySource::fetch_orders(const SourceWindow& window, SourceFetch& out)
{
    Recorder rec(out);
    std::map<std::string, std::int64_t> per_day;
    for (const auto& d : window.daily_dates)
        per_day[d] = 0;
    // Each part has its own counters: in bulk mode the two parts run at once.
    std::int64_t unreadable_days = 0;
    std::int64_t unreadable_window = 0;
    // Days before the window only feed the daily counts: scalars, no hashing.
    auto day_sink = [&](const rapidjson::Value& node) {
        auto created = time_value(member(&node, "createdAt"));
        if (!created) {
            ++unreadable_days;
            return;
        }
        bool counts = !truthy(member(&node, "test")) && !text(member(&node, "email")).empty() &&
            std::find(window.exclude_channels.begin(), window.exclude_channels.end(),
                      text(member(&node, "sourceName"))) == window.exclude_channels.end();
        if (!counts)
            return;
        auto it = per_day.find(core::local_date(*created, window.timezone));
        if (it != per_day.end())
            ++it->second;
    };
    auto window_sink = [&](const rapidjson::Value& node) {
        auto order = parse_order(node, m_hasher);
        if (!order) {
            ++unreadable_window;
            return;
        }
        out.order_ids_seen.insert(order->id);
        if (order->created_at >= window.since && order->created_at < window.until)
            out.data.orders.push_back(std::move(*order));
    };
    const bool has_days = window.orders_from < window.since;
    const std::string days_search = time_range_search("created_at", window.orders_from, window.since);
    std::string window_search =
        time_range_search("created_at", std::max(window.orders_from, window.since), window.until);
    if (window.orders_updated_from > window.since)  // incremental: only what changed since the previous run
        window_search +=
            fmt::format(" AND updated_at:>='{}'", core::format_iso8601(window.orders_updated_from));
    auto count = count_orders(time_range_search("created_at", window.orders_from, window.until));
    if (count && *count > m_config.bulk_threshold) {
        fetch_orders_bulk(has_days ? days_search : std::string(), window_search, day_sink, window_sink, out);
    } else {
        auto progress = pages_progress(m_progress, "orders");
        if (has_days) {
            ConnectionQuery days{order_counts_query(), "orders", days_search, m_config.page_size};
            record(rec, "orders (look-back days)", model::dataset::daily_orders,
                   fetch_connection(m_client, days, day_sink, progress));
        }
        ConnectionQuery q{orders_query(m_fields, OrderSort::created_at), "orders", window_search,
                          m_config.page_size};
        record(rec, "orders", model::dataset::orders, fetch_connection(m_client, q, window_sink, progress));
    }
    if (unreadable_days > 0)
        rec.failure("orders (look-back days)", model::dataset::daily_orders, CallStatus::partial,
                    fmt::format("{} order(s) could not be read", unreadable_days), true);
    if (unreadable_window > 0)
        rec.failure("orders", model::dataset::orders, CallStatus::partial,
                    fmt::format("{} order(s) could not be read", unreadable_window), true);
    for (const auto& [date, n] : per_day)
        out.data.daily_orders.push_back({date, n});
    rec.count("orders", static_cast<std::int64_t>(out.data.orders.size()));
    rec.count("daily_orders", static_cast<std::int64_t>(out.data.daily_orders.size()));
}

// Two bulk operations: the look-back days with scalars only, the window with
// the full fields. From API 2026-01 five may run at once per shop, so the
// window's runs beside the days'; before, one after the other.
void ShopifySource::fetch_orders_bulk(const std::string& days_search, const std::string& window_search,
                                      const NodeSink& day_sink, const NodeSink& window_sink, SourceFetch& out)
{
    Recorder rec(out);
    auto run = [&](const std::string& document, const NodeSink& sink, const char* label,
                   std::string_view dataset) {
        auto bulk = run_bulk_query(m_client, m_download, document, BulkShape::flat,
                                   [&](const rapidjson::Value& node, const auto&) { sink(node); });
        if (!bulk.ok)
            rec.failure(label, dataset, bulk.failure, bulk.error, bulk.roots > 0);
        return bulk.roots;
    };
    std::int64_t window_roots = 0;
    std::int64_t day_roots = 0;
    {
        auto run_window = [&] {
            window_roots = run(bulk_orders_document(m_fields, window_search), window_sink, "orders (bulk)",
                               model::dataset::orders);
        };
        // Beside the look-back days where the API runs two bulk operations at once. An
        // exception in that thread reaches this one through the future (a bare thread
        // would end the process), and the future's destructor waits for the thread.
        std::future<void> beside;
        if (m_config.api_version >= "2026-01")
            beside = std::async(std::launch::async, run_window);
        if (!days_search.empty())
            day_roots = run(bulk_order_days_document(days_search), day_sink, "orders (bulk, look-back days)",
                            model::dataset::daily_orders);
        if (beside.valid())
            beside.get();
        else
            run_window();
    }
    out.manifest.info.push_back(fmt::format("{} orders fetched by bulk operations ({} of the look-back days "
                                            "with only what a daily count needs, {} "
                                            "of the window)",
                                            day_roots + window_roots, day_roots, window_roots));
}

void ShopifySource::fetch_customers(const SourceWindow& window, SourceFetch& out, const EmailHandoff& emails)
{
    Recorder rec(out);
    model::WindowEmails found;
    ConnectionQuery q{customers_query(m_fields), "customers",
                      time_range_search("updated_at", window.customers_from, window.until),
                      m_config.page_size};
    auto r = fetch_connection(
        m_client, q,
        [&](const rapidjson::Value& node) {
            if (auto c = parse_customer(node, m_hasher)) {
                if (!c->email.empty()) {
                    found.customers.push_back(c->email);
                    // Opted in to email marketing in the window: the subscriber-list check.
                    const auto& opted = c->customer.consent_updated_at;
                    if (c->customer.consent == model::SourceConsent::subscribed && opted &&
                        *opted >= window.since && *opted < window.until)
                        found.new_subscribers.push_back(c->email);
                }
                out.data.customers.push_back(std::move(c->customer));
            }
        },
        pages_progress(m_progress, "customers"));
    emails(std::move(found));
    record(rec, "customers", model::dataset::customers, r);
    rec.count("customers", static_cast<std::int64_t>(out.data.customers.size()));
}

void ShopifySource::fetch_checkouts(const SourceWindow& window, SourceFetch& out)
{
    Recorder rec(out);
    ConnectionQuery q{checkouts_query(m_fields), "abandonedCheckouts",
                      time_range_search("created_at", window.since, window.until), m_config.page_size};
    auto r = fetch_connection(m_client, q, [&](const rapidjson::Value& node) {
        if (auto c = parse_checkout(node, m_hasher))
            out.data.checkouts.push_back(std::move(*c));
    });
    record(rec, "checkouts", model::dataset::checkouts, r);
    rec.count("checkouts", static_cast<std::int64_t>(out.data.checkouts.size()));
}

void ShopifySource::fetch_order_changes(const SourceWindow& window, SourceFetch& out)
{
    Recorder rec(out);
    // A fulfilment, cancellation or refund updates its order, so the orders updated since the
    // window's start hold every one that happened in the window, whenever the order was placed.
    // Incremental: only the orders updated since the previous run; it holds the earlier changes.
    ConnectionQuery q{order_changes_query(m_fields), "orders",
                      fmt::format("updated_at:>='{}'",
                                  core::format_iso8601(std::max(window.since, window.orders_updated_from))),
                      std::min(m_config.page_size, 100)};
    std::int64_t unreadable = 0;
    auto r = fetch_connection(
        m_client, q,
        [&](const rapidjson::Value& node) {
            if (!member(&node, "createdAt")) {
                ++unreadable;
                return;
            }
            for (auto& c : parse_order_changes(node, m_hasher))
                if (c.at >= window.since && c.at < window.until)
                    out.data.order_changes.push_back(std::move(c));
        },
        pages_progress(m_progress, "order changes"));
    record(rec, "order changes", model::dataset::order_changes, r);
    if (unreadable > 0)
        rec.failure("order changes", model::dataset::order_changes, CallStatus::partial,
                    fmt::format("{} order(s) could not be read", unreadable), true);
    rec.count("order_changes", static_cast<std::int64_t>(out.data.order_changes.size()));
}

SourceFetch ShopifySource::fetch(const SourceWindow& window, const EmailHandoff& emails)
{
    return fetch_source("Shopify", emails, [&](SourceFetch& out, const EmailHandoff& handoff) {
        if (!preflight(window, out))
            return false;
        // Orders on one thread, customers and checkouts on another: they share
        // the cost bucket, so this overlaps latency without exceeding the limit.
        // The future carries the orders thread's exception; its destructor waits for
        // the thread when this one throws first.
        SourceFetch orders_part;
        {
            auto orders_done = std::async(std::launch::async, [&] { fetch_orders(window, orders_part); });
            fetch_customers(window, out, handoff);
            fetch_checkouts(window, out);
            fetch_order_changes(window, out);
            orders_done.get();
        }
        merge_part(out, std::move(orders_part));
        return true;
    });
}

}  // namespace frr::connectors::shopify
