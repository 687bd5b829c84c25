#include "net/oauth.hpp"

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/hmac.hpp"
#include "core/random.hpp"
#include "net/curl_transport.hpp"
#include "net/token_cache.hpp"
#include "support/test_support.hpp"

#include "loopback_server.hpp"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <sys/stat.h>
#include <thread>
#include <vector>

using namespace frr::net;
using frr::net::test::LoopbackServer;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const frr::core::TimePoint k_now{std::chrono::seconds{1'795'000'000}};

// What one provider needs besides the server: a real transport, a fake sleeper.
struct Harness {
    CurlTransport transport;
    frr::core::FakeSleeper sleeper;
    frr::core::SeededRandom random{11};
    RequestStats stats;
    RequestContext context()
    {
        // Designated: RetryOptions gains members (retry.hpp) without breaking this.
        const RetryOptions options{
            .max_attempts = 3, .base_delay = 100ms, .max_delay = 1000ms, .max_retry_after = 5000ms};
        return RequestContext{transport, RetryPolicy(options), sleeper, random, stats, nullptr};
    }
};

// A token endpoint that rotates refresh tokens and invalidates the old one,
// as Klaviyo may and Shopify's expiring offline tokens do.
class RotatingTokens {
public:
    explicit RotatingTokens(std::string first_refresh) { m_valid.insert(std::move(first_refresh)); }

    void answer(const std::string& refresh, httplib::Response& res)
    {
        std::lock_guard lock(m_mutex);
        const auto n = std::to_string(++hits);
        if (m_valid.erase(refresh) == 0) {
            res.status = 400;
            res.set_content(R"({"error":"invalid_grant","error_description":"bad )" + refresh + R"("})",
                            "application/json");
            return;
        }
        m_valid.insert("refresh-" + n);
        res.set_content(R"({"access_token":"access-)" + n +
                            R"(","token_type":"Bearer","expires_in":3600,"refresh_token":"refresh-)" + n +
                            R"(","scope":"events:read"})",
                        "application/json");
    }

    // Forget every refresh token: the next grant is invalid_grant.
    void revoke_all()
    {
        std::lock_guard lock(m_mutex);
        m_valid.clear();
    }

    std::atomic<int> hits{0};
    std::string last_authorization;
    std::string last_content_type;

private:
    std::mutex m_mutex;
    std::set<std::string> m_valid;
};

// Klaviyo: POST /oauth/token, Basic auth, form body.
void serve_klaviyo(LoopbackServer& loopback, RotatingTokens& tokens)
{
    loopback.server().Post("/oauth/token", [&](const httplib::Request& req, httplib::Response& res) {
        tokens.last_authorization = req.get_header_value("Authorization");
        tokens.last_content_type = req.get_header_value("Content-Type");
        if (req.get_param_value("grant_type") != "refresh_token") {
            res.status = 400;
            res.set_content(R"({"error":"unsupported_grant_type"})", "application/json");
            return;
        }
        tokens.answer(req.get_param_value("refresh_token"), res);
    });
    loopback.start();
}

RefreshTokenOptions klaviyo_options(const std::string& base, const std::string& refresh, fs::path cache)
{
    RefreshTokenOptions options;
    options.style = RefreshStyle::basic_auth_form;
    options.platform = "klaviyo";
    options.token_url = join_url(base, "/oauth/token");
    options.client_id = "client-k";
    options.client_secret = "secret-k";
    options.refresh_token = refresh;
    options.refresh_token_env = "FRR_KLAVIYO_REFRESH_TOKEN";
    options.cache_path = std::move(cache);
    return options;
}

unsigned file_mode(const fs::path& path)
{
    struct stat st { };
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 0777;
}

}  // namespace

TEST_CASE("StaticToken always answers the configured token", "[oauth]")
{
    StaticToken token("shpat_static");
    CHECK(token.access_token(k_now) == "shpat_static");
    token.invalidate();
    token.reject("shpat_static");
    CHECK(token.access_token(k_now + 3600s) == "shpat_static");
}

