#include "net/http.hpp"

#include "net/url.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace frr::net {

namespace {

bool iequals(std::string_view a, std::string_view b)
{
    return a.size() == b.size() &&
        std::equal(a.begin(), a.end(), b.begin(),
                   [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
}

// Exactly four decimal octets 0..255, the first 127. "127.0.0.1.evil.com" is not.
bool is_ipv4_loopback(std::string_view host)
{
    int octets = 0;
    while (!host.empty()) {
        auto dot = host.find('.');
        auto part = host.substr(0, dot);
        unsigned value = 256;
        auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
        if (part.empty() || part.size() > 3 || ec != std::errc{} || ptr != part.data() + part.size() ||
            value > 255)
            return false;
        if (octets == 0 && value != 127)
            return false;
        ++octets;
        if (dot == std::string_view::npos)
            break;
        host.remove_prefix(dot + 1);
        if (host.empty())
            return false;
    }
    return octets == 4;
}

bool is_http_scheme(std::string_view scheme)
{
    return scheme == "http" || scheme == "https";
}

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const
{
    for (const auto& [key, value] : headers)
        if (iequals(key, name))
            return value;
    return std::nullopt;
}

bool is_loopback_url(std::string_view url)
{
    auto parts = parse_authority(url);
    if (!parts || !is_http_scheme(parts->scheme))
        return false;
    const auto& host = parts->host;
    return host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" || is_ipv4_loopback(host);
}

bool is_allowed_url(std::string_view url)
{
    auto parts = parse_authority(url);
    if (!parts)
        return false;
    if (parts->scheme == "https")
        return true;
    return parts->scheme == "http" && is_loopback_url(url);
}

}  // namespace frr::net
