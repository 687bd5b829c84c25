#include "core/loopback.hpp"

#include "text/utf8.hpp"

#include <charconv>

namespace frr::core {

namespace {

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

}  // namespace

bool is_loopback_host(std::string_view host)
{
    const auto lower = text::ascii_lower(host);
    return lower == "localhost" || lower == "::1" || lower == "0:0:0:0:0:0:0:1" || is_ipv4_loopback(lower);
}

}  // namespace frr::core
