#include "core/config.hpp"
#include "core/error.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <sys/stat.h>

using frr::core::Error;
using frr::core::ExitCode;
using frr::core::parse_config;

namespace {

const char* k_minimal = R"(store:
  name: Test shop
shopify:
  shop: test.myshopify.com
  auth:
    mode: static_token
    access_token_env: FRR_TEST_SHOPIFY_TOKEN
klaviyo:
  auth:
    private_key_env: FRR_TEST_KLAVIYO_KEY
)";

Error config_error(const std::string& yaml)
{
    try {
        parse_config(yaml, "test.yaml");
    } catch (const Error& e) {
        return e;
    }
    FAIL("expected a configuration error");
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a minimal config loads with defaults")
{
    auto c = parse_config(k_minimal, "test.yaml");
    CHECK(c.store.name == "Test shop");
    CHECK(c.store.timezone == "Europe/London");
    CHECK(c.shopify.auth == frr::core::ShopifyAuthMode::static_token);
    CHECK(c.shopify.access_token.env == "FRR_TEST_SHOPIFY_TOKEN");
    CHECK(c.klaviyo.revision == "2026-07-15");
    CHECK(c.checks.window == std::chrono::hours(24));
    CHECK(c.checks.grace == std::chrono::hours(1));
    CHECK(c.checks.max_catch_up == std::chrono::hours(24 * 7));
    CHECK(c.breaker.failures_to_open == 3);
    CHECK(c.breaker.cool_down_runs == 1);  // counted in runs: fits an hourly and a daily cron
}

TEST_CASE("the breaker's cool-down is a number of runs or a duration")
{
    auto with = [](const std::string& value) {
        return parse_config(std::string(k_minimal) + "breaker:\n  cool_down: " + value + "\n", "test.yaml")
            .breaker;
    };
    CHECK(with("2 runs").cool_down_runs == 2);
    CHECK(with("1 run").cool_down_runs == 1);
    const auto timed = with("6h");
    CHECK(timed.cool_down_runs == 0);
    CHECK(timed.cool_down == std::chrono::hours(6));
    const auto e = config_error(std::string(k_minimal) + "breaker:\n  cool_down: soon\n");
    CHECK(std::string(e.what()).find("neither a number of runs nor a duration") != std::string::npos);
    CHECK(config_error(std::string(k_minimal) + "breaker:\n  cool_down: 0 runs\n").code() ==
          ExitCode::config);
    CHECK(parse_config(std::string(k_minimal) + "checks:\n  max_catch_up: 3d\n", "test.yaml")
              .checks.max_catch_up == std::chrono::hours(72));
}

TEST_CASE("a misspelled key names file, line, column and a suggestion")
{
    std::string yaml = k_minimal;
    yaml += "checks:\n  windw: 24h\n";
    auto e = config_error(yaml);
    CHECK(e.code() == ExitCode::config);
    CHECK(e.where() == "test.yaml:12:3");
    CHECK(std::string(e.what()).find("checks.windw") != std::string::npos);
    CHECK(e.remedy() == "did you mean 'window'?");
}

TEST_CASE("a literal secret is refused with how to move it")
{
    std::string yaml = R"(shopify:
  shop: test.myshopify.com
  auth:
    access_token: shpat_abcdef0123456789
klaviyo:
  auth:
    private_key_env: K
)";
    auto e = config_error(yaml);
    CHECK(e.code() == ExitCode::config);
    CHECK(std::string(e.what()).find("shopify.auth.access_token") != std::string::npos);
    CHECK(e.remedy().find("access_token_env") != std::string::npos);
    CHECK(e.render().find("shpat_abcdef0123456789") == std::string::npos);
}

