#include "connectors/klaviyo/settings.hpp"
#include "connectors/registry.hpp"
#include "connectors/shopify/settings.hpp"
#include "core/error.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <sys/stat.h>

using frr::connectors::parse_config;
using frr::core::Error;
using frr::core::ExitCode;
namespace shopify = frr::connectors::shopify;
namespace klaviyo = frr::connectors::klaviyo;

namespace {

const char* k_minimal = R"(store:
  name: Test shop
source:
  kind: shopify
  shop: test.myshopify.com
  auth:
    mode: static_token
    access_token_env: FRR_TEST_SHOPIFY_TOKEN
destination:
  kind: klaviyo
  auth:
    private_key_env: FRR_TEST_KLAVIYO_KEY
)";

// The layout before roles: top-level keys named after the platforms.
const char* k_legacy = R"(store:
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

const shopify::Settings& source_of(const frr::core::Config& c)
{
    return frr::core::settings_as<shopify::Settings>(c.source);
}

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
    CHECK(c.source.kind == "shopify");
    CHECK(c.destination.kind == "klaviyo");
    CHECK(source_of(c).auth == shopify::AuthMode::static_token);
    CHECK(source_of(c).access_token.env == "FRR_TEST_SHOPIFY_TOKEN");
    CHECK(frr::core::settings_as<klaviyo::Settings>(c.destination).revision == "2026-07-15");
    CHECK(c.deprecations.empty());
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
    CHECK(e.where() == "test.yaml:14:3");
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
    auto e2 = config_error("destination:\n  kind: klaviyo\n  auth:\n    private_key_env: K\n");
    CHECK(std::string(e2.what()).find("'source' section is required") != std::string::npos);
    CHECK(e2.remedy().find("shopify") != std::string::npos);
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
        (void)source_of(c).access_token.resolve();
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()).find("FRR_TEST_SHOPIFY_TOKEN") != std::string::npos);
    }
    ::setenv("FRR_TEST_SHOPIFY_TOKEN", "shpat_from_env", 1);
    CHECK(source_of(c).access_token.resolve() == "shpat_from_env");

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
    auto c = frr::connectors::load_config(frr::test::source_dir() / "examples/frr.example.yaml");
    CHECK(c.delivery.email.has_value());
    CHECK(c.delivery.slack.has_value());
    CHECK(c.delivery.webhook.has_value());
    CHECK(c.delivery.outbox.has_value());
}

TEST_CASE("the demo config validates")
{
    auto c = frr::connectors::load_config(frr::test::source_dir() / "examples/demo.yaml");
    CHECK(source_of(c).shop == "frr-demo.myshopify.com");
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

TEST_CASE("the old top-level platform keys are read as the source and destination, with a note")
{
    auto c = parse_config(k_legacy, "test.yaml");
    CHECK(c.source.kind == "shopify");
    CHECK(source_of(c).shop == "test.myshopify.com");
    CHECK(c.destination.kind == "klaviyo");
    REQUIRE(c.deprecations.size() == 2);
    CHECK(c.deprecations[0].find("'shopify:' (test.yaml:3)") != std::string::npos);
    CHECK(c.deprecations[0].find("'source:' with 'kind: shopify'") != std::string::npos);
    CHECK(c.deprecations[1].find("'destination:' with 'kind: klaviyo'") != std::string::npos);
    // The same settings as the new layout's.
    auto fresh = parse_config(k_minimal, "test.yaml");
    CHECK(c.source.settings->describe() == fresh.source.settings->describe());
    CHECK(c.destination.settings->describe() == fresh.destination.settings->describe());
    // Mixed: one section old, one new.
    std::string mixed = k_minimal;
    mixed.replace(mixed.find("source:\n  kind: shopify\n"), 24, "shopify:\n");
    auto m = parse_config(mixed, "test.yaml");
    CHECK(m.deprecations.size() == 1);
    CHECK(source_of(m).shop == "test.myshopify.com");
}

TEST_CASE("an unknown kind names where it is and the known kinds")
{
    std::string yaml = k_minimal;
    yaml.replace(yaml.find("kind: shopify"), 13, "kind: shopfy");
    auto e = config_error(yaml);
    CHECK(e.where() == "test.yaml:4:9");
    CHECK(std::string(e.what()).find("'shopfy' is not a known source") != std::string::npos);
    CHECK(e.remedy() == "use one of: shopify, woocommerce");
    // A destination is not a source.
    yaml = k_minimal;
    yaml.replace(yaml.find("kind: shopify"), 13, "kind: klaviyo");
    CHECK(std::string(config_error(yaml).what()).find("'klaviyo' is not a known source") !=
          std::string::npos);
    auto missing = k_minimal + std::string();
    missing.replace(missing.find("  kind: klaviyo\n"), 16, "");
    CHECK(std::string(config_error(missing).what()).find("'destination.kind' is required") !=
          std::string::npos);
}

TEST_CASE("a platform configured twice, old and new layout, is refused")
{
    auto e = config_error(std::string(k_minimal) + "shopify:\n  shop: other.myshopify.com\n");
    CHECK(std::string(e.what()).find("'shopify' and 'source' both configure the source") !=
          std::string::npos);
    CHECK(e.where() == "test.yaml:13:1");
}
