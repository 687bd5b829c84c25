#include "woocommerce/wc_params.hpp"

#include <httplib.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>

#include "woocommerce/wc_records.hpp"

namespace frr::sim::woocommerce {

namespace {

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// rest_is_integer: numeric and whole ("10", "-3", "10.0").
std::optional<std::int64_t> as_integer(std::string_view text)
{
    if (text.empty() || text.size() > 18)
        return std::nullopt;
    std::size_t i = text[0] == '-' ? 1 : 0;
    std::size_t digits_end = i;
    while (digits_end < text.size() && std::isdigit(static_cast<unsigned char>(text[digits_end])))
        ++digits_end;
    if (digits_end == i)
        return std::nullopt;
    if (digits_end < text.size()) {
        if (text[digits_end] != '.')
            return std::nullopt;
        for (std::size_t k = digits_end + 1; k < text.size(); ++k)
            if (text[k] != '0')
                return std::nullopt;
    }
    return std::stoll(std::string(text.substr(0, digits_end)));
}

}  // namespace

std::string wp_list(std::initializer_list<std::string_view> items)
{
    std::string out;
    std::size_t n = 0;
    for (std::string_view item : items) {
        if (n > 0)
            out += items.size() == 2 ? " and " : (n + 1 == items.size() ? ", and " : ", ");
        out += item;
        ++n;
    }
    return out;
}

Params::Params(const httplib::Request& req, const Store& store) : m_req(req), m_store(store) { }

std::vector<std::string> Params::values(std::string_view name) const
{
    std::vector<std::string> out;
    for (const std::string& key : {std::string(name), std::string(name) + "[]"}) {
        auto [first, last] = m_req.params.equal_range(key);
        for (auto it = first; it != last; ++it)
            out.push_back(it->second);
    }
    return out;
}

bool Params::has(std::string_view name) const
{
    return !values(name).empty();
}

std::string Params::text(std::string_view name) const
{
    auto v = values(name);
    return v.empty() ? std::string() : v.front();
}

void Params::fail(std::string_view param, std::string code, std::string message)
{
    for (const Error& e : m_errors)
        if (e.param == param)
            return;  // WordPress reports the first problem of each parameter
    m_errors.push_back({std::string(param), std::move(code), std::move(message)});
}

std::int64_t Params::integer(std::string_view name, std::int64_t fallback, std::optional<std::int64_t> min,
                             std::optional<std::int64_t> max)
{
    if (!has(name))
        return fallback;
    const std::string p(name);
    auto v = as_integer(text(name));
    if (!v) {
        fail(name, "rest_invalid_type", p + " is not of type integer.");
        return fallback;
    }
    if (min && max && (*v < *min || *v > *max)) {
        fail(name, "rest_out_of_bounds",
             p + " must be between " + std::to_string(*min) + " (inclusive) and " + std::to_string(*max) +
                 " (inclusive)");
        return fallback;
    }
    if (min && *v < *min) {
        fail(name, "rest_out_of_bounds", p + " must be greater than or equal to " + std::to_string(*min));
        return fallback;
    }
    return *v;
}

std::string Params::one_of(std::string_view name, std::string fallback,
                           std::initializer_list<std::string_view> allowed)
{
    if (!has(name))
        return fallback;
    std::string v = text(name);
    if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
        fail(name, "rest_not_in_enum", std::string(name) + " is not one of " + wp_list(allowed) + ".");
        return fallback;
    }
    return v;
}

bool Params::boolean(std::string_view name, bool fallback)
{
    if (!has(name))
        return fallback;
    const std::string v = lower(text(name));
    if (v == "true" || v == "1")
        return true;
    if (v == "false" || v == "0")
        return false;
    fail(name, "rest_invalid_type", std::string(name) + " is not of type boolean.");
    return fallback;
}

