#include "net/url.hpp"

#include <algorithm>
#include <cctype>

namespace frr::net {

namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

}  // namespace

std::optional<UrlAuthority> parse_authority(std::string_view url)
{
    auto sep = url.find("://");
    if (sep == std::string_view::npos || sep == 0)
        return std::nullopt;
    UrlAuthority out;
    out.scheme = lower(url.substr(0, sep));
    auto rest = url.substr(sep + 3);
    auto end = rest.find_first_of("/?#");
    auto authority = rest.substr(0, end);
    // Userinfo ("user:pass@") precedes the host; the last '@' ends it.
    if (auto at = authority.rfind('@'); at != std::string_view::npos)
        authority.remove_prefix(at + 1);
    if (!authority.empty() && authority.front() == '[') {
        auto close = authority.find(']');
        if (close == std::string_view::npos)
            return std::nullopt;
        out.host = lower(authority.substr(1, close - 1));
    } else {
        out.host = lower(authority.substr(0, authority.find(':')));
    }
    if (out.host.empty())
        return std::nullopt;
    return out;
}

std::string url_host(std::string_view url)
{
    auto parts = parse_authority(url);
    return parts ? parts->host : std::string("<no host>");
}

}  // namespace frr::net
