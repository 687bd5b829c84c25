#include "connectors/woocommerce/doctor.hpp"

#include "connectors/json_access.hpp"
#include "core/time.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <string>
#include <vector>

namespace frr::connectors::woocommerce {

ProbeResult probe_access(RestClient& client)
{
    ProbeResult r;
    r.title = "WooCommerce: consumer key and read access";
    r.failure = core::ExitCode::credentials;
    struct Probe {
        const char* what;
        std::string route;
        Params params;
    };
    const std::vector<Probe> probes{{"orders", "/orders", {{"per_page", "1"}, {"status", "any"}}},
                                    {"customers", "/customers", {{"per_page", "1"}}}};
    std::vector<std::string> refused;
    for (const auto& p : probes) {
        auto reply = client.get(p.route, p.params);
        if (reply.status == ReplyStatus::ok) {
            r.evidence.push_back(reply.total
                                     ? fmt::format("{}: readable ({} in the shop)", p.what, *reply.total)
                                     : fmt::format("{}: readable", p.what));
            continue;
        }
        r.evidence.push_back(reply.error);
        if (reply.status == ReplyStatus::unauthorized) {
            r.action =
                "Check source.auth (consumer_key_env, consumer_secret_env): WooCommerce did not accept the "
                "key. Create a Read key under WooCommerce > Settings > Advanced > REST API; if the key is "
                "right, the web server may be dropping the Authorization header.";
            return r;
        }
        if (reply.status == ReplyStatus::failed) {
            r.action = fmt::format("Check source.base_url ({}) and that the shop's REST API answers at {}{}.",
                                   client.base_url(), client.base_url(), k_api_root);
            r.failure = core::ExitCode::partial;
            return r;
        }
        refused.push_back(p.what);
    }
    if (!refused.empty()) {
        r.action = fmt::format("Give the key's user read access to {} (a Read key of a shop manager or "
                               "administrator).",
                               fmt::join(refused, ", "));
        return r;
    }
    r.passed = true;
    r.action = "WooCommerce's API has no abandoned checkouts and no email-marketing consent: the checks "
               "that need them are not applicable to this store.";
    return r;
}

ProbeResult probe_timezone(RestClient& client, const std::string& configured)
{
    ProbeResult r;
    r.title = "Store time zone";
    r.failure = core::ExitCode::config;
    auto reply = client.get_site("/wp-json/");
    const std::string zone =
        reply.status == ReplyStatus::ok ? text(member(&reply.doc, "timezone_string")) : "";
    if (zone.empty()) {
        // WordPress leaves timezone_string empty when the site is set to a bare UTC offset.
        r.evidence.push_back(reply.status == ReplyStatus::ok
                                 ? "WordPress names no time zone (Settings > General uses a UTC offset)"
                                 : "WordPress's index did not answer: " + reply.error);
        r.passed = true;
        r.action =
            fmt::format("Make sure store.timezone ({}) is the shop's own (WordPress Settings > General "
                        "> Timezone): the sales report's days are the shop's.",
                        configured);
        return r;
    }
    r.evidence.push_back(fmt::format("WordPress time zone {}, store.timezone {}", zone, configured));
    if (zone != configured) {
        r.action = fmt::format("Set store.timezone to {}: the daily counts are the shop's own days, and "
                               "Klaviyo's are asked for in store.timezone's.",
                               zone);
        return r;
    }
    r.passed = true;
    return r;
}

std::map<std::string, std::string> order_names(RestClient& client, const std::vector<std::string>& ids)
{
    std::map<std::string, std::string> out;
    constexpr std::size_t k_batch = 100;
    for (std::size_t i = 0; i < ids.size(); i += k_batch) {
        std::string include;
        for (std::size_t j = i; j < std::min(ids.size(), i + k_batch); ++j)
            include += (include.empty() ? "" : ",") + ids[j];
        auto r = client.get_all("/orders", {{"include", include}, {"status", "any"}}, 100,
                                [&](const rapidjson::Value& order) {
                                    const std::string id = text(member(&order, "id"));
                                    const std::string number = text(member(&order, "number"));
                                    if (!id.empty())
                                        out[id] = "#" + (number.empty() ? id : number);
                                });
        if (!r.complete())
            break;
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> orders_created(RestClient& client, core::TimePoint from,
                                                                core::TimePoint to, int limit)
{
    std::vector<std::pair<std::string, std::string>> out;
    // `after` is exclusive: one second earlier includes `from`; [from, to) is applied again here.
    client.get_all("/orders",
                   {{"status", "any"},
                    {"dates_are_gmt", "true"},
                    {"after", core::format_iso8601(from - std::chrono::seconds{1})},
                    {"before", core::format_iso8601(to)},
                    {"orderby", "id"},
                    {"order", "asc"}},
                   std::clamp(limit, 1, 100), [&](const rapidjson::Value& order) {
                       const auto created = time_value(member(&order, "date_created_gmt"));
                       const std::string id = text(member(&order, "id"));
                       const std::string number = text(member(&order, "number"));
                       if (id.empty() || !created || *created < from || *created >= to ||
                           static_cast<int>(out.size()) >= limit)
                           return;
                       out.emplace_back(id, "#" + (number.empty() ? id : number));
                   });
    return out;
}

}  // namespace frr::connectors::woocommerce