std::optional<Time> Params::date_time(std::string_view name, bool gmt)
{
    if (!has(name))
        return std::nullopt;
    auto t = parse_wp_datetime(m_store, text(name), gmt);
    if (!t)
        fail(name, "rest_invalid_date", "Invalid date.");
    return t;
}

std::optional<std::string> Params::date(std::string_view name)
{
    if (!has(name))
        return std::nullopt;
    std::string v = text(name);
    // wc_rest_validate_reports_request_arg: #^\d{4}-\d{2}-\d{2}$#
    bool ok = v.size() == 10 && v[4] == '-' && v[7] == '-';
    for (std::size_t i = 0; ok && i < v.size(); ++i)
        ok = i == 4 || i == 7 || std::isdigit(static_cast<unsigned char>(v[i]));
    if (ok && !parse_iso(v + "T00:00:00Z"))
        ok = false;
    if (!ok) {
        fail(name, "woocommerce_rest_invalid_date", "The date you provided is invalid.");
        return std::nullopt;
    }
    return v;
}

std::vector<std::int64_t> Params::integers(std::string_view name)
{
    std::vector<std::int64_t> out;
    std::size_t index = 0;
    for (const std::string& value : values(name)) {
        std::size_t start = 0;
        while (start <= value.size()) {
            std::size_t comma = value.find(',', start);
            std::string item =
                value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            if (!item.empty()) {
                auto v = as_integer(item);
                if (!v) {
                    fail(name, "rest_invalid_type",
                         std::string(name) + "[" + std::to_string(index) + "] is not of type integer.");
                    return {};
                }
                out.push_back(*v);
            }
            ++index;
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
    }
    return out;
}

std::vector<std::string> Params::list_of(std::string_view name, std::vector<std::string> fallback,
                                         std::initializer_list<std::string_view> allowed)
{
    if (!has(name))
        return fallback;
    std::vector<std::string> out;
    std::size_t index = 0;
    for (const std::string& value : values(name)) {
        std::size_t start = 0;
        while (true) {
            std::size_t comma = value.find(',', start);
            std::string item =
                value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            if (std::find(allowed.begin(), allowed.end(), item) == allowed.end()) {
                fail(name, "rest_not_in_enum",
                     std::string(name) + "[" + std::to_string(index) + "] is not one of " + wp_list(allowed) +
                         ".");
                return fallback;
            }
            out.push_back(item);
            ++index;
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
    }
    return out;
}

std::optional<std::string> Params::email(std::string_view name)
{
    if (!has(name))
        return std::nullopt;
    std::string v = text(name);
    const auto at = v.find('@');
    // is_email(): something@something.tld, no spaces.
    if (at == std::string::npos || at == 0 || v.find('.', at) == std::string::npos ||
        v.find(' ') != std::string::npos || v.back() == '.') {
        fail(name, "rest_invalid_email", "Invalid email address.");
        return std::nullopt;
    }
    return v;
}

std::string Params::error_json() const
{
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    std::string names;
    for (const Error& e : m_errors)
        names += (names.empty() ? "" : ", ") + e.param;
    w.StartObject();
    w.Key("code");
    w.String("rest_invalid_param");
    w.Key("message");
    w.String(("Invalid parameter(s): " + names).c_str());
    w.Key("data");
    w.StartObject();
    w.Key("status");
    w.Int(400);
    w.Key("params");
    w.StartObject();
    for (const Error& e : m_errors) {
        w.Key(e.param.c_str());
        w.String(e.message.c_str());
    }
    w.EndObject();
    w.Key("details");
    w.StartObject();
    for (const Error& e : m_errors) {
        w.Key(e.param.c_str());
        w.StartObject();
        w.Key("code");
        w.String(e.code.c_str());
        w.Key("message");
        w.String(e.message.c_str());
        w.Key("data");
        w.Null();
        w.EndObject();
    }
    w.EndObject();
    w.EndObject();
    w.EndObject();
    return buf.GetString();
}

}  // namespace frr::sim::woocommerce
