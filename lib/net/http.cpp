#include "net/http.hpp"

#include "core/loopback.hpp"
#include "net/url.hpp"

#include <algorithm>
#include <cctype>

namespace frr::net {

namespace {

bool iequals(std::string_view a, std::string_view b)
{
    return a.size() == b.size() &&
        std::equal(a.begin(), a.end(), b.begin(),
                   [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
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
    return core::is_loopback_host(parts->host);
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
