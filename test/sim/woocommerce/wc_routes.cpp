// WooCommerce REST API v3 (docs/simulator.md "WooCommerce"): the generated store under
// /wp-json/wc/v3/, in a `source: woocommerce` scenario. Every request meets, in WordPress's
// order: a fault (if one is injected), the consumer key check (an unknown key or wrong secret is
// refused at once), the parameter validation, then the permission check (no credentials at all).
// Collections page with page/per_page and answer X-WP-Total, X-WP-TotalPages and Link.
#include <httplib.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>
#include <memory>
#include <thread>
#include <tuple>

#include "base64.hpp"
#include "routes.hpp"
#include "sim_context.hpp"
#include "woocommerce/wc_params.hpp"
#include "woocommerce/wc_records.hpp"
#include "woocommerce/wc_reports.hpp"

namespace frr::sim {

namespace {

using namespace woocommerce;

constexpr const char* k_json = "application/json; charset=UTF-8";

std::string wp_error(std::string_view code, std::string_view message, int status)
{
    rapidjson::StringBuffer buf;
    JsonWriter w(buf);
    w.StartObject();
    w.Key("code");
    w.String(code.data(), static_cast<rapidjson::SizeType>(code.size()));
    w.Key("message");
    w.String(message.data(), static_cast<rapidjson::SizeType>(message.size()));
    w.Key("data");
    w.StartObject();
    w.Key("status");
    w.Int(status);
    w.EndObject();
    w.EndObject();
    return buf.GetString();
}

// WooCommerce compares search terms and emails case-insensitively (MySQL's default collation);
// the simulator folds ASCII letters, which is all its generated data holds.
std::string ascii_lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

void send_error(httplib::Response& res, int status, std::string_view code, std::string_view message)
{
    res.status = status;
    res.set_content(wp_error(code, message, status), k_json);
}

enum class Auth : std::uint8_t { ok, none, bad_key, bad_secret };

// WooCommerce's REST authentication over HTTPS: HTTP Basic (key as user, secret as password),
// or the consumer_key / consumer_secret query parameters.
Auth authenticate(const httplib::Request& req, const SimContext& ctx)
{
    std::string key, secret;
    const std::string header = req.get_header_value("Authorization");
    if (header.size() > 6 && (header.compare(0, 6, "Basic ") == 0 || header.compare(0, 6, "basic ") == 0)) {
        auto decoded = base64_decode(header.substr(6));
        if (!decoded)
            return Auth::bad_key;
        auto colon = decoded->find(':');
        key = decoded->substr(0, colon);
        secret = colon == std::string::npos ? std::string() : decoded->substr(colon + 1);
    } else if (req.has_param("consumer_key") || req.has_param("consumer_secret")) {
        key = req.get_param_value("consumer_key");
        secret = req.get_param_value("consumer_secret");
    } else {
        return Auth::none;
    }
    auto expected = ctx.woocommerce_secret(key);
    if (!expected)
        return Auth::bad_key;
    return *expected == secret ? Auth::ok : Auth::bad_secret;
}

// Refuses a request whose consumer key or secret is wrong; true when answered.
bool refuse_bad_credentials(Auth auth, httplib::Response& res)
{
    if (auth == Auth::bad_key) {
        send_error(res, 401, "woocommerce_rest_authentication_error", "Consumer key is invalid.");
        return true;
    }
    if (auth == Auth::bad_secret) {
        send_error(res, 401, "woocommerce_rest_authentication_error", "Consumer secret is invalid.");
        return true;
    }
    return false;
}

// Applies a transport fault; true when the response is complete. `deferred` keeps the faults
// that shape the answer (truncated, invalid_json, short_page).
bool apply_fault(const std::optional<Fault>& fault, httplib::Response& res, std::optional<Fault>& deferred)
{
    if (!fault)
        return false;
    switch (fault->kind) {
    case FaultKind::http_status:
    case FaultKind::outage: {
        const int status = fault->kind == FaultKind::outage ? 503 : fault->status;
        res.status = status;
        if (fault->body == BodyKind::html)
            res.set_content(html_error_page(status), "text/html; charset=UTF-8");
        else if (fault->body == BodyKind::json)
            res.set_content(status == 503
                                ? wp_error("service_unavailable", "Service Unavailable", 503)
                                : wp_error("internal_server_error",
                                           "There has been a critical error on this website.", status),
                            k_json);
        if (status == 503 && fault->retry_after)
            res.set_header("Retry-After", std::to_string(fault->retry_after_seconds));
        return true;
    }
    case FaultKind::rate_limit:
        // WooCommerce itself has no limit on this API; the host in front of it answers 429.
        res.status = 429;
        if (fault->retry_after)
            res.set_header("Retry-After", std::to_string(fault->retry_after_seconds));
        res.set_content(wp_error("too_many_requests", "Too Many Requests", 429), k_json);
        return true;
    case FaultKind::reset: respond_reset(res); return true;
    case FaultKind::slow: std::this_thread::sleep_for(fault->delay); return false;
    case FaultKind::truncated:
    case FaultKind::invalid_json:
    case FaultKind::short_page: deferred = fault; return false;
    case FaultKind::expire_tokens:
    case FaultKind::graphql_partial: return false;
    }
    return false;
}

void send_json(httplib::Response& res, const std::optional<Fault>& deferred, std::string body)
{
    res.status = 200;
    if (deferred && deferred->kind == FaultKind::truncated) {
        respond_truncated(res, std::move(body), k_json);
    } else if (deferred && deferred->kind == FaultKind::invalid_json) {
        res.set_content("[{\"id\":1001,\"status\":\"process", k_json);
    } else {
        res.set_content(std::move(body), k_json);
    }
}

// The collection's URL with the request's own query and `page` set (WooCommerce's
// add_query_arg over the request's query parameters).
std::string page_link(const std::string& collection, const httplib::Request& req, std::int64_t page)
{
    std::string query;
    bool page_set = false;
    for (const auto& [key, value] : req.params) {
        std::string v = value;
        if (key == "page") {
            if (page_set)
                continue;
            v = std::to_string(page);
            page_set = true;
        }
        query += (query.empty() ? "" : "&") + httplib::detail::encode_query_param(key) + "=" +
            httplib::detail::encode_query_param(v);
    }
    if (!page_set)
        query += (query.empty() ? "" : "&") + std::string("page=") + std::to_string(page);
    return collection + "?" + query;
}

// X-WP-Total, X-WP-TotalPages, and Link with rel="prev"/"next" (WC_REST_CRUD_Controller).
void paging_headers(httplib::Response& res, const httplib::Request& req, const std::string& collection,
                    std::size_t total, std::int64_t per_page, std::int64_t page)
{
    const auto pages = static_cast<std::int64_t>((total + static_cast<std::size_t>(per_page) - 1) /
                                                 static_cast<std::size_t>(per_page));
    res.set_header("X-WP-Total", std::to_string(total));
    res.set_header("X-WP-TotalPages", std::to_string(pages));
    std::string link;
    if (page > 1) {
        const std::int64_t prev = std::min(page - 1, pages);
        link = "<" + page_link(collection, req, prev) + ">; rel=\"prev\"";
    }
    if (pages > page)
        link += (link.empty() ? "" : ", ") + std::string("<") + page_link(collection, req, page + 1) +
            ">; rel=\"next\"";
    if (!link.empty())
        res.set_header("Link", link);
    res.set_header("Allow", "GET");
}

bool contains_folded(std::string_view haystack, const std::string& needle_lower)
{
    return ascii_lower(std::string(haystack)).find(needle_lower) != std::string::npos;
}

class WooService {
public:
    explicit WooService(SimContext& ctx) : m_ctx(ctx), m_store(ctx.store())
    {
        m_paying.assign(m_store.customers.size(), false);
        for (const Order& o : m_store.orders) {
            const Status st = order_status(o);
            if (o.customer != k_none &&
                (st == Status::processing || st == Status::completed || st == Status::refunded))
                m_paying[o.customer] = true;
        }
        for (Index i = 0; i < m_store.customers.size(); ++i)
            if (m_store.customers[i].has_email())
                m_accounts.push_back(i);
    }

