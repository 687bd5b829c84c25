#pragma once
// Just enough URL parsing for the transport's safety checks and error
// messages: the scheme and host of an absolute http(s) URL. Not a general
// URL parser; anything unusual is reported as "no host" and refused upstream.
#include <optional>
#include <string>
#include <string_view>

namespace frr::net {

struct UrlAuthority {
    std::string scheme;  // lower-cased, without "://"
    std::string host;    // lower-cased; IPv6 literals without brackets
};

// nullopt when `url` has no "scheme://host" prefix.
std::optional<UrlAuthority> parse_authority(std::string_view url);
// The host for messages ("example.com"); "<no host>" when unparsable.
std::string url_host(std::string_view url);

}  // namespace frr::net
