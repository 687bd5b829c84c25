#include "net/url.hpp"

#include "core/error.hpp"
#include "text/utf8.hpp"

#include <curl/curl.h>

#include <climits>
#include <memory>

namespace frr::net {

std::optional<UrlAuthority> parse_authority(std::string_view url)
{
    auto sep = url.find("://");
    if (sep == std::string_view::npos || sep == 0)
        return std::nullopt;
    UrlAuthority out;
    out.scheme = text::ascii_lower(url.substr(0, sep));
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
        out.host = text::ascii_lower(authority.substr(1, close - 1));
    } else {
        out.host = text::ascii_lower(authority.substr(0, authority.find(':')));
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

std::string percent_encode(std::string_view s)
{
    // A length of 0 would make libcurl call strlen(): the empty string is answered here.
    if (s.empty())
        return {};
    if (s.size() > static_cast<std::size_t>(INT_MAX))
        throw core::Error(core::ExitCode::internal, "text too long to percent-encode", "curl_easy_escape");
    // The handle argument is ignored since libcurl 7.82 (Debian 12 has 7.88).
    std::unique_ptr<char, decltype(&curl_free)> escaped(
        curl_easy_escape(nullptr, s.data(), static_cast<int>(s.size())), &curl_free);
    if (!escaped)
        throw core::Error(core::ExitCode::internal, "out of memory percent-encoding a URL part",
                          "curl_easy_escape");
    return escaped.get();
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields)
{
    std::string out;
    for (const auto& [name, value] : fields) {
        if (!out.empty())
            out += '&';
        out += percent_encode(name) + "=" + percent_encode(value);
    }
    return out;
}

}  // namespace frr::net
