#include "request.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "api_error.hpp"
#include "json.hpp"

namespace frr::sim::klaviyo {

void write_relationship_links(JsonWriter& w, const std::string& resource_url, std::string_view rel)
{
    // resource_url may end in '/', mirroring the request style.
    std::string base = resource_url;
    const bool slash = !base.empty() && base.back() == '/';
    if (slash) {
        base.pop_back();
    }
    const std::string tail = slash ? "/" : "";
    w.StartObject();
    write_key(w, "self");
    write_string(w, base + "/relationships/" + std::string(rel) + tail);
    write_key(w, "related");
    write_string(w, base + "/" + std::string(rel) + tail);
    w.EndObject();
}

void write_relationships_and_self(JsonWriter& w, const std::string& resource_url,
                                  std::initializer_list<std::string_view> rels)
{
    write_key(w, "relationships");
    w.StartObject();
    for (const auto rel : rels) {
        write_key(w, rel);
        w.StartObject();
        write_key(w, "links");
        write_relationship_links(w, resource_url, rel);
        w.EndObject();
    }
    w.EndObject();
    write_key(w, "links");
    w.StartObject();
    write_key(w, "self");
    write_string(w, resource_url);
    w.EndObject();
}

std::string encode_query_component(std::string_view text)
{
    std::string out;
    out.reserve(text.size() * 3);
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(c);
        } else {
            out += fmt::format("%{:02X}", u);
        }
    }
    return out;
}

ApiRequest::ApiRequest(Endpoint endpoint, std::string origin, std::string path, Params params,
                       Revision revision)
    : m_endpoint(endpoint),
      m_origin(std::move(origin)),
      m_path(std::move(path)),
      m_params(std::move(params)),
      m_revision(revision)
{
    m_slash = m_path.size() > 1 && m_path.back() == '/';
}

std::optional<std::string> ApiRequest::param(const std::string& name) const
{
    const auto it = m_params.find(name);
    if (it == m_params.end()) {
        return std::nullopt;
    }
    return it->second;
}

std::string ApiRequest::resource_url(std::string_view collection, std::string_view id) const
{
    return m_origin + "/api/" + std::string(collection) + "/" + std::string(id) + std::string(slash());
}

std::string ApiRequest::query_string(const Params& params) const
{
    std::string out;
    for (const auto& [name, value] : params) {
        out += out.empty() ? "?" : "&";
        out += encode_query_component(name);
        out += "=";
        out += encode_query_component(value);
    }
    return out;
}

std::string ApiRequest::self_link() const
{
    return m_origin + m_path + query_string(m_params);
}

std::string ApiRequest::link_with_cursor(const Cursor& cursor) const
{
    Params params = m_params;
    params.erase("page[cursor]");
    params.emplace("page[cursor]", encode_cursor(cursor));
    return m_origin + m_path + query_string(params);
}

int ApiRequest::page_size(bool supported) const
{
    const PageSizeRule& rule = spec().page;
    const auto text = param("page[size]");
    if (!text || !supported || rule.max == 0) {
        return rule.default_size;
    }
    int value = 0;
    const auto* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (ec != std::errc() || ptr != end || value < rule.min || value > rule.max) {
        throw invalid_input(
            fmt::format("Page size must be an integer between {} and {}.", rule.min, rule.max),
            SourceKind::parameter, "page[size]");
    }
    return value;
}

std::optional<std::string> ApiRequest::sort(bool& descending) const
{
    descending = false;
    auto text = param("sort");
    if (!text) {
        return std::nullopt;
    }
    std::string field = *text;
    if (!field.empty() && field.front() == '-') {
        descending = true;
        field.erase(0, 1);
    }
    const auto& sorts = spec().sorts;
    if (std::find(sorts.begin(), sorts.end(), field) == sorts.end()) {
        throw invalid_input("'" + *text + "' is not a valid sort option for this endpoint.",
                            SourceKind::parameter, "sort");
    }
    return field;
}

std::uint64_t ApiRequest::binding() const
{
    return query_binding(m_path, m_params);
}

std::optional<Cursor> ApiRequest::cursor() const
{
    const auto text = param("page[cursor]");
    if (!text) {
        return std::nullopt;
    }
    return decode_cursor(*text, binding());
}

std::set<std::string> ApiRequest::list_param(const std::string& name) const
{
    std::set<std::string> out;
    auto [first, last] = m_params.equal_range(name);
    for (auto it = first; it != last; ++it) {
        std::string_view rest = it->second;
        while (!rest.empty()) {
            const auto comma = rest.find(',');
            const auto item = rest.substr(0, comma);
            if (!item.empty()) {
                out.emplace(item);
            }
            if (comma == std::string_view::npos) {
                break;
            }
            rest.remove_prefix(comma + 1);
        }
    }
    return out;
}

std::set<std::string> ApiRequest::include(std::initializer_list<std::string_view> allowed) const
{
    auto values = list_param("include");
    for (const auto& value : values) {
        if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
            throw invalid_input("'" + value + "' is not a valid related resource for include.",
                                SourceKind::parameter, "include");
        }
    }
    return values;
}

}  // namespace frr::sim::klaviyo
