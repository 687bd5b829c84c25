#include "net/curl_transport.hpp"

#include "net/retry.hpp"

#include "loopback_server.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

using namespace frr::net;
using frr::net::test::LoopbackServer;
using namespace std::chrono_literals;

namespace {

std::string gzip(const std::string& data)
{
    httplib::detail::gzip_compressor compressor;
    std::string out;
    compressor.compress(data.data(), data.size(), true, [&](const char* chunk, std::size_t n) {
        out.append(chunk, n);
        return true;
    });
    return out;
}

// Sets an environment variable for one scope (the tests run one at a time).
class ScopedEnv {
public:
    ScopedEnv(const char* name, const std::string& value) : m_name(name)
    {
        if (const char* old = std::getenv(name))
            m_old = old;
        ::setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv()
    {
        if (m_old)
            ::setenv(m_name, m_old->c_str(), 1);
        else
            ::unsetenv(m_name);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

HttpRequest get(const std::string& url)
{
    HttpRequest request;
    request.url = url;
    request.connect_timeout = 2000ms;
    request.total_timeout = 5000ms;
    return request;
}

}  // namespace

TEST_CASE("CurlTransport returns status and body and lower-cased headers", "[curl]")
{
    LoopbackServer loopback;
    std::string seen_body, seen_header, seen_method;
    loopback.server().Post("/echo", [&](const httplib::Request& req, httplib::Response& res) {
        seen_body = req.body;
        seen_header = req.get_header_value("X-Frr-Test");
        seen_method = req.method;
        res.status = 201;
        res.set_header("X-Answer", "42");
        res.set_content("{\"ok\":true}", "application/json");
    });
    loopback.start();

    CurlTransport transport;
    auto request = get(loopback.url("/echo"));
    request.method = "POST";
    request.body = "{\"query\":\"{ shop { name } }\"}";
    request.headers = {{"X-Frr-Test", "yes"}, {"Content-Type", "application/json"}};
    auto result = transport.send(request);

    REQUIRE(result.ok());
    CHECK_FALSE(result.error.has_value());
    CHECK(result.response->status == 201);
    CHECK(result.response->body == "{\"ok\":true}");
    CHECK(result.response->header("X-Answer") == "42");
    CHECK(result.response->header("content-type") == "application/json");
    for (const auto& [name, value] : result.response->headers)
        CHECK(std::none_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; }));
    CHECK(seen_method == "POST");
    CHECK(seen_body == request.body);
    CHECK(seen_header == "yes");
}

TEST_CASE("CurlTransport decodes a gzip-compressed body and asks for compression", "[curl]")
{
    LoopbackServer loopback;
    const std::string payload = [] {
        std::string s;
        for (int i = 0; i < 50; ++i)
            s += "{\"greeting\":\"hello, compressed world\"}\n";
        return s;
    }();
    std::string accept_encoding;
    std::size_t sent_bytes = 0;
    loopback.server().Get("/gz", [&](const httplib::Request& req, httplib::Response& res) {
        accept_encoding = req.get_header_value("Accept-Encoding");
        auto compressed = gzip(payload);
        sent_bytes = compressed.size();
        res.set_header("Content-Encoding", "gzip");
        // octet-stream keeps httplib from compressing a second time.
        res.set_content(compressed, "application/octet-stream");
    });
    loopback.start();

    CurlTransport transport;
    auto result = transport.send(get(loopback.url("/gz")));
    REQUIRE(result.ok());
    CHECK(result.response->status == 200);
    CHECK(result.response->body == payload);
    CHECK(sent_bytes < payload.size() / 4);
    CHECK(accept_encoding.find("gzip") != std::string::npos);
    CHECK(accept_encoding.find("deflate") != std::string::npos);
}

TEST_CASE("CurlTransport enforces the total timeout", "[curl]")
{
    LoopbackServer loopback;
    std::mutex mutex;
    std::condition_variable released_cv;
    bool released = false;
    loopback.server().Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
        std::unique_lock lock(mutex);
        released_cv.wait_for(lock, 3s, [&] { return released; });
        res.set_content("late", "text/plain");
    });
    loopback.start();

    CurlTransport transport;
    auto request = get(loopback.url("/slow?token=s3cr3t"));
    request.total_timeout = 200ms;
    const auto started = std::chrono::steady_clock::now();
    auto result = transport.send(request);
    const auto elapsed = std::chrono::steady_clock::now() - started;
    {
        std::lock_guard lock(mutex);
        released = true;
    }
    released_cv.notify_all();

    REQUIRE_FALSE(result.ok());
    CHECK(result.error->kind == TransportErrorKind::timeout);
    CHECK(result.error->message.find("127.0.0.1") != std::string::npos);
    CHECK(result.error->message.find("s3cr3t") == std::string::npos);
    CHECK(elapsed < 2s);
}

