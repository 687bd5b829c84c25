// frr-bench-proxy: a loopback HTTP proxy for the fetch benchmark (scripts/bench.sh).
//
//   frr-bench-proxy --upstream http://127.0.0.1:PORT --log FILE
//
// Binds a free loopback port, prints `listening on http://127.0.0.1:PORT` (flushed),
// forwards every request unchanged to the upstream (frr-sim) and appends one
// tab-separated line per answered request to FILE:
//
//   ms  platform  method  bucket  status  requested_cost  actual_cost  bucket_size  restore_rate  bytes
//
// ms: milliseconds since the proxy started (steady clock). platform: shopify
// (/admin/...), klaviyo (/api/..., /oauth/...), other. bucket: the rate-limit
// bucket the request falls in (Klaviyo: the endpoint with ids folded to {id}, plus
// `:profile_count` or `:predictive_analytics` when that option lowers the tier;
// Shopify: `graphql` or the REST path). The four cost columns are Shopify's
// extensions.cost (requestedQueryCost, actualQueryCost, throttleStatus
// maximumAvailable and restoreRate), `-` when absent. bytes: the decoded body.
//
// Why a proxy: frr's manifest counts requests per platform, not per rate-limit
// bucket, and does not keep Shopify's requested costs; the least time the limits
// allow needs both. It asks the upstream for identity encoding, parses the body,
// and lets its own server re-encode for frr as the simulator would. SIGTERM or
// SIGINT stops it (exit 0). Like frr-sim it links none of frr's libraries.
#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace {

constexpr std::size_t k_worker_threads = 32;  // frr runs a dozen endpoints side by side
constexpr std::chrono::seconds k_upstream_timeout{120};

struct Upstream {
    std::string host;
    int port = 0;
};

// The number after `"key":` in a JSON body, as text ("-" when absent).
std::string json_number_after(std::string_view body, std::string_view key)
{
    const std::string needle = "\"" + std::string(key) + "\":";
    const auto at = body.find(needle);
    if (at == std::string_view::npos)
        return "-";
    auto pos = at + needle.size();
    while (pos < body.size() && body[pos] == ' ')
        ++pos;
    auto end = pos;
    while (end < body.size() &&
           (std::isdigit(static_cast<unsigned char>(body[end])) != 0 || body[end] == '.' ||
            body[end] == '-' || body[end] == 'e' || body[end] == 'E' || body[end] == '+'))
        ++end;
    return end > pos ? std::string(body.substr(pos, end - pos)) : "-";
}

std::string platform_of(std::string_view path)
{
    if (path.rfind("/admin/", 0) == 0)
        return "shopify";
    if (path.rfind("/api/", 0) == 0 || path.rfind("/oauth/", 0) == 0)
        return "klaviyo";
    return "other";
}

// Klaviyo: "lists/{id}/profiles" from "/api/lists/XyZ/profiles/", with the tier-lowering options.
std::string bucket_of(std::string_view path, std::string_view target)
{
    if (path.rfind("/admin/", 0) == 0)
        return path.find("graphql.json") != std::string_view::npos ? "graphql" : std::string(path);
    std::string_view rest = path;
    if (rest.rfind("/api/", 0) == 0)
        rest.remove_prefix(5);
    else if (!rest.empty() && rest.front() == '/')
        rest.remove_prefix(1);
    std::string bucket;
    int index = 0;
    while (!rest.empty()) {
        const auto slash = rest.find('/');
        const std::string_view segment = rest.substr(0, slash);
        if (!segment.empty()) {
            if (!bucket.empty())
                bucket += '/';
            bucket += index == 1 ? std::string("{id}") : std::string(segment);
            ++index;
        }
        if (slash == std::string_view::npos)
            break;
        rest.remove_prefix(slash + 1);
    }
    if (target.find("profile_count") != std::string_view::npos)
        bucket += ":profile_count";
    else if (target.find("predictive_analytics") != std::string_view::npos)
        bucket += ":predictive_analytics";
    return bucket;
}

class RequestLog {
public:
    explicit RequestLog(const std::string& path) : m_file(std::fopen(path.c_str(), "w")) { }
    ~RequestLog()
    {
        if (m_file != nullptr)
            std::fclose(m_file);
    }
    RequestLog(const RequestLog&) = delete;
    RequestLog& operator=(const RequestLog&) = delete;

    bool ok() const { return m_file != nullptr; }

