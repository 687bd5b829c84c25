#include "net/http.hpp"
#include "net/url.hpp"

#include <catch2/catch.hpp>

using namespace frr::net;

TEST_CASE("HttpResponse::header is case-insensitive and returns the first match", "[http]")
{
    HttpResponse response;
    response.headers = {{"content-type", "application/json"}, {"x-dup", "one"}, {"x-dup", "two"}};
    CHECK(response.header("Content-Type") == "application/json");
    CHECK(response.header("X-DUP") == "one");
    CHECK_FALSE(response.header("retry-after").has_value());
}

TEST_CASE("is_loopback_url recognises loopback hosts only", "[http]")
{
    CHECK(is_loopback_url("http://127.0.0.1:8080/x"));
    CHECK(is_loopback_url("http://127.5.6.7/"));
    CHECK(is_loopback_url("http://localhost"));
    CHECK(is_loopback_url("http://LOCALHOST:9/a?b"));
    CHECK(is_loopback_url("http://[::1]:8080/"));
    CHECK(is_loopback_url("https://user:pw@127.0.0.1/"));
    CHECK_FALSE(is_loopback_url("http://127.0.0.1.evil.com/"));
    CHECK_FALSE(is_loopback_url("http://localhost.evil.com/"));
    CHECK_FALSE(is_loopback_url("http://evil.com/?u=http://127.0.0.1"));
    CHECK_FALSE(is_loopback_url("http://127.0.0.1@evil.com/"));
    CHECK_FALSE(is_loopback_url("http://128.0.0.1/"));
    CHECK_FALSE(is_loopback_url("http://127.0.0/"));
    CHECK_FALSE(is_loopback_url("http://127.0.0.256/"));
    CHECK_FALSE(is_loopback_url("ftp://127.0.0.1/"));
    CHECK_FALSE(is_loopback_url("127.0.0.1"));
}

TEST_CASE("is_allowed_url: https anywhere, http only to loopback", "[http]")
{
    CHECK(is_allowed_url("https://shop.myshopify.com/admin/api/2026-01/graphql.json"));
    CHECK(is_allowed_url("HTTPS://a.klaviyo.com/api/events"));
    CHECK(is_allowed_url("http://127.0.0.1:4000/"));
    CHECK_FALSE(is_allowed_url("http://example.com/"));
    CHECK_FALSE(is_allowed_url("file:///etc/passwd"));
    CHECK_FALSE(is_allowed_url("not a url"));
    CHECK_FALSE(is_allowed_url("https:///nohost"));
}

TEST_CASE("url_host names the host for messages", "[http]")
{
    CHECK(url_host("https://user:secret@a.klaviyo.com:443/api?x=1") == "a.klaviyo.com");
    CHECK(url_host("http://[::1]:80/") == "::1");
    CHECK(url_host("nonsense") == "<no host>");
}

TEST_CASE("percent_encode and form_encode escape all but the unreserved bytes", "[http]")
{
    CHECK(percent_encode("") == "");
    CHECK(percent_encode("AZaz09-._~") == "AZaz09-._~");
    CHECK(percent_encode("a b+c/=&?#%") == "a%20b%2Bc%2F%3D%26%3F%23%25");
    CHECK(percent_encode("equals(metric_id,\"Xy\")") == "equals%28metric_id%2C%22Xy%22%29");
    CHECK(percent_encode("\xc3\xa9") == "%C3%A9");  // UTF-8 bytes, upper-case hex
    CHECK(percent_encode(std::string_view("a\0b", 3)) == "a%00b");
    CHECK(form_encode({}) == "");
    CHECK(form_encode({{"page[size]", "50"}, {"sort", "-datetime"}}) == "page%5Bsize%5D=50&sort=-datetime");
}
