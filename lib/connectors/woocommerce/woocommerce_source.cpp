#include "connectors/woocommerce/woocommerce_source.hpp"

#include "connectors/fetch_support.hpp"
#include "connectors/json_access.hpp"
#include "connectors/woocommerce/records.hpp"
#include "core/time.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <future>
#include <map>
#include <set>

namespace frr::connectors::woocommerce {

namespace {

constexpr const char* k_credentials_remedy =
    "check source.auth (consumer_key_env, consumer_secret_env) and that the key still exists with Read "
    "permission under WooCommerce > Settings > Advanced > REST API; a host that strips the Authorization "
    "header refuses every key the same way";

// The connectors' shared recorder (connectors/fetch_support.hpp), with WooCommerce's reply status.
class Recorder : public connectors::FetchRecorder {
public:
    explicit Recorder(connectors::SourceFetch& out) : FetchRecorder(out.manifest, out.exit) { }
    void failure(const std::string& label, std::string_view dataset, ReplyStatus status,
                 const std::string& message, bool some_read = false)
    {
        FetchRecorder::failure(label, dataset,
                               status == ReplyStatus::unauthorized || status == ReplyStatus::forbidden,
                               message, some_read);
    }
    void check(const std::string& label, std::string_view dataset, const PagedResult& r)
    {
        if (!r.complete())
            failure(label, dataset, r.status, r.error, r.records > 0);
    }
};

std::string gmt(core::TimePoint t)
{
    return core::format_iso8601(t);
}

}  // namespace

WooCommerceSource::WooCommerceSource(RestClient& client, const model::EmailHasher& hasher,
                                     const Settings& settings, connectors::Progress progress)
    : m_client(client),
      m_hasher(hasher),
      m_settings(settings),
      m_progress(std::move(progress))
{
}

bool WooCommerceSource::preflight(connectors::SourceFetch& out)
{
    auto reply = m_client.get("/orders", {{"per_page", "1"}, {"status", "any"}});
    if (reply.status == ReplyStatus::ok)
        return true;
    auto& m = out.manifest;
    m.mark_all(model::Role::source, model::Coverage::unavailable,
               "WooCommerce did not answer: " + reply.error);
    if (reply.status == ReplyStatus::unauthorized || reply.status == ReplyStatus::forbidden) {
        m.errors.push_back(
            fmt::format("WooCommerce refused the consumer key ({}): {}", reply.error, k_credentials_remedy));
        out.exit = core::ExitCode::credentials;
    } else {
        m.errors.push_back(
            fmt::format("WooCommerce unreachable ({}): check source.base_url ({}) and the shop's "
                        "REST API (Settings > Permalinks must not be 'Plain')",
                        reply.error, m_client.base_url()));
        out.exit = core::ExitCode::partial;
    }
    return false;
}

void WooCommerceSource::fetch_orders(const connectors::SourceWindow& window, connectors::SourceFetch& out)
{
    Recorder rec(out);
    std::map<std::string, std::int64_t> per_day;
    for (const auto& d : window.daily_dates)
        per_day[d] = 0;
    std::int64_t unreadable_days = 0;
    std::int64_t unreadable = 0;
    std::int64_t not_purchases = 0;
    std::set<std::string> seen_days;
    std::set<std::string> kept;
    auto progress = connectors::pages_progress(m_progress, "orders");
    // `after` is exclusive in WooCommerce (WP_Query's date_query): one second earlier includes the
    // bound; the bounds are applied again here, whatever the server's.
    auto created_between = [](core::TimePoint from, core::TimePoint to) {
        return Params{
            {"status", "any"},   {"dates_are_gmt", "true"}, {"after", gmt(from - std::chrono::seconds{1})},
            {"before", gmt(to)}, {"orderby", "id"},         {"order", "asc"}};
    };
    // The look-back days before the window: eligible orders per store-local day, as the
    // destination's daily Placed Order counts are compared with (WooCommerce's own sales report
    // counts other statuses and cannot leave out an excluded channel or an order without email).
    if (window.orders_from < window.since && !window.daily_dates.empty()) {
        auto r = m_client.get_all(
            "/orders", created_between(window.orders_from, window.since), m_settings.page_size,
            [&](const rapidjson::Value& node) {
                auto order = parse_order(node, m_hasher);
                if (!order) {
                    if (is_purchase(text(member(&node, "status"))))
                        ++unreadable_days;
                    return;
                }
                if (order->created_at < window.orders_from || order->created_at >= window.since ||
                    !seen_days.insert(order->id).second ||
                    !connectors::eligible(*order, window.exclude_channels))
                    return;
                if (auto it = per_day.find(core::local_date(order->created_at, window.timezone));
                    it != per_day.end())
                    ++it->second;
            },
            progress);
        rec.check("orders (look-back days)", model::dataset::daily_orders, r);
        if (unreadable_days > 0)
            rec.failure(
                "orders (look-back days)", model::dataset::daily_orders, ReplyStatus::failed,
                fmt::format("{} order(s) could not be read (no id or date_created_gmt)", unreadable_days),
                true);
    }
    Params params = created_between(window.since, window.until);
    if (window.orders_updated_from > window.since)  // incremental: only what changed since the previous run
        params.emplace_back("modified_after", gmt(window.orders_updated_from - std::chrono::seconds{1}));
    auto r = m_client.get_all(
        "/orders", params, m_settings.page_size,
        [&](const rapidjson::Value& node) {
            bool not_purchase = false;
            auto order = parse_order(node, m_hasher, &not_purchase);
            if (!order) {
                ++(not_purchase ? not_purchases : unreadable);
                return;
            }
            out.order_ids_seen.insert(order->id);
            // A page boundary that moved (an order added meanwhile) shows an order twice.
            if (order->created_at >= window.since && order->created_at < window.until &&
                kept.insert(order->id).second)
                out.data.orders.push_back(std::move(*order));
        },
        progress);
    rec.check("orders", model::dataset::orders, r);
    if (unreadable > 0)
        rec.failure("orders", model::dataset::orders, ReplyStatus::failed,
                    fmt::format("{} order(s) could not be read (no id or date_created_gmt)", unreadable),
                    true);
    if (not_purchases > 0)
        rec.info(fmt::format("{} order(s) of the window left out: pending payment, failed, draft or trashed "
                             "(not purchases)",
                             not_purchases));
    std::sort(out.data.orders.begin(), out.data.orders.end(),
              [](const auto& a, const auto& b) { return a.created_at < b.created_at; });
    for (const auto& [date, n] : per_day)
        out.data.daily_orders.push_back({date, n});
    rec.count("orders", static_cast<std::int64_t>(out.data.orders.size()));
    rec.count("daily_orders", static_cast<std::int64_t>(out.data.daily_orders.size()));
}

void WooCommerceSource::fetch_customers(const connectors::SourceWindow& window, connectors::SourceFetch& out,
                                        const connectors::EmailHandoff& emails)
{
    Recorder rec(out);
    model::WindowEmails found;
    std::set<std::string> kept;
    std::int64_t unreadable = 0;
    auto r = m_client.get_all(
        "/customers", {{"orderby", "id"}, {"order", "asc"}}, m_settings.page_size,
        [&](const rapidjson::Value& node) {
            auto c = parse_customer(node, m_hasher);
            if (!c) {
                ++unreadable;
                return;
            }
            const auto& at = c->customer.updated_at;
            if (at < window.customers_from || at >= window.until || !kept.insert(c->customer.id).second)
                return;
            if (!c->email.empty())
                found.customers.push_back(c->email);
            out.data.customers.push_back(std::move(c->customer));
        },
        connectors::pages_progress(m_progress, "customers"));
    emails(std::move(found));
    rec.check("customers", model::dataset::customers, r);
    if (unreadable > 0)
        rec.failure("customers", model::dataset::customers, ReplyStatus::failed,
                    fmt::format("{} customer(s) could not be read (no id or date_created_gmt)", unreadable),
                    true);
    if (r.complete())
        rec.info(
            fmt::format("{} customer(s) read to find the {} modified since {} (WooCommerce cannot filter "
                        "customers by date)",
                        r.records, out.data.customers.size(), gmt(window.customers_from)));
    rec.count("customers", static_cast<std::int64_t>(out.data.customers.size()));
}

void WooCommerceSource::fetch_order_changes(const connectors::SourceWindow& window,
                                            connectors::SourceFetch& out)
{
    Recorder rec(out);
    // A completion, cancellation or refund modifies its order, so the orders modified since the
    // window's start hold every one that happened in the window, whenever the order was placed.
    // Incremental: only the orders modified since the previous run; it holds the earlier changes.
    const auto from = std::max(window.since, window.orders_updated_from);
    std::int64_t unreadable = 0;
    std::set<std::string> seen;
    auto r = m_client.get_all(
        "/orders",
        {{"status", "any"},
         {"dates_are_gmt", "true"},
         {"modified_after", gmt(from - std::chrono::seconds{1})},
         {"orderby", "id"},
         {"order", "asc"}},
        m_settings.page_size,
        [&](const rapidjson::Value& node) {
            if (!member(&node, "date_created_gmt") || text(member(&node, "id")).empty()) {
                ++unreadable;
                return;
            }
            if (!seen.insert(text(member(&node, "id"))).second)
                return;
            for (auto& c : parse_order_changes(node, m_hasher))
                if (c.at >= window.since && c.at < window.until)
                    out.data.order_changes.push_back(std::move(c));
        },
        connectors::pages_progress(m_progress, "order changes"));
    rec.check("order changes", model::dataset::order_changes, r);
    if (unreadable > 0)
        rec.failure("order changes", model::dataset::order_changes, ReplyStatus::failed,
                    fmt::format("{} order(s) could not be read", unreadable), true);
    rec.count("order_changes", static_cast<std::int64_t>(out.data.order_changes.size()));
}

connectors::SourceFetch WooCommerceSource::fetch(const connectors::SourceWindow& window,
                                                 const connectors::EmailHandoff& emails)
{
    return connectors::fetch_source(
        "WooCommerce", emails, [&](connectors::SourceFetch& out, const connectors::EmailHandoff& handoff) {
            out.manifest.not_offered(model::dataset::checkouts,
                                     "WooCommerce does not keep abandoned checkouts");
            out.manifest.not_offered(model::dataset::customer_consent,
                                     "WooCommerce does not keep customers' email-marketing consent");
            if (!preflight(out))
                return false;
            // Orders and their day counts on one thread; customers (which the destination's profile
            // look-ups wait for) and the order changes on this one. The future carries the orders
            // thread's exception; its destructor waits for the thread when this one throws first.
            connectors::SourceFetch orders_part;
            {
                auto orders_done = std::async(std::launch::async, [&] { fetch_orders(window, orders_part); });
                fetch_customers(window, out, handoff);
                fetch_order_changes(window, out);
                orders_done.get();
            }
            connectors::merge_part(out, std::move(orders_part));
            return true;
        });
}

}  // namespace frr::connectors::woocommerce