    void write(const httplib::Request& req, int status, const std::string& body)
    {
        const auto ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - m_start)
                .count();
        const std::string platform = platform_of(req.path);
        const bool shopify = platform == "shopify";
        const auto field = [&](std::string_view key) { return shopify ? json_number_after(body, key) : "-"; };
        const std::string line = std::to_string(ms) + '\t' + platform + '\t' + req.method + '\t' +
            bucket_of(req.path, req.target) + '\t' + std::to_string(status) + '\t' +
            field("requestedQueryCost") + '\t' + field("actualQueryCost") + '\t' + field("maximumAvailable") +
            '\t' + field("restoreRate") + '\t' + std::to_string(body.size()) + '\n';
        std::lock_guard lock(m_mutex);
        std::fputs(line.c_str(), m_file);
        std::fflush(m_file);
    }

private:
    std::FILE* m_file;
    std::mutex m_mutex;
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

// Header names compare without case (RFC 9110).
bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names)
{
    for (const auto candidate : names) {
        if (candidate.size() == name.size() &&
            std::equal(name.begin(), name.end(), candidate.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) ==
                    std::tolower(static_cast<unsigned char>(b));
            }))
            return true;
    }
    return false;
}

httplib::Client& upstream_client(const Upstream& up)
{
    // One keep-alive connection per worker thread.
    thread_local std::unique_ptr<httplib::Client> client;
    if (!client) {
        client = std::make_unique<httplib::Client>(up.host, up.port);
        client->set_keep_alive(true);
        client->set_url_encode(false);  // forward the target byte for byte
        client->set_read_timeout(k_upstream_timeout);
        client->set_decompress(false);
    }
    return *client;
}

void forward(const Upstream& up, RequestLog& log, const httplib::Request& req, httplib::Response& res)
{
    httplib::Headers headers;
    for (const auto& [name, value] : req.headers) {
        if (is_one_of(name,
                      {"Host", "Content-Length", "Accept-Encoding", "Connection", "REMOTE_ADDR",
                       "REMOTE_PORT", "LOCAL_ADDR", "LOCAL_PORT"}))
            continue;
        headers.emplace(name, value);
    }
    const std::string content_type = req.get_header_value("Content-Type");
    auto& client = upstream_client(up);
    httplib::Result result = req.method == "POST" ? client.Post(req.target, headers, req.body, content_type)
        : req.method == "DELETE"                  ? client.Delete(req.target, headers, req.body, content_type)
                                                  : client.Get(req.target, headers);
    if (!result) {
        res.status = 502;
        res.set_content("frr-bench-proxy: upstream unreachable: " + httplib::to_string(result.error()),
                        "text/plain");
        return;
    }
    res.status = result->status;
    for (const auto& [name, value] : result->headers) {
        if (is_one_of(name,
                      {"Content-Length", "Content-Encoding", "Transfer-Encoding", "Connection", "Keep-Alive",
                       "Content-Type"}))
            continue;
        res.headers.emplace(name, value);
    }
    log.write(req, result->status, result->body);
    res.set_content(result->body, result->get_header_value("Content-Type"));
}

bool parse_upstream(const std::string& url, Upstream& out)
{
    constexpr std::string_view k_scheme = "http://";
    if (url.rfind(k_scheme, 0) != 0)
        return false;
    const std::string rest = url.substr(k_scheme.size());
    const auto colon = rest.rfind(':');
    if (colon == std::string::npos)
        return false;
    out.host = rest.substr(0, colon);
    out.port = std::atoi(rest.c_str() + colon + 1);
    return out.port > 0;
}

}  // namespace

int main(int argc, char** argv)
{
    std::string upstream_url;
    std::string log_path;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view flag = argv[i];
        if (flag == "--upstream")
            upstream_url = argv[i + 1];
        else if (flag == "--log")
            log_path = argv[i + 1];
    }
    Upstream up;
    if (log_path.empty() || !parse_upstream(upstream_url, up)) {
        std::fprintf(stderr, "usage: frr-bench-proxy --upstream http://127.0.0.1:PORT --log FILE\n");
        return 64;
    }
    RequestLog log(log_path);
    if (!log.ok()) {
        std::fprintf(stderr, "frr-bench-proxy: cannot write %s\n", log_path.c_str());
        return 73;
    }

    // Signals are taken by one thread with sigwait, so stop() runs outside a handler.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    httplib::Server server;
    server.new_task_queue = [] { return new httplib::ThreadPool(k_worker_threads); };
    const auto handler = [&](const httplib::Request& req, httplib::Response& res) {
        forward(up, log, req, res);
    };
    server.Get(".*", handler);
    server.Post(".*", handler);
    server.Delete(".*", handler);
    const int port = server.bind_to_any_port("127.0.0.1");
    if (port <= 0) {
        std::fprintf(stderr, "frr-bench-proxy: cannot bind a loopback port\n");
        return 70;
    }
    std::printf("listening on http://127.0.0.1:%d\n", port);
    std::fflush(stdout);

    std::thread stopper([&] {
        int signal = 0;
        sigwait(&stop_signals, &signal);
        server.stop();
    });
    stopper.detach();
    server.listen_after_bind();
    return 0;
}