TEST_CASE("ClientCredentialsGrant renews five minutes before expiry", "[oauth]")
{
    LoopbackServer loopback;
    std::atomic<int> hits{0};
    std::string form_ok;
    loopback.server().Post(
        "/admin/oauth/access_token", [&](const httplib::Request& req, httplib::Response& res) {
            const auto n = std::to_string(++hits);
            form_ok = req.get_header_value("Content-Type") == "application/x-www-form-urlencoded" &&
                    req.get_param_value("grant_type") == "client_credentials" &&
                    req.get_param_value("client_id") == "cid" &&
                    req.get_param_value("client_secret") == "s&cret=1"
                ? "yes"
                : "no";
            res.set_content(R"({"access_token":"shpca_)" + n +
                                R"(","scope":"read_orders","expires_in":86399})",
                            "application/json");
        });
    loopback.start();

    Harness h;
    ClientCredentialsGrant provider(h.context(),
                                    ClientCredentialsOptions{loopback.url() + "/admin/oauth/access_token",
                                                             "shopify", "cid", "s&cret=1",
                                                             "FRR_SHOPIFY_CLIENT_SECRET", 300s});
    CHECK(provider.access_token(k_now) == "shpca_1");
    CHECK(form_ok == "yes");
    CHECK(provider.access_token(k_now + 86399s - 301s) == "shpca_1");
    CHECK(hits == 1);
    CHECK(provider.access_token(k_now + 86399s - 300s) == "shpca_2");
    CHECK(hits == 2);

    provider.reject("shpca_1");  // a stale 401 from before the renewal: nothing to do
    CHECK(provider.access_token(k_now + 86399s) == "shpca_2");
    provider.reject("shpca_2");
    CHECK(provider.access_token(k_now + 86399s) == "shpca_3");
    provider.invalidate();
    CHECK(provider.access_token(k_now + 86399s) == "shpca_4");
    CHECK(h.stats.snapshot().requests == 4);
}

TEST_CASE("ClientCredentialsGrant reports invalid_client as a credentials error", "[oauth]")
{
    LoopbackServer loopback;
    loopback.server().Post("/admin/oauth/access_token", [](const httplib::Request&, httplib::Response& res) {
        res.status = 400;
        res.set_content(R"({"error":"invalid_client","error_description":"Client authentication failed"})",
                        "application/json");
    });
    loopback.start();
    Harness h;
    ClientCredentialsGrant provider(h.context(),
                                    ClientCredentialsOptions{loopback.url() + "/admin/oauth/access_token",
                                                             "shopify", "cid", "wrong-secret",
                                                             "FRR_SHOPIFY_CLIENT_SECRET", 300s});
    try {
        provider.access_token(k_now);
        FAIL("accepted a rejected client");
    } catch (const frr::core::Error& e) {
        CHECK(e.code() == frr::core::ExitCode::credentials);
        CHECK(e.where() == "shopify token endpoint");
        CHECK(e.remedy().find("FRR_SHOPIFY_CLIENT_SECRET") != std::string::npos);
        CHECK(e.render().find("wrong-secret") == std::string::npos);
    }
}

TEST_CASE("RefreshTokenProvider rotates and persists the refresh token in a 0600 cache", "[oauth]")
{
    LoopbackServer loopback;
    RotatingTokens tokens("refresh-0");
    serve_klaviyo(loopback, tokens);
    frr::test::TempDir dir;
    const auto cache = dir / "token-cache-klaviyo.json";

    {
        Harness h;
        RefreshTokenProvider provider(h.context(), klaviyo_options(loopback.url(), "refresh-0", cache));
        CHECK(provider.access_token(k_now) == "access-1");
        CHECK(tokens.last_authorization == "Basic " + frr::core::base64("client-k:secret-k"));
        CHECK(tokens.last_content_type == "application/x-www-form-urlencoded");
        CHECK(provider.current_refresh_token() == "refresh-1");
        CHECK(file_mode(cache) == 0600);
        auto cached = load_token_cache(cache);
        REQUIRE(cached.has_value());
        CHECK(cached->refresh_token == "refresh-1");
        CHECK(cached->access_token == "access-1");
        CHECK(cached->access_expires_at == k_now + 3600s);

        // Proactive: renewed once fewer than 60 s remain.
        CHECK(provider.access_token(k_now + 3539s) == "access-1");
        CHECK(tokens.hits == 1);
        CHECK(provider.access_token(k_now + 3541s) == "access-2");
        CHECK(load_token_cache(cache)->refresh_token == "refresh-2");
        // A 401: renewed on demand.
        provider.invalidate();
        CHECK(provider.access_token(k_now + 3600s) == "access-3");
    }
    {
        // The next run starts from the configured (now dead) token but uses the cache.
        Harness h;
        RefreshTokenProvider provider(h.context(), klaviyo_options(loopback.url(), "refresh-0", cache));
        CHECK(provider.current_refresh_token() == "refresh-3");
        CHECK(provider.access_token(k_now + 3600s) == "access-3");  // still valid: no request
        CHECK(tokens.hits == 3);
        CHECK(provider.access_token(k_now + 7200s) == "access-4");
    }
}