TEST_CASE("plain http base URLs are refused unless loopback")
{
    std::string bad = std::string(k_minimal) + "  base_url: http://a.klaviyo.example.com\n";
    auto e = config_error(bad);
    CHECK(e.code() == ExitCode::config);
    CHECK(std::string(e.what()).find("plain http") != std::string::npos);

    std::string ok = std::string(k_minimal) + "  base_url: http://127.0.0.1:8080\n";
    CHECK_NOTHROW(parse_config(ok, "test.yaml"));
}

TEST_CASE("wrong types and missing values name the key")
{
    auto e1 = config_error(std::string(k_minimal) + "checks:\n  stall_min_orders: lots\n");
    CHECK(std::string(e1.what()).find("checks.stall_min_orders") != std::string::npos);
    auto e2 = config_error("klaviyo:\n  auth:\n    private_key_env: K\n");
    CHECK(std::string(e2.what()).find("shopify") != std::string::npos);
    auto e3 = config_error(std::string(k_minimal) + "checks:\n  window: 24 hours\n");
    CHECK(std::string(e3.what()).find("checks.window") != std::string::npos);
    auto e4 = config_error(std::string(k_minimal) + "store:\n  timezone: Mars/Olympus\n");
    CHECK(e4.code() == ExitCode::config);
}

TEST_CASE("malformed YAML is a config error with a location")
{
    auto e = config_error("shopify: [unclosed\n");
    CHECK(e.code() == ExitCode::config);
    CHECK(e.where().rfind("test.yaml:", 0) == 0);
}

TEST_CASE("secrets resolve from the environment and files, and say what is missing")
{
    frr::test::TempDir dir;
    auto c = parse_config(k_minimal, "test.yaml");
    ::unsetenv("FRR_TEST_SHOPIFY_TOKEN");
    try {
        (void)c.shopify.access_token.resolve();
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()).find("FRR_TEST_SHOPIFY_TOKEN") != std::string::npos);
    }
    ::setenv("FRR_TEST_SHOPIFY_TOKEN", "shpat_from_env", 1);
    CHECK(c.shopify.access_token.resolve() == "shpat_from_env");

    auto file = dir / "key";
    frr::test::write_text(file, "pk_from_file\n");
    ::chmod(file.c_str(), 0644);
    frr::core::SecretRef ref{"", file, "klaviyo.auth.private_key"};
    CHECK_THROWS_AS(ref.resolve(), Error);
    ::chmod(file.c_str(), 0600);
    CHECK(ref.resolve() == "pk_from_file");
}

TEST_CASE("the example config validates")
{
    auto c = frr::core::load_config(frr::test::source_dir() / "examples/frr.example.yaml");
    CHECK(c.delivery.email.has_value());
    CHECK(c.delivery.slack.has_value());
    CHECK(c.delivery.webhook.has_value());
    CHECK(c.delivery.outbox.has_value());
}

TEST_CASE("the demo config validates")
{
    auto c = frr::core::load_config(frr::test::source_dir() / "examples/demo.yaml");
    CHECK(c.shopify.shop == "frr-demo.myshopify.com");
}

TEST_CASE("a non-scalar key is a config error, not a crash (fuzz regression)")
{
    auto e = config_error("? [a, b]\n: 1\nshopify:\n  shop: x\n");
    CHECK(e.code() == ExitCode::config);
    auto e2 = config_error(std::string(k_minimal) + "checks:\n  ? {a: 1}\n  : 2\n");
    CHECK(e2.code() == ExitCode::config);
}

TEST_CASE("only real loopback hosts may use plain http")
{
    for (const char* host : {"http://127.0.0.1.nip.io", "http://127.evil.com", "http://1270.0.0.1"}) {
        auto e = config_error(std::string(k_minimal) + "  base_url: " + host + "\n");
        CHECK(e.code() == ExitCode::config);
    }
    CHECK_NOTHROW(parse_config(std::string(k_minimal) + "  base_url: http://127.0.0.2:9\n", "test.yaml"));
    CHECK_NOTHROW(parse_config(std::string(k_minimal) + "  base_url: http://localhost:9\n", "test.yaml"));
}
