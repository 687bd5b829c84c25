#include "connectors/shopify/doctor.hpp"

#include "connectors/json_access.hpp"
#include "connectors/shopify/connection.hpp"
#include "connectors/shopify/queries.hpp"
#include "connectors/shopify/shopify_source.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace frr::connectors::shopify {

namespace {

std::string first_error(const GraphqlReply& reply)
{
    return reply.errors.empty() ? std::string("no answer") : reply.errors.front();
}

}  // namespace

ProbeResult probe_access(GraphqlClient& client, ShopFacts& facts)
{
    ProbeResult r;
    r.title = "Shopify: credentials and scopes";
    r.failure = core::ExitCode::credentials;
    auto reply = client.call(
        "query ShopInfo { shop { name ianaTimezone } currentAppInstallation { accessScopes { handle } } }",
        "{}", 0);
    if (reply.status != CallStatus::ok && reply.status != CallStatus::partial) {
        r.evidence.push_back(
            fmt::format("the shop query was refused: {} ({})", first_error(reply), to_string(reply.status)));
        if (reply.status == CallStatus::unauthorized)
            r.action =
                "Check shopify.auth and its secret: the token is wrong, revoked, or the app was uninstalled.";
        else if (reply.status == CallStatus::forbidden)
            r.action = "Give the app read access to the shop in its configuration and reinstall it.";
        else {
            r.action = "Check shopify.shop and the network: Shopify could not be reached.";
            r.failure = core::ExitCode::partial;
        }
        return r;
    }
    facts.name = text(path(reply.data(), {"shop", "name"}));
    facts.timezone = text(path(reply.data(), {"shop", "ianaTimezone"}));
    std::set<std::string> granted;
    if (const auto* scopes = path(reply.data(), {"currentAppInstallation", "accessScopes"});
        scopes && scopes->IsArray())
        for (const auto& s : scopes->GetArray())
            granted.insert(text(member(&s, "handle")));
    std::vector<std::string> missing;
    for (const auto& scope : k_required_scopes)
        if (!granted.count(scope))
            missing.push_back(scope);
    r.evidence.push_back(fmt::format("shop \"{}\", time zone {}", facts.name, facts.timezone));
    r.evidence.push_back(fmt::format("scopes granted: {}",
                                     granted.empty() ? "none" : fmt::format("{}", fmt::join(granted, ", "))));
    if (!missing.empty()) {
        r.evidence.push_back(fmt::format("missing: {}", fmt::join(missing, ", ")));
        r.action =
            fmt::format("Grant {} in the app's configuration and reinstall it.", fmt::join(missing, ", "));
        return r;
    }
    r.passed = true;
    if (!granted.count("read_all_orders"))
        r.action = "Optional: grant read_all_orders, or orders older than 60 days stay hidden and the "
                   "volume check's oldest days read as empty.";
    return r;
}

ProbeResult probe_version(GraphqlClient& client, const std::string& configured)
{
    ProbeResult r;
    r.title = fmt::format("Shopify: API version {}", configured);
    r.failure = core::ExitCode::config;
    auto reply = client.call("query Versions { publicApiVersions { handle supported } }", "{}", 0);
    if (reply.status != CallStatus::ok && reply.status != CallStatus::partial) {
        r.evidence.push_back("the version list could not be read: " + first_error(reply));
        r.action = "Fix the credentials first (see above).";
        return r;
    }
    std::vector<std::string> supported;
    bool listed = false, listed_supported = false;
    if (const auto* versions = path(reply.data(), {"publicApiVersions"}); versions && versions->IsArray())
        for (const auto& v : versions->GetArray()) {
            const std::string handle = text(member(&v, "handle"));
            const bool ok = truthy(member(&v, "supported"));
            if (ok && handle != "unstable")
                supported.push_back(handle);
            if (handle == configured) {
                listed = true;
                listed_supported = ok;
            }
        }
    std::sort(supported.begin(), supported.end());
    r.evidence.push_back(fmt::format("supported stable versions: {}", fmt::join(supported, ", ")));
    if (!reply.served_version.empty())
        r.evidence.push_back(fmt::format("answered by version {}", reply.served_version));
    const bool fell_forward = !reply.served_version.empty() && reply.served_version != configured;
    if (fell_forward || (listed && !listed_supported) || (!listed && !supported.empty())) {
        r.evidence.push_back(fell_forward ? fmt::format("{} is not served: Shopify fell forward to {}",
                                                        configured, reply.served_version)
                                          : fmt::format("{} is not a supported version", configured));
        r.action = fmt::format("Set shopify.api_version to a supported version, e.g. {}.",
                               supported.empty() ? std::string("the newest") : supported.back());
        return r;
    }
    r.passed = true;
    // Each stable version is supported for at least 12 months from its release (api/shopify.md).
    if (!supported.empty() && configured == supported.front() && supported.size() > 1)
        r.action = fmt::format("{} is the oldest supported version and the next to go: plan the move to {}.",
                               configured, supported.back());
    return r;
}

std::map<std::string, std::string> order_names(GraphqlClient& client, const std::vector<std::string>& ids)
{
    std::map<std::string, std::string> out;
    for (std::size_t begin = 0; begin < ids.size(); begin += 50) {
        std::string query = "query OrdersById {";
        const std::size_t end = std::min(ids.size(), begin + 50);
        for (std::size_t i = begin; i < end; ++i) {
            const bool numeric = !ids[i].empty() &&
                std::all_of(ids[i].begin(), ids[i].end(), [](char c) { return c >= '0' && c <= '9'; });
            if (numeric)
                query += fmt::format(
                    " o{}: order(id: \"gid://shopify/Order/{}\") {{ legacyResourceId name }}", i, ids[i]);
        }
        query += " }";
        if (query == "query OrdersById { }")
            continue;
        auto reply = client.call(query, "{}", 0);
        const auto* data = reply.data();
        if (data == nullptr || !data->IsObject())
            continue;
        for (const auto& m : data->GetObject())
            if (m.value.IsObject())
                out[text(member(&m.value, "legacyResourceId"))] = text(member(&m.value, "name"));
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> orders_created(GraphqlClient& client, core::TimePoint from,
                                                                core::TimePoint to, int limit)
{
    std::vector<std::pair<std::string, std::string>> out;
    ConnectionQuery q{"query OrderNames($first: Int!, $after: String, $query: String) { "
                      "orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT) { "
                      "pageInfo { hasNextPage endCursor } nodes { legacyResourceId name } } }",
                      "orders", time_range_search("created_at", from, to), std::min(limit, 250)};
    fetch_connection(client, q, [&](const rapidjson::Value& node) {
        if (static_cast<int>(out.size()) < limit)
            out.emplace_back(text(member(&node, "legacyResourceId")), text(member(&node, "name")));
    });
    return out;
}

ProbeResult check_timezone(const std::string& configured, const ShopFacts& shop)
{
    ProbeResult r;
    r.title = "Store time zone";
    r.failure = core::ExitCode::config;
    r.evidence.push_back(fmt::format("configured store.timezone {}; the shop's time zone {}", configured,
                                     shop.timezone.empty() ? "unknown" : shop.timezone));
    r.passed = shop.timezone.empty() || shop.timezone == configured;
    if (!r.passed)
        r.action = fmt::format("Set store.timezone to {}: reports, daily counts and volume days follow it.",
                               shop.timezone);
    return r;
}

}  // namespace frr::connectors::shopify
