#pragma once
// Just enough URL parsing for the transport's safety checks and error
// messages: the scheme and host of an absolute http(s) URL. Not a general
// URL parser; anything unusual is reported as "no host" and refused upstream.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace frr::net {

struct UrlAuthority {
    std::string scheme;  // lower-cased, without "://"
    std::string host;    // lower-cased; IPv6 literals without brackets
};

// nullopt when `url` has no "scheme://host" prefix.
std::optional<UrlAuthority> parse_authority(std::string_view url);
// The host for messages ("example.com"); "<no host>" when unparsable.
std::string url_host(std::string_view url);

// RFC 3986 percent-encoding of every byte but the unreserved ones (A-Z a-z 0-9 - . _ ~),
// by libcurl (curl_easy_escape): spaces as %20, upper-case hex.
std::string percent_encode(std::string_view s);
// "name=value&name=value", each side percent-encoded: an
// application/x-www-form-urlencoded body, or a query string after its '?'.
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace frr::net
