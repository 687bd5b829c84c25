#include "model/email.hpp"
#include "model/email_hash.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <utility>

using frr::model::EmailHash;

namespace {

const std::string k_hex = "0123456789abcdeffedcba98765432100f1e2d3c4b5a69788796a5b4c3d2e1f0";

}  // namespace

TEST_CASE("an email hash reads back as the text it was made from")
{
    const std::string texts[] = {
        k_hex,
        std::string(64, 'f'),
        std::string(64, '0'),
        "",
        "abc",
        "signup-form",
        k_hex.substr(1),                        // 63 digits
        k_hex + "0",                            // 65 digits
        "0123456789ABCDEF" + k_hex.substr(16),  // uppercase: kept as text, not lowered
        std::string(63, 'a') + "g",
        std::string(31, 'x'),
        std::string(32, '\x01'),
        std::string("a\0b", 3),
        "\xc3\xa9t\xc3\xa9",
    };
    for (const auto& t : texts) {
        INFO(t);
        const EmailHash h(t);
        CHECK(h.str() == t);
        std::array<char, 64> buffer;
        CHECK(h.text(buffer) == t);
        CHECK(h.empty() == t.empty());
        CHECK(h == EmailHash(t));
    }
}

TEST_CASE("email hashes are equal exactly when their texts are")
{
    const std::string texts[] = {
        k_hex,
        std::string(64, 'f'),
        "",
        "abc",
        "abd",
        k_hex.substr(1),
        "0123456789ABCDEF" + k_hex.substr(16),
        // A text whose bytes are another hash's bytes and kind: keys must still differ.
        std::string(32, '\xff') + "\x01",
        std::string(32, '\xff'),
    };
    for (const auto& a : texts)
        for (const auto& b : texts) {
            INFO(a << " / " << b);
            CHECK((EmailHash(a) == EmailHash(b)) == (a == b));
            CHECK((EmailHash(a).key() == EmailHash(b).key()) == (a == b));
        }
    CHECK(EmailHash(k_hex).key().size() == 33);  // held as its 32 bytes
}

TEST_CASE("email hashes copy, move and clear as values")
{
    for (const std::string& t : {k_hex, std::string("abc"), std::string()}) {
        INFO(t);
        EmailHash a(t);
        EmailHash b(a);
        CHECK(b.str() == t);
        EmailHash c(std::move(a));
        CHECK(c.str() == t);
        CHECK(a.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty
        a = c;
        CHECK(a.str() == t);
        a = a;  // NOLINT: self-assignment keeps the value
        CHECK(a.str() == t);
        b = EmailHash("other");
        CHECK(b.str() == "other");
        b = std::move(c);
        CHECK(b.str() == t);
        b.clear();
        CHECK(b.empty());
        CHECK(b.str().empty());
        CHECK(b == EmailHash());
    }
}

TEST_CASE("a keyed hash of an email is held as its bytes and reads back as the same hex")
{
    const frr::model::EmailHasher hasher("key");
    const auto text = hasher.hash("Jane.Doe@Example.com");
    REQUIRE(text.size() == 64);
    const EmailHash h(text);
    CHECK(h.key().size() == 33);
    CHECK(h.str() == text);
    CHECK(h == text);
}