TEST_CASE("RefreshTokenProvider Shopify style posts JSON to the admin endpoint", "[oauth]")
{
    LoopbackServer loopback;
    RotatingTokens tokens("shprt_0");
    std::string content_type, grant_type, client_id, client_secret;
    loopback.server().Post(
        "/admin/oauth/access_token", [&](const httplib::Request& req, httplib::Response& res) {
            content_type = req.get_header_value("Content-Type");
            rapidjson::Document doc;
            doc.Parse(req.body.c_str());
            // No Catch assertions on the server thread: a bad body just gets a 400.
            if (!doc.IsObject() || !doc.HasMember("refresh_token") || !doc["refresh_token"].IsString()) {
                res.status = 400;
                return;
            }
            grant_type = doc["grant_type"].GetString();
            client_id = doc["client_id"].GetString();
            client_secret = doc["client_secret"].GetString();
            tokens.answer(doc["refresh_token"].GetString(), res);
        });
    loopback.start();

    Harness h;
    RefreshTokenOptions options;
    options.style = RefreshStyle::json_body;
    options.platform = "shopify";
    options.token_url = join_url(loopback.url() + "/", "/admin/oauth/access_token");
    options.client_id = "cid";
    options.client_secret = "csecret";
    options.refresh_token = "shprt_0";
    RefreshTokenProvider provider(h.context(), options);
    CHECK(provider.access_token(k_now) == "access-1");
    CHECK(content_type == "application/json");
    CHECK(grant_type == "refresh_token");
    CHECK(client_id == "cid");
    CHECK(client_secret == "csecret");
    CHECK(provider.current_refresh_token() == "refresh-1");
}

TEST_CASE("RefreshTokenProvider refuses a token cache readable by others", "[oauth]")
{
    frr::test::TempDir dir;
    const auto cache = dir / "token-cache-klaviyo.json";
    save_token_cache(cache, CachedTokens{"refresh-9", sha256_hex("refresh-0"), "access-9", k_now + 3600s});
    REQUIRE(file_mode(cache) == 0600);
    fs::permissions(cache,
                    fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                        fs::perms::others_read);
    Harness h;
    try {
        RefreshTokenProvider provider(h.context(), klaviyo_options("http://127.0.0.1:9", "refresh-0", cache));
        FAIL("accepted a 0644 token cache");
    } catch (const frr::core::Error& e) {
        CHECK(e.code() == frr::core::ExitCode::config);
        CHECK(e.remedy().find("chmod 600") != std::string::npos);
    }
}

TEST_CASE("RefreshTokenProvider ignores a cache from an older configured token", "[oauth]")
{
    frr::test::TempDir dir;
    const auto cache = dir / "token-cache-klaviyo.json";
    save_token_cache(cache, CachedTokens{"refresh-9", sha256_hex("refresh-old"), "access-9", k_now + 3600s});
    Harness h;
    RefreshTokenProvider provider(h.context(), klaviyo_options("http://127.0.0.1:9", "refresh-new", cache));
    CHECK(provider.current_refresh_token() == "refresh-new");
}

TEST_CASE("RefreshTokenProvider turns invalid_grant into exit 77 with a remedy", "[oauth]")
{
    LoopbackServer loopback;
    RotatingTokens tokens("refresh-0");
    serve_klaviyo(loopback, tokens);
    frr::test::TempDir dir;
    Harness h;
    RefreshTokenProvider provider(h.context(),
                                  klaviyo_options(loopback.url(), "revoked-refresh", dir / "cache.json"));
    try {
        provider.access_token(k_now);
        FAIL("accepted a revoked refresh token");
    } catch (const frr::core::Error& e) {
        CHECK(e.code() == frr::core::ExitCode::credentials);
        CHECK(e.where() == "klaviyo token endpoint");
        CHECK(e.remedy() ==
              "the refresh token was rejected: re-authorise the app and update FRR_KLAVIYO_REFRESH_TOKEN");
        CHECK(e.render().find("revoked-refresh") == std::string::npos);
        CHECK(e.render().find("secret-k") == std::string::npos);
    }
    CHECK(tokens.hits == 1);  // a refusal is not retried
    CHECK_FALSE(fs::exists(dir / "cache.json"));
}

TEST_CASE("RefreshTokenProvider retries a failing token endpoint then reports it unavailable", "[oauth]")
{
    LoopbackServer loopback;
    std::atomic<int> hits{0};
    loopback.server().Post("/oauth/token", [&](const httplib::Request&, httplib::Response& res) {
        ++hits;
        res.status = 503;
    });
    loopback.start();
    Harness h;
    RefreshTokenProvider provider(h.context(), klaviyo_options(loopback.url(), "refresh-0", {}));
    CHECK_THROWS_AS(provider.access_token(k_now), TokenUnavailable);
    CHECK(hits == 3);
    CHECK(h.sleeper.total_slept() > 0ms);
}