TEST_CASE("CurlTransport reports a refused connection as connect with a redacted message", "[curl]")
{
    int closed_port = 0;
    {
        LoopbackServer gone;
        gone.start();
        closed_port = gone.port();
    }
    CurlTransport transport;
    auto result =
        transport.send(get("http://127.0.0.1:" + std::to_string(closed_port) + "/x?access_token=tok_SECRET"));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error->kind == TransportErrorKind::connect);
    CHECK(result.error->message.find("127.0.0.1") != std::string::npos);
    CHECK(result.error->message.find("tok_SECRET") == std::string::npos);
}

TEST_CASE("CurlTransport refuses plain http to a non-loopback host without sending", "[curl]")
{
    // A proxy on loopback would receive the request if anything were sent.
    LoopbackServer proxy;
    std::atomic<int> hits{0};
    proxy.server().set_pre_routing_handler([&](const httplib::Request&, httplib::Response& res) {
        ++hits;
        res.status = 200;
        return httplib::Server::HandlerResponse::Handled;
    });
    proxy.start();
    ScopedEnv http_proxy("http_proxy", proxy.url());
    ScopedEnv no_proxy("no_proxy", "");

    CurlTransport transport;
    auto result = transport.send(get("http://example.com/api?api_key=k_SECRET"));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error->kind == TransportErrorKind::insecure_url);
    CHECK(result.error->message.find("example.com") != std::string::npos);
    CHECK(result.error->message.find("k_SECRET") == std::string::npos);
    CHECK(hits == 0);

    auto other = transport.send(get("ftp://127.0.0.1/file"));
    REQUIRE_FALSE(other.ok());
    CHECK(other.error->kind == TransportErrorKind::insecure_url);
}

TEST_CASE("CurlTransport reuses connections and does not follow redirects", "[curl]")
{
    LoopbackServer loopback;
    std::mutex mutex;
    std::vector<int> client_ports;
    loopback.server().Get("/a", [&](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(mutex);
        client_ports.push_back(req.remote_port);
        res.set_content("a", "text/plain");
    });
    loopback.server().Get("/moved",
                          [&](const httplib::Request&, httplib::Response& res) { res.set_redirect("/a"); });
    loopback.start();

    CurlTransport transport;
    for (int i = 0; i < 3; ++i)
        REQUIRE(transport.send(get(loopback.url("/a"))).ok());
    REQUIRE(client_ports.size() == 3);
    CHECK(client_ports[0] == client_ports[1]);
    CHECK(client_ports[1] == client_ports[2]);

    auto moved = transport.send(get(loopback.url("/moved")));
    REQUIRE(moved.ok());
    CHECK(moved.response->status == 302);
    CHECK(client_ports.size() == 3);
}

TEST_CASE("CurlTransport is safe to share between threads", "[curl]")
{
    LoopbackServer loopback;
    loopback.server().Get(R"(/n/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
        res.set_content(req.matches[1].str(), "text/plain");
    });
    loopback.start();

    CurlTransport transport;
    std::atomic<int> correct{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 5; ++i) {
                const auto n = std::to_string(t * 100 + i);
                auto result = transport.send(get(loopback.url("/n/" + n)));
                if (result.ok() && result.response->body == n)
                    ++correct;
            }
        });
    for (auto& thread : threads)
        thread.join();
    CHECK(correct == 20);
}

// Shopify's edge answers 502/503/504 with an empty or non-JSON body (api/shopify.md section 2).
// Such an answer is an HTTP response to retry, never a transport failure, and the handle that
// received it serves the next request.
TEST_CASE("CurlTransport returns a 5xx with an empty body as a response to retry", "[curl]")
{
    LoopbackServer loopback;
    loopback.server().Post("/empty",
                           [](const httplib::Request&, httplib::Response& res) { res.status = 502; });
    loopback.server().Post("/empty-gzip", [](const httplib::Request&, httplib::Response& res) {
        res.status = 502;
        res.set_header("Content-Encoding", "gzip");  // announced, but nothing to decode
    });
    loopback.server().Post("/empty-close", [](const httplib::Request&, httplib::Response& res) {
        res.status = 504;
        res.set_header("Connection", "close");
    });
    loopback.server().Post("/ok", [](const httplib::Request&, httplib::Response& res) {
        res.set_content("{\"data\":{}}", "application/json");
    });
    loopback.start();

    CurlTransport transport;
    auto post = [&](const std::string& path) {
        auto request = get(loopback.url(path));
        request.method = "POST";
        request.body = "{\"query\":\"{ shop { name } }\"}";
        return transport.send(request);
    };
    for (const auto& [path, status] :
         {std::pair{"/empty", 502L}, {"/empty-gzip", 502L}, {"/empty-close", 504L}}) {
        INFO(path);
        auto result = post(path);
        REQUIRE(result.ok());
        CHECK(result.response->status == status);
        CHECK(result.response->body.empty());
        CHECK(classify_result(result) == Verdict::retry);
        auto next = post("/ok");
        REQUIRE(next.ok());
        CHECK(next.response->status == 200);
        CHECK(next.response->body == "{\"data\":{}}");
    }
}