    std::string api_base() const { return m_ctx.base_url() + "/wp-json/wc/v3"; }

    // GET /orders
    void orders(const httplib::Request& req, httplib::Response& res, Auth auth,
                const std::optional<Fault>& deferred)
    {
        Params p(req, m_store);
        p.one_of("context", "view", {"view", "edit"});
        const std::int64_t page = p.integer("page", 1, 1, std::nullopt);
        const std::int64_t per_page = p.integer("per_page", 10, 1, 100);
        const std::int64_t offset = p.integer("offset", -1, std::nullopt, std::nullopt);
        const bool gmt = p.boolean("dates_are_gmt", false);
        const auto after = p.date_time("after", gmt);
        const auto before = p.date_time("before", gmt);
        const auto modified_after = p.date_time("modified_after", gmt);
        const auto modified_before = p.date_time("modified_before", gmt);
        const std::string order = p.one_of("order", "desc", {"asc", "desc"});
        const std::string orderby =
            p.one_of("orderby", "date", {"date", "id", "include", "title", "slug", "modified"});
        const auto statuses = p.list_of("status", {"any"},
                                        {"any", "trash", "pending", "processing", "on-hold", "completed",
                                         "cancelled", "refunded", "failed", "checkout-draft"});
        const auto include = p.integers("include");
        const auto exclude = p.integers("exclude");
        const auto parent = p.integers("parent");
        const auto parent_exclude = p.integers("parent_exclude");
        const std::int64_t customer = p.integer("customer", -1, std::nullopt, std::nullopt);
        const std::int64_t product = p.integer("product", -1, std::nullopt, std::nullopt);
        p.integer("dp", 2, std::nullopt, std::nullopt);
        const std::string search = ascii_lower(p.text("search"));
        if (refused(res, p, auth, "Sorry, you cannot list resources."))
            return;

        const bool any = std::find(statuses.begin(), statuses.end(), "any") != statuses.end();
        std::vector<Index> hits;
        for (Index i = 0; i < m_store.orders.size(); ++i) {
            const Order& o = m_store.orders[i];
            const std::int64_t id = order_id(o);
            if (!any &&
                std::find(statuses.begin(), statuses.end(), status_name(order_status(o))) == statuses.end())
                continue;
            if ((after && !(o.created_at > *after)) || (before && !(o.created_at < *before)) ||
                (modified_after && !(o.updated_at > *modified_after)) ||
                (modified_before && !(o.updated_at < *modified_before)))
                continue;
            if (!include.empty() && std::find(include.begin(), include.end(), id) == include.end())
                continue;
            if (std::find(exclude.begin(), exclude.end(), id) != exclude.end())
                continue;
            if (!parent.empty() && std::find(parent.begin(), parent.end(), 0) == parent.end())
                continue;
            if (std::find(parent_exclude.begin(), parent_exclude.end(), 0) != parent_exclude.end())
                continue;
            if (customer >= 0 && customer_id(m_store, o) != customer)
                continue;
            if (product >= 0) {
                auto items = m_store.line_items_of(o);
                if (std::none_of(items.begin(), items.end(), [&](const LineItem& li) {
                        return m_store.products[li.product].id == product;
                    }))
                    continue;
            }
            if (!search.empty()) {
                const Customer* c = m_store.customer_of(o);
                if (!contains_folded(std::to_string(id), search) &&
                    !(c != nullptr &&
                      (contains_folded(c->email, search) || contains_folded(c->first_name, search) ||
                       contains_folded(c->last_name, search))))
                    continue;
            }
            hits.push_back(i);
        }
        auto key = [&](Index i) {
            const Order& o = m_store.orders[i];
            if (orderby == "modified")
                return std::pair(o.updated_at.time_since_epoch().count(), order_id(o));
            if (orderby == "id")
                return std::pair(std::int64_t{0}, order_id(o));
            if (orderby == "include") {
                auto at = std::find(include.begin(), include.end(), order_id(o));
                return std::pair(static_cast<std::int64_t>(at - include.begin()), order_id(o));
            }
            return std::pair(o.created_at.time_since_epoch().count(), order_id(o));
        };
        std::stable_sort(hits.begin(), hits.end(), [&](Index a, Index b) {
            return order == "asc" ? key(a) < key(b) : key(b) < key(a);
        });
        const std::string base = api_base();
        const std::size_t first =
            offset >= 0 ? static_cast<std::size_t>(offset) : static_cast<std::size_t>((page - 1) * per_page);
        std::size_t last = std::min(hits.size(), first + static_cast<std::size_t>(per_page));
        if (deferred && deferred->kind == FaultKind::short_page && last > first + 1)
            --last;
        rapidjson::StringBuffer buf;
        JsonWriter w(buf);
        w.StartArray();
        for (std::size_t k = first; k < last; ++k)
            write_order(w, m_store, m_store.orders[hits[k]], base);
        w.EndArray();
        paging_headers(res, req, base + "/orders", hits.size(), per_page, page);
        send_json(res, deferred, buf.GetString());
    }

