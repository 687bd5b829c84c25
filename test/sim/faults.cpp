#include "faults.hpp"

#include <httplib.h>

#include <algorithm>
#include <array>
#include <memory>
#include <utility>

namespace frr::sim {

namespace {
constexpr std::array<std::pair<FaultKind, std::string_view>, 10> k_kind_names{{
    {FaultKind::http_status, "http_status"},
    {FaultKind::rate_limit, "rate_limit"},
    {FaultKind::slow, "slow"},
    {FaultKind::reset, "reset"},
    {FaultKind::truncated, "truncated"},
    {FaultKind::invalid_json, "invalid_json"},
    {FaultKind::outage, "outage"},
    {FaultKind::expire_tokens, "expire_tokens"},
    {FaultKind::short_page, "short_page"},
    {FaultKind::graphql_partial, "graphql_partial"},
}};
}  // namespace

std::string_view fault_kind_name(FaultKind k)
{
    for (const auto& [kind, name] : k_kind_names)
        if (kind == k)
            return name;
    return "http_status";
}

std::optional<FaultKind> parse_fault_kind(std::string_view name)
{
    for (const auto& [kind, n] : k_kind_names)
        if (n == name)
            return kind;
    return std::nullopt;
}

void FaultInjector::add(FaultSpec spec)
{
    std::lock_guard lock(m_mutex);
    m_specs.push_back(std::move(spec));
}

void FaultInjector::clear()
{
    std::lock_guard lock(m_mutex);
    m_specs.clear();
}

std::vector<FaultSpec> FaultInjector::active() const
{
    std::lock_guard lock(m_mutex);
    return m_specs;
}

std::optional<Fault> FaultInjector::take(Platform p, std::string_view path, std::string_view request,
                                         Time now, CredentialRegistry& credentials)
{
    std::optional<Fault> chosen;
    bool expire = false;
    {
        std::lock_guard lock(m_mutex);
        for (auto it = m_specs.begin(); it != m_specs.end();) {
            FaultSpec& s = *it;
            bool in_time = (!s.from || now >= *s.from) && (!s.until || now < *s.until);
            bool matches = s.platform == p &&
                (s.endpoint.empty() || path.find(s.endpoint) != std::string_view::npos) &&
                (s.contains.empty() || request.find(s.contains) != std::string_view::npos);
            if (!matches || !in_time || chosen) {
                ++it;
                continue;
            }
            if (s.fraction < 1.0 && std::uniform_real_distribution<double>(0.0, 1.0)(m_rng) >= s.fraction) {
                ++it;
                continue;
            }
            if (s.fault.kind == FaultKind::expire_tokens) {
                expire = true;
            } else if (s.fault.kind == FaultKind::outage) {
                Fault f = s.fault;
                f.kind = FaultKind::http_status;
                f.status = 503;
                chosen = f;
            } else {
                chosen = s.fault;
            }
            if (s.count && --*s.count == 0) {
                it = m_specs.erase(it);
                continue;
            }
            ++it;
        }
    }
    if (expire)
        credentials.expire_all(p, now);
    return chosen;
}

std::string fault_request_text(const httplib::Request& req)
{
    std::string out;
    for (const auto& [key, value] : req.params)
        out += key + "=" + value + "&";
    return out + "\n" + req.body;
}

void respond_reset(httplib::Response& res)
{
    // httplib sends the status line and headers, then the provider fails: the connection closes
    // with no body, which clients see as a reset / premature EOF.
    res.set_content_provider(1, "application/json",
                             [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
}

void respond_truncated(httplib::Response& res, std::string body, std::string content_type)
{
    auto shared = std::make_shared<std::string>(std::move(body));
    std::size_t full = shared->size();
    res.set_content_provider(full, std::move(content_type),
                             [shared](std::size_t offset, std::size_t, httplib::DataSink& sink) {
                                 std::size_t half = shared->size() / 2;
                                 if (offset < half) {
                                     sink.write(shared->data() + offset, half - offset);
                                     return true;
                                 }
                                 return false;  // close with the body incomplete
                             });
}

std::string html_error_page(int status)
{
    std::string code = std::to_string(status);
    return "<!DOCTYPE html>\n<html><head><title>" + code +
        " | Cloudflare</title></head><body><div id=\"cf-error-details\"><h1>Error " + code +
        "</h1><p>The origin web server is not reachable.</p></div>"
        "<span class=\"cf-footer-item\">Performance &amp; security by Cloudflare</span></body></html>\n";
}

}  // namespace frr::sim