namespace {

// Collects what a BodySink is handed, and can refuse after `refuse_after` bytes.
class CollectingSink final : public BodySink {
public:
    void begin() override
    {
        ++begins;
        received.clear();
    }
    bool write(std::string_view bytes) override
    {
        ++pieces;
        received.append(bytes);
        return received.size() <= refuse_after;
    }
    int begins = 0;
    int pieces = 0;
    std::string received;
    std::size_t refuse_after = static_cast<std::size_t>(-1);
};

std::string big_body(std::size_t lines)
{
    std::string s;
    for (std::size_t i = 0; i < lines; ++i)
        s += "{\"id\":\"gid://shopify/Order/" + std::to_string(i) +
            "\",\"createdAt\":\"2026-11-26T00:00:00Z\"}\n";
    return s;
}

}  // namespace

TEST_CASE("CurlTransport hands a 2xx body to the request's sink as it arrives, an error body not", "[curl]")
{
    LoopbackServer loopback;
    const std::string payload = big_body(20'000);  // about 1.4 MB: many pieces
    loopback.server().Get("/file", [&](const httplib::Request&, httplib::Response& res) {
        res.set_content(payload, "application/jsonl");
    });
    loopback.server().Get("/gone", [](const httplib::Request&, httplib::Response& res) {
        res.status = 403;
        res.set_content("<Error><Code>AccessDenied</Code></Error>", "application/xml");
    });
    loopback.start();

    CurlTransport transport;
    CollectingSink sink;
    auto request = get(loopback.url("/file"));
    request.body_sink = &sink;
    auto result = transport.send(request);
    REQUIRE(result.ok());
    CHECK(result.response->status == 200);
    CHECK(result.response->body.empty());
    CHECK(result.response->streamed_bytes == payload.size());
    CHECK(sink.begins == 1);
    CHECK(sink.pieces > 1);
    CHECK(sink.received == payload);

    CollectingSink refused_sink;
    request = get(loopback.url("/gone"));
    request.body_sink = &refused_sink;
    result = transport.send(request);
    REQUIRE(result.ok());
    CHECK(result.response->status == 403);
    CHECK(result.response->body == "<Error><Code>AccessDenied</Code></Error>");
    CHECK(refused_sink.received.empty());
}

TEST_CASE("CurlTransport: a sink that refuses stops the transfer, a final error", "[curl]")
{
    LoopbackServer loopback;
    const std::string payload = big_body(20'000);
    loopback.server().Get("/file", [&](const httplib::Request&, httplib::Response& res) {
        res.set_content(payload, "application/jsonl");
    });
    loopback.start();

    CurlTransport transport;
    CollectingSink sink;
    sink.refuse_after = 1000;
    auto request = get(loopback.url("/file?Signature=secret"));
    request.body_sink = &sink;
    auto result = transport.send(request);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error->kind == TransportErrorKind::stopped);
    CHECK(classify_result(result) == Verdict::done);
    CHECK(sink.received.size() < payload.size());
    CHECK(result.error->message.find("secret") == std::string::npos);
}

TEST_CASE("CurlTransport: a streamed body cut short is a reset, and the sink has seen its first part",
          "[curl]")
{
    LoopbackServer loopback;
    const std::string payload = big_body(2'000);
    loopback.server().Get("/cut", [&](const httplib::Request&, httplib::Response& res) {
        // Content-Length of the whole, then the connection closes at half of it.
        res.set_content_provider(payload.size(), "application/jsonl",
                                 [&](std::size_t offset, std::size_t, httplib::DataSink& out) {
                                     const std::size_t half = payload.size() / 2;
                                     if (offset >= half)
                                         return false;
                                     out.write(payload.data() + offset, half - offset);
                                     return true;
                                 });
    });
    loopback.start();

    CurlTransport transport;
    CollectingSink sink;
    auto request = get(loopback.url("/cut"));
    request.body_sink = &sink;
    auto result = transport.send(request);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error->kind == TransportErrorKind::reset);
    CHECK(classify_result(result) == Verdict::retry);
    CHECK(sink.begins == 1);
    CHECK(sink.received == payload.substr(0, payload.size() / 2));
}