    // GET /orders/{id}
    void order(const httplib::Request& req, httplib::Response& res, Auth auth,
               const std::optional<Fault>& deferred)
    {
        Params p(req, m_store);
        p.one_of("context", "view", {"view", "edit"});
        if (refused(res, p, auth, "Sorry, you cannot view this resource."))
            return;
        const std::int64_t id = std::stoll(req.matches[1].str());
        auto it = std::lower_bound(m_store.orders.begin(), m_store.orders.end(), id,
                                   [](const Order& o, std::int64_t v) { return order_id(o) < v; });
        if (it == m_store.orders.end() || order_id(*it) != id)
            return send_error(res, 404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.");
        rapidjson::StringBuffer buf;
        JsonWriter w(buf);
        write_order(w, m_store, *it, api_base());
        send_json(res, deferred, buf.GetString());
    }

    // GET /customers
    void customers(const httplib::Request& req, httplib::Response& res, Auth auth,
                   const std::optional<Fault>& deferred)
    {
        Params p(req, m_store);
        p.one_of("context", "view", {"view", "edit"});
        const std::int64_t page = p.integer("page", 1, 1, std::nullopt);
        const std::int64_t per_page = p.integer("per_page", 10, 1, 100);
        const std::int64_t offset = p.integer("offset", -1, std::nullopt, std::nullopt);
        const std::string order = p.one_of("order", "asc", {"asc", "desc"});
        const std::string orderby = p.one_of("orderby", "name", {"id", "include", "name", "registered_date"});
        const std::string role = p.one_of("role", "customer",
                                          {"all", "administrator", "editor", "author", "contributor",
                                           "subscriber", "customer", "shop_manager"});
        const auto include = p.integers("include");
        const auto exclude = p.integers("exclude");
        const auto email = p.email("email");
        const std::string search = ascii_lower(p.text("search"));
        if (refused(res, p, auth, "Sorry, you cannot list resources."))
            return;
        const std::string email_folded = ascii_lower(email.value_or(""));
        std::vector<Index> hits;
        if (role == "all" || role == "customer")
            for (Index i : m_accounts) {
                const Customer& c = m_store.customers[i];
                if (!include.empty() && std::find(include.begin(), include.end(), c.id) == include.end())
                    continue;
                if (std::find(exclude.begin(), exclude.end(), c.id) != exclude.end())
                    continue;
                if (email && normalise_email(c.email) != normalise_email(email_folded))
                    continue;
                if (!search.empty() && !contains_folded(c.email, search) &&
                    !contains_folded(c.first_name, search) && !contains_folded(c.last_name, search))
                    continue;
                hits.push_back(i);
            }
        auto name_of = [&](Index i) {
            const Customer& c = m_store.customers[i];
            return std::string(c.first_name) + " " + std::string(c.last_name);
        };
        auto less = [&](Index a, Index b) {
            const Customer& ca = m_store.customers[a];
            const Customer& cb = m_store.customers[b];
            if (orderby == "name") {
                const std::string na = name_of(a), nb = name_of(b);
                return na != nb ? na < nb : ca.id < cb.id;
            }
            if (orderby == "registered_date")
                return ca.created_at != cb.created_at ? ca.created_at < cb.created_at : ca.id < cb.id;
            if (orderby == "include") {
                auto pa = std::find(include.begin(), include.end(), ca.id) - include.begin();
                auto pb = std::find(include.begin(), include.end(), cb.id) - include.begin();
                return pa != pb ? pa < pb : ca.id < cb.id;
            }
            return ca.id < cb.id;
        };
        std::stable_sort(hits.begin(), hits.end(),
                         [&](Index a, Index b) { return order == "asc" ? less(a, b) : less(b, a); });
        const std::string base = api_base();
        const std::size_t first =
            offset >= 0 ? static_cast<std::size_t>(offset) : static_cast<std::size_t>((page - 1) * per_page);
        std::size_t last = std::min(hits.size(), first + static_cast<std::size_t>(per_page));
        if (deferred && deferred->kind == FaultKind::short_page && last > first + 1)
            --last;
        rapidjson::StringBuffer buf;
        JsonWriter w(buf);
        w.StartArray();
        for (std::size_t k = first; k < last; ++k)
            write_customer(w, m_store, m_store.customers[hits[k]], m_paying[hits[k]], base);
        w.EndArray();
        paging_headers(res, req, base + "/customers", hits.size(), per_page, page);
        send_json(res, deferred, buf.GetString());
    }

    // GET /customers/{id}
    void customer(const httplib::Request& req, httplib::Response& res, Auth auth,
                  const std::optional<Fault>& deferred)
    {
        Params p(req, m_store);
        p.one_of("context", "view", {"view", "edit"});
        if (refused(res, p, auth, "Sorry, you cannot view this resource."))
            return;
        const Index i = m_store.find_customer(std::stoll(req.matches[1].str()));
        if (i == k_none || !m_store.customers[i].has_email())
            return send_error(res, 404, "woocommerce_rest_invalid_id", "Invalid resource ID.");
        rapidjson::StringBuffer buf;
        JsonWriter w(buf);
        write_customer(w, m_store, m_store.customers[i], m_paying[i], api_base());
        send_json(res, deferred, buf.GetString());
    }

    // GET /reports/sales
    void sales(const httplib::Request& req, httplib::Response& res, Auth auth,
               const std::optional<Fault>& deferred)
    {
        Params p(req, m_store);
        p.one_of("context", "view", {"view"});
        const std::string period = p.one_of("period", "week", {"week", "month", "last_month", "year"});
        const auto date_min = p.date("date_min");
        const auto date_max = p.date("date_max");
        if (refused(res, p, auth, "Sorry, you cannot list resources."))
            return;
        send_json(res, deferred,
                  sales_report_json(m_store, m_ctx.now(), period, date_min, date_max, api_base()));
    }

    // GET /reports
    void reports(const httplib::Request& req, httplib::Response& res, Auth auth,
                 const std::optional<Fault>& deferred)
    {
        Params p(req, m_store);
        p.one_of("context", "view", {"view"});
        if (refused(res, p, auth, "Sorry, you cannot list resources."))
            return;
        rapidjson::StringBuffer buf;
        JsonWriter w(buf);
        w.StartArray();
        for (const auto& [slug, description] : {std::pair{"sales", "List of sales reports."},
                                                std::pair{"top_sellers", "List of top sellers products."},
                                                std::pair{"orders/totals", "Orders totals."},
                                                std::pair{"customers/totals", "Customers totals."}}) {
            w.StartObject();
            w.Key("slug");
            w.String(slug);
            w.Key("description");
            w.String(description);
            w.EndObject();
        }
        w.EndArray();
        send_json(res, deferred, buf.GetString());
    }

    // GET /reports/orders/totals: orders per status.
    void order_totals(const httplib::Request& req, httplib::Response& res, Auth auth,
                      const std::optional<Fault>& deferred)
    {
        Params p(req, m_store);
        p.one_of("context", "view", {"view"});
        if (refused(res, p, auth, "Sorry, you cannot list resources."))
            return;
        std::array<std::uint64_t, 7> counts{};
        for (const Order& o : m_store.orders)
            ++counts[static_cast<std::size_t>(order_status(o))];
        rapidjson::StringBuffer buf;
        JsonWriter w(buf);
        w.StartArray();
        const std::pair<Status, const char*> names[] = {{Status::pending, "Pending payment"},
                                                        {Status::processing, "Processing"},
                                                        {Status::on_hold, "On hold"},
                                                        {Status::completed, "Completed"},
                                                        {Status::cancelled, "Cancelled"},
                                                        {Status::refunded, "Refunded"},
                                                        {Status::failed, "Failed"}};
        for (const auto& [status, name] : names) {
            w.StartObject();
            w.Key("slug");
            w.String(std::string(status_name(status)).c_str());
            w.Key("name");
            w.String(name);
            w.Key("total");
            w.Uint64(counts[static_cast<std::size_t>(status)]);
            w.EndObject();
        }
        w.EndArray();
        send_json(res, deferred, buf.GetString());
    }

    // GET /system_status (the doctor's probe): the environment, the active plugins (Klaviyo's
    // among them), the store's settings.
    void system_status(const httplib::Request& req, httplib::Response& res, Auth auth,
                       const std::optional<Fault>& deferred)
    {
        Params p(req, m_store);
        p.one_of("context", "view", {"view"});
        if (refused(res, p, auth, "Sorry, you cannot list resources."))
            return;
        const std::string site = m_ctx.base_url();
        rapidjson::StringBuffer buf;
        JsonWriter w(buf);
        w.StartObject();
        w.Key("environment");
        w.StartObject();
        for (const auto& [k, v] : {std::pair{"home_url", site}, std::pair{"site_url", site}}) {
            w.Key(k);
            w.String(v.c_str());
        }
        w.Key("version");
        w.String("9.4.2");
        w.Key("wp_version");
        w.String("6.7.1");
        w.Key("wp_multisite");
        w.Bool(false);
        w.Key("language");
        w.String("en_GB");
        w.Key("external_object_cache");
        w.Null();
        w.EndObject();
        w.Key("active_plugins");
        w.StartArray();
        for (const auto& [plugin, name, version] :
             {std::tuple{"woocommerce/woocommerce.php", "WooCommerce", "9.4.2"},
              std::tuple{"klaviyo/klaviyo.php", "Klaviyo", "3.4.3"}}) {
            w.StartObject();
            w.Key("plugin");
            w.String(plugin);
            w.Key("name");
            w.String(name);
            w.Key("version");
            w.String(version);
            w.EndObject();
        }
        w.EndArray();
        w.Key("settings");
        w.StartObject();
        w.Key("api_enabled");
        w.Bool(true);
        w.Key("currency");
        w.String(std::string(currency_code(m_store.shop.currency)).c_str());
        w.Key("currency_symbol");
        w.String(m_store.shop.currency == Currency::gbp ? "£" : "€");
        w.Key("number_of_decimals");
        w.Int(2);
        w.EndObject();
        w.EndObject();
        send_json(res, deferred, buf.GetString());
    }

    // GET /wp-json/wc/v3: the namespace index (no authentication needed).
    void index(httplib::Response& res, const std::optional<Fault>& deferred)
    {
        rapidjson::StringBuffer buf;
        JsonWriter w(buf);
        w.StartObject();
        w.Key("namespace");
        w.String("wc/v3");
        w.Key("routes");
        w.StartObject();
        for (const char* route :
             {"/wc/v3", "/wc/v3/orders", "/wc/v3/orders/(?P<id>[\\d]+)", "/wc/v3/customers",
              "/wc/v3/customers/(?P<id>[\\d]+)", "/wc/v3/reports", "/wc/v3/reports/sales",
              "/wc/v3/reports/orders/totals", "/wc/v3/system_status"}) {
            w.Key(route);
            w.StartObject();
            w.Key("namespace");
            w.String("wc/v3");
            w.Key("methods");
            w.StartArray();
            w.String("GET");
            w.EndArray();
            w.EndObject();
        }
        w.EndObject();
        w.EndObject();
        send_json(res, deferred, buf.GetString());
    }

    // GET /wp-json/: the WordPress site index, with the site's time zone.
    void root(httplib::Response& res, const std::optional<Fault>& deferred)
    {
        const std::string site = m_ctx.base_url();
        rapidjson::StringBuffer buf;
        JsonWriter w(buf);
        w.StartObject();
        w.Key("name");
        w.String(m_store.shop.name.c_str());
        w.Key("description");
        w.String("");
        w.Key("url");
        w.String(site.c_str());
        w.Key("home");
        w.String(site.c_str());
        w.Key("timezone_string");
        w.String(m_store.shop.timezone.c_str());
        w.Key("namespaces");
        w.StartArray();
        for (const char* ns : {"oembed/1.0", "klaviyo/v1", "wc/v3", "wp/v2"})
            w.String(ns);
        w.EndArray();
        w.EndObject();
        send_json(res, deferred, buf.GetString());
    }

private:
    static void send_400(httplib::Response& res, const Params& p)
    {
        res.status = 400;
        res.set_content(p.error_json(), k_json);
    }

    // The checks every route makes before it reads the store, in WordPress's order: bad parameters
    // are a 400 (rest_invalid_param), then a request without credentials a 401. True when the
    // answer has been sent.
    static bool refused(httplib::Response& res, const Params& p, Auth auth, std::string_view denied)
    {
        if (!p.ok()) {
            send_400(res, p);
            return true;
        }
        if (auth == Auth::none) {
            send_error(res, 401, "woocommerce_rest_cannot_view", denied);
            return true;
        }
        return false;
    }

    SimContext& m_ctx;
    const Store& m_store;
    std::vector<bool> m_paying;
    std::vector<Index> m_accounts;  // customers with an account (an email), by id
};

}  // namespace

void register_woocommerce_routes(httplib::Server& server, SimContext& ctx)
{
    auto service = std::make_shared<WooService>(ctx);
    using Handler =
        void (WooService::*)(const httplib::Request&, httplib::Response&, Auth, const std::optional<Fault>&);
    auto route = [&server, &ctx, service](const std::string& pattern, Handler handler) {
        server.Get(pattern, [&ctx, service, handler](const httplib::Request& req, httplib::Response& res) {
            std::optional<Fault> deferred;
            if (apply_fault(ctx.take_fault(Platform::woocommerce, req.path, fault_request_text(req)), res,
                            deferred))
                return;
            const Auth auth = authenticate(req, ctx);
            if (refuse_bad_credentials(auth, res))
                return;
            ((*service).*handler)(req, res, auth, deferred);
        });
    };
    route("/wp-json/wc/v3/orders", &WooService::orders);
    route(R"(/wp-json/wc/v3/orders/(\d+))", &WooService::order);
    route("/wp-json/wc/v3/customers", &WooService::customers);
    route(R"(/wp-json/wc/v3/customers/(\d+))", &WooService::customer);
    route("/wp-json/wc/v3/reports", &WooService::reports);
    route("/wp-json/wc/v3/reports/sales", &WooService::sales);
    route("/wp-json/wc/v3/reports/orders/totals", &WooService::order_totals);
    route("/wp-json/wc/v3/system_status", &WooService::system_status);
    server.Get(R"(/wp-json/wc/v3/?)", [&ctx, service](const httplib::Request& req, httplib::Response& res) {
        std::optional<Fault> deferred;
        if (apply_fault(ctx.take_fault(Platform::woocommerce, req.path, fault_request_text(req)), res,
                        deferred))
            return;
        if (refuse_bad_credentials(authenticate(req, ctx), res))
            return;
        service->index(res, deferred);
    });
    server.Get(R"(/wp-json/?)", [&ctx, service](const httplib::Request& req, httplib::Response& res) {
        std::optional<Fault> deferred;
        if (apply_fault(ctx.take_fault(Platform::woocommerce, req.path, fault_request_text(req)), res,
                        deferred))
            return;
        service->root(res, deferred);
    });
    // Anything else under /wp-json/, any method: WordPress's rest_no_route.
    auto no_route = [](const httplib::Request&, httplib::Response& res) {
        send_error(res, 404, "rest_no_route", "No route was found matching the URL and request method.");
    };
    server.Get(R"(/wp-json/.*)", no_route);
    server.Post(R"(/wp-json/.*)", no_route);
    server.Put(R"(/wp-json/.*)", no_route);
    server.Delete(R"(/wp-json/.*)", no_route);
}

}  // namespace frr::sim
