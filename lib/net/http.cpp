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

bool hand_to_sink(const HttpRequest& request, HttpResponse& response, std::size_t piece)
{
    if (request.body_sink == nullptr)
        return true;
    request.body_sink->begin();
    if (response.status < 200 || response.status > 299)
        return true;
    std::string_view rest = response.body;
    piece = std::max<std::size_t>(piece, 1);
    bool taken = true;
    while (taken && !rest.empty()) {
        auto bytes = rest.substr(0, piece);
        taken = request.body_sink->write(bytes);
        response.streamed_bytes += bytes.size();
        rest.remove_prefix(bytes.size());
    }
    std::string().swap(response.body);
    return taken;
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
