#pragma once
// Query parameters validated as the WordPress REST API validates them against an endpoint's
// schema (rest_validate_request_arg): every invalid parameter is named in one 400
// `rest_invalid_param` answer, with WordPress's message and code per parameter; parameters the
// endpoint does not declare are ignored.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store.hpp"

namespace httplib {
struct Request;
}

namespace frr::sim::woocommerce {

class Params {
public:
    Params(const httplib::Request& req, const Store& store);

    // The values of `name` (also given as `name[]`, or comma-separated for list parameters).
    bool has(std::string_view name) const;
    std::string text(std::string_view name) const;

    // Each reads, validates and records an error; the default when absent.
    std::int64_t integer(std::string_view name, std::int64_t fallback, std::optional<std::int64_t> min,
                         std::optional<std::int64_t> max);
    std::string one_of(std::string_view name, std::string fallback,
                       std::initializer_list<std::string_view> values);
    bool boolean(std::string_view name, bool fallback);
    // "date-time" format; `gmt` interprets a time without an offset as GMT, else site time.
    std::optional<Time> date_time(std::string_view name, bool gmt);
    // "date" format of the reports ("YYYY-MM-DD"); the text.
    std::optional<std::string> date(std::string_view name);
    std::vector<std::int64_t> integers(std::string_view name);
    std::vector<std::string> list_of(std::string_view name, std::vector<std::string> fallback,
                                     std::initializer_list<std::string_view> values);
    std::optional<std::string> email(std::string_view name);

    bool ok() const { return m_errors.empty(); }
    // The 400 body: {"code":"rest_invalid_param","message":"Invalid parameter(s): a, b","data":{...}}.
    std::string error_json() const;

private:
    struct Error {
        std::string param;
        std::string code;
        std::string message;
    };
    std::vector<std::string> values(std::string_view name) const;
    void fail(std::string_view param, std::string code, std::string message);

    const httplib::Request& m_req;
    const Store& m_store;
    std::vector<Error> m_errors;
};

// "a and b", "a, b, and c" (WordPress's wp_sprintf_l list).
std::string wp_list(std::initializer_list<std::string_view> items);

}  // namespace frr::sim::woocommerce
