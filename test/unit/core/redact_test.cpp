#include "core/hmac.hpp"
#include "core/redact.hpp"

#include <catch2/catch.hpp>

using frr::core::redact_url;

TEST_CASE("URLs lose their secrets but keep their shape")
{
    CHECK(redact_url("https://user:pass@host.example/path?a=1&token=abc") ==
          "https://[redacted]@host.example/path?a=1&token=[redacted]");
    CHECK(redact_url("https://hooks.slack.com/services/t-example/b-example/xxxx") ==
          "https://hooks.slack.com/services/[redacted]");
    CHECK(redact_url("https://a.klaviyo.com/api/events?page%5Bcursor%5D=x&filter=y") ==
          "https://a.klaviyo.com/api/events?page%5Bcursor%5D=x&filter=y");
    CHECK(redact_url("https://x/y?client_secret=s&refresh_token=r") ==
          "https://x/y?client_secret=[redacted]&refresh_token=[redacted]");
}

TEST_CASE("emails are masked")
{
    CHECK(frr::core::mask_email("jane.doe@example.com") == "j***@example.com");
    CHECK(frr::core::mask_email("") == "");
    CHECK(frr::core::mask_email("nonsense") == "***");
}

TEST_CASE("the redactor scrubs every registered secret")
{
    frr::core::Redactor r;
    r.add_secret("pk_secret_value");
    r.add_secret("abc");  // too short to be a secret: ignored
    CHECK(r.scrub("key=pk_secret_value and pk_secret_value") == "key=[redacted] and [redacted]");
    CHECK(r.scrub("abc") == "abc");
}

TEST_CASE("HMAC-SHA256 matches RFC 4231 test case 2")
{
    CHECK(frr::core::hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    CHECK(frr::core::base64("hello") == "aGVsbG8=");
}
