#include "connectors/woocommerce/rest_client.hpp"

#include "connectors/json_access.hpp"
#include "core/hmac.hpp"
#include "net/url.hpp"

#include <charconv>
#include <fmt/format.h>

namespace frr::connectors::woocommerce {

namespace {

// 100,000 pages of up to 100 records: far past any store's window. A server that keeps
// answering full pages without X-WP-TotalPages is stopped here instead of looping forever.
constexpr int k_max_pages = 100'000;

std::optional<std::int64_t> header_int(const net::HttpResponse& response, std::string_view name)
{
    auto value = response.header(name);
    if (!value)
        return std::nullopt;
    std::int64_t n = 0;
    const char* begin = value->data();
    const char* end = begin + value->size();
    while (begin < end && *begin == ' ')
        ++begin;
    auto [ptr, ec] = std::from_chars(begin, end, n);
    if (ec != std::errc() || ptr == begin || n < 0)
        return std::nullopt;
    return n;
}

std::string request_name(const std::string& route, const Params& params)
{
    for (const auto& [k, v] : params)
        if (k == "page")
            return fmt::format("GET {}{} page {}", k_api_root, route, v);
    return fmt::format("GET {}{}", k_api_root, route);
}

}  // namespace

const char* to_string(ReplyStatus s)
{
    switch (s) {
    case ReplyStatus::ok: return "ok";
    case ReplyStatus::unauthorized: return "unauthorized";
    case ReplyStatus::forbidden: return "forbidden";
    case ReplyStatus::failed: return "failed";
    }
    return "failed";
}

std::string describe_error(const rapidjson::Document& doc)
{
    std::string message = text(member(&doc, "message"));
    std::string code = text(member(&doc, "code"));
    if (message.empty())
        return code;
    return code.empty() ? message : fmt::format("{} ({})", message, code);
}

net::Verdict classify_rest(const net::HttpResult& result)
{
    if (result.response && result.response->status >= 200 && result.response->status < 300) {
        rapidjson::Document doc;
        std::string ignored;
        return parse_json(result.response->body, doc, ignored) ? net::Verdict::done : net::Verdict::retry;
    }
    return net::classify_result(result);
}

std::string basic_authorization(const std::string& key, const std::string& secret)
{
    return "Basic " + core::base64(key + ":" + secret);
}

RestClient::RestClient(std::string base_url, std::string authorization, net::RequestContext context,
                       int requests_per_second)
    : m_base(std::move(base_url)),
      m_authorization(std::move(authorization)),
      m_context(context),
      m_limiter(requests_per_second, requests_per_second * 60)
{
    while (!m_base.empty() && m_base.back() == '/')
        m_base.pop_back();
}

Reply RestClient::get(const std::string& route, const Params& params)
{
    return send(k_api_root + route, params, request_name(route, params));
}

Reply RestClient::get_site(const std::string& path)
{
    return send(path, {}, "GET " + path);
}

Reply RestClient::send(const std::string& path, const Params& params, const std::string& what)
{
    net::HttpRequest request;
    request.url = m_base + path + (params.empty() ? "" : "?" + net::form_encode(params));
    request.headers = {{"Authorization", m_authorization}, {"Accept", "application/json"}};
    if (m_context.timeout)
        request.total_timeout = *m_context.timeout;
    auto exec = net::execute(m_context.transport, request, m_context.policy, m_context.sleeper,
                             m_context.random, m_context.stats, classify_rest, &m_limiter);
    Reply reply;
    if (!exec.result.response) {
        reply.error = fmt::format("{}: no answer after {} attempt{}: {}", what, exec.attempts,
                                  exec.attempts == 1 ? "" : "s",
                                  exec.result.error ? exec.result.error->message : "unknown");
        return reply;
    }
    const auto& response = *exec.result.response;
    reply.http_status = response.status;
    reply.total = header_int(response, "x-wp-total");
    reply.total_pages = header_int(response, "x-wp-totalpages");
    std::string parse_error;
    const bool parsed = parse_json(response.body, reply.doc, parse_error);
    if (response.status >= 200 && response.status < 300) {
        if (parsed) {
            reply.status = ReplyStatus::ok;
        } else {
            reply.error = fmt::format("{}: unreadable answer after {} attempt{}: {}", what, exec.attempts,
                                      exec.attempts == 1 ? "" : "s", parse_error);
        }
        return reply;
    }
    const std::string detail = parsed ? describe_error(reply.doc) : std::string();
    reply.error = fmt::format("{}: HTTP {}{}{}", what, response.status, detail.empty() ? "" : ": ", detail);
    if (exec.gave_up())
        reply.error += fmt::format(" after {} attempts", exec.attempts);
    if (response.status == 401)
        reply.status = ReplyStatus::unauthorized;
    else if (response.status == 403)
        reply.status = ReplyStatus::forbidden;
    return reply;
}

PagedResult RestClient::get_all(const std::string& route, Params params, int page_size,
                                const std::function<void(const rapidjson::Value&)>& sink,
                                const std::function<void(int, std::int64_t)>& progress)
{
    PagedResult out;
    params.emplace_back("per_page", std::to_string(page_size));
    params.emplace_back("page", "1");
    auto& page_param = params.back().second;
    for (int page = 1; page <= k_max_pages; ++page) {
        page_param = std::to_string(page);
        Reply reply = get(route, params);
        if (reply.status != ReplyStatus::ok) {
            out.status = reply.status;
            out.error = std::move(reply.error);
            return out;
        }
        if (!reply.doc.IsArray()) {
            out.status = ReplyStatus::failed;
            out.error = fmt::format("{}: the answer is not a list of records", request_name(route, params));
            return out;
        }
        ++out.pages;
        if (page == 1)
            out.total = reply.total;
        for (const auto& record : reply.doc.GetArray()) {
            sink(record);
            ++out.records;
        }
        if (progress)
            progress(out.pages, out.records);
        const bool last = reply.total_pages
            ? page >= *reply.total_pages
            : reply.doc.Empty() || reply.doc.Size() < static_cast<unsigned>(page_size);
        if (last)
            return out;
    }
    out.status = ReplyStatus::failed;
    out.error = fmt::format("{}: more than {} pages", request_name(route, params), k_max_pages);
    return out;
}

}  // namespace frr::connectors::woocommerce
