// One Klaviyo API request as the handlers see it, after authentication, revision and scope
// checks: the parsed query, the resolved revision and the URL pieces for absolute links.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "cursor.hpp"
#include "endpoints.hpp"
#include "revision.hpp"

namespace frr::sim::klaviyo {

class ApiRequest {
public:
    using Params = std::multimap<std::string, std::string>;

    // `origin` is "http://<Host header>"; `path` is the request path as sent (its trailing
    // slash, if any, is kept in links, as Klaviyo did live).
    ApiRequest(Endpoint endpoint, std::string origin, std::string path, Params params, Revision revision);

    Endpoint endpoint() const { return m_endpoint; }
    const EndpointSpec& spec() const { return endpoint_spec(m_endpoint); }
    Revision revision() const { return m_revision; }
    const Params& params() const { return m_params; }
    std::optional<std::string> param(const std::string& name) const;

    // "http://127.0.0.1:PORT"
    const std::string& origin() const { return m_origin; }
    // "/" when the request path ended with one, so resource links mirror the caller's style.
    std::string_view slash() const { return m_slash ? "/" : ""; }
    // Absolute URL of a resource: origin + "/api/<collection>/<id>" + slash().
    std::string resource_url(std::string_view collection, std::string_view id) const;

    // links.self: the request URL with its query, re-encoded.
    std::string self_link() const;
    // The request URL with page[cursor] replaced by `cursor`.
    std::string link_with_cursor(const Cursor& cursor) const;

    // `page[size]` within the endpoint's bounds, or its default; 400 when out of range or not
    // an integer. `supported` false means the revision has no page[size]: the default applies.
    int page_size(bool supported = true) const;
    // `sort`: nullopt when absent; 400 when not in the endpoint's enum. `descending` reports '-'.
    std::optional<std::string> sort(bool& descending) const;
    // The decoded `page[cursor]`, bound to this query; nullopt when absent.
    std::optional<Cursor> cursor() const;
    std::uint64_t binding() const;
    // Comma-separated members of an array parameter (`include`, `fields[x]`, `additional-fields[x]`).
    std::set<std::string> list_param(const std::string& name) const;
    // `include` validated against `allowed`; 400 for any other value.
    std::set<std::string> include(std::initializer_list<std::string_view> allowed) const;

private:
    std::string query_string(const Params& params) const;

    Endpoint m_endpoint;
    std::string m_origin;
    std::string m_path;
    Params m_params;
    Revision m_revision;
    bool m_slash = false;
};

// Percent-encodes a query component (RFC 3986 unreserved characters kept).
std::string encode_query_component(std::string_view text);

}  // namespace frr::sim::klaviyo