TEST_CASE("RefreshTokenProvider without any refresh token is a credentials error", "[oauth]")
{
    Harness h;
    try {
        RefreshTokenProvider provider(h.context(), klaviyo_options("http://127.0.0.1:9", "", {}));
        FAIL("accepted no refresh token");
    } catch (const frr::core::Error& e) {
        CHECK(e.code() == frr::core::ExitCode::credentials);
        CHECK(e.remedy().find("FRR_KLAVIYO_REFRESH_TOKEN") != std::string::npos);
    }
}

TEST_CASE("OAuth wire helpers encode forms and Basic credentials", "[oauth]")
{
    CHECK(form_encode({{"grant_type", "refresh_token"}, {"refresh_token", "a b+c/=&"}}) ==
          "grant_type=refresh_token&refresh_token=a%20b%2Bc%2F%3D%26");
    CHECK(frr::core::base64("client-k:secret-k") == "Y2xpZW50LWs6c2VjcmV0LWs=");
    CHECK(frr::core::base64("") == "");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(join_url("https://a.klaviyo.com//", "/oauth/token") == "https://a.klaviyo.com/oauth/token");
}

TEST_CASE("RefreshTokenProvider renews once when many threads need a token", "[oauth]")
{
    LoopbackServer loopback;
    RotatingTokens tokens("refresh-0");
    serve_klaviyo(loopback, tokens);
    frr::test::TempDir dir;
    Harness h;
    RefreshTokenProvider provider(h.context(), klaviyo_options(loopback.url(), "refresh-0", dir / "c.json"));
    std::vector<std::string> seen(6);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < seen.size(); ++i)
        threads.emplace_back([&, i] { seen[i] = provider.access_token(k_now); });
    for (auto& thread : threads)
        thread.join();
    CHECK(tokens.hits == 1);
    for (const auto& token : seen)
        CHECK(token == "access-1");
}

TEST_CASE("token_after_401: a renewed token for the refused one, nothing when retrying cannot help",
          "[oauth]")
{
    StaticToken key("pk_static");
    CHECK_FALSE(
        token_after_401(key, "pk_static", k_now).has_value());  // the same key again would be refused again

    LoopbackServer loopback;
    RotatingTokens tokens("refresh-0");
    serve_klaviyo(loopback, tokens);
    frr::test::TempDir dir;
    const auto cache = dir / "klaviyo-token.json";
    Harness h;
    RefreshTokenProvider provider(h.context(), klaviyo_options(loopback.url(), "refresh-0", cache));
    REQUIRE(provider.access_token(k_now) == "access-1");
    // The server expired every token: refused although its recorded expiry is an hour away.
    CHECK(token_after_401(provider, "access-1", k_now) == std::optional<std::string>("access-2"));
    // ... and again before access-2 was used: a second renewal, the rotation persisted each time.
    CHECK(token_after_401(provider, "access-2", k_now) == std::optional<std::string>("access-3"));
    CHECK(tokens.hits == 3);
    CHECK(load_token_cache(cache)->refresh_token == "refresh-3");
    CHECK(file_mode(cache) == 0600);
    // A late 401 for a token already replaced: the current one, no grant.
    CHECK(token_after_401(provider, "access-1", k_now) == std::optional<std::string>("access-3"));
    CHECK(tokens.hits == 3);
}

TEST_CASE("token_after_401: a rejected refresh token is a credentials error naming the variable", "[oauth]")
{
    LoopbackServer loopback;
    RotatingTokens tokens("refresh-0");
    serve_klaviyo(loopback, tokens);
    Harness h;
    RefreshTokenProvider provider(h.context(), klaviyo_options(loopback.url(), "refresh-0", {}));
    REQUIRE(provider.access_token(k_now) == "access-1");
    tokens.revoke_all();  // the app was disconnected: refresh-1 is dead
    try {
        (void)token_after_401(provider, "access-1", k_now);
        FAIL("expected a credentials error");
    } catch (const frr::core::Error& e) {
        CHECK(e.code() == frr::core::ExitCode::credentials);
        CHECK_THAT(std::string(e.what()), Catch::Contains("refused the credentials"));
        CHECK_THAT(e.where(), Catch::Contains("klaviyo"));  // the platform is named once, in where()
        CHECK_THAT(e.remedy(), Catch::Contains("re-authorise the app and update FRR_KLAVIYO_REFRESH_TOKEN"));
    }
}
