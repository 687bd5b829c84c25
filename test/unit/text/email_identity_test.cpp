#include "text/email_identity.hpp"
#include "text/utf8.hpp"

#include <catch2/catch.hpp>

using frr::text::email_display;
using frr::text::email_identity;
using frr::text::email_lookup_forms;
using frr::text::is_valid_utf8;
using frr::text::mask_email;

TEST_CASE("the same person: spaces and ASCII case", "[email]")
{
    CHECK(email_identity("  Jane.Doe@Example.COM \t") == "jane.doe@example.com");
    CHECK(email_identity("jane.doe@example.com") == "jane.doe@example.com");
    CHECK(email_identity("") == "");
    CHECK(email_identity(" \t ") == "");
}

TEST_CASE("the same person: Unicode case in the local part and the domain", "[email]")
{
    CHECK(email_identity("ÉLODIE@example.com") == email_identity("élodie@example.com"));
    CHECK(email_identity("ÉLODIE@example.com") == "élodie@example.com");
    CHECK(email_identity("ZOË.MÜLLER@EXAMPLE.COM") == "zoë.müller@example.com");
    CHECK(email_identity("ΣΟΦΙΑ@example.gr") == email_identity("σοφια@example.gr"));
    // Full case folding: final sigma and sharp s fold like Unicode's caseless matching says.
    CHECK(email_identity("ΣΟΦΊΑΣ@example.gr") == email_identity("σοφίας@example.gr"));
    CHECK(email_identity("STRASSE@example.de") == email_identity("straße@example.de"));
    // Unicode white space around the address (no-break space, ideographic space).
    CHECK(email_identity("\xC2\xA0Élodie@example.com\xE3\x80\x80") == "élodie@example.com");
}

TEST_CASE("the same person: canonically equivalent spellings", "[email]")
{
    // é precomposed (U+00E9) and e + combining acute (U+0301).
    CHECK(email_identity("\xC3\xA9lodie@example.com") == email_identity("e\xCC\x81lodie@example.com"));
    CHECK(email_identity("E\xCC\x81LODIE@example.com") == "\xC3\xA9lodie@example.com");
}

TEST_CASE("the same person: both IDNA forms of a domain", "[email]")
{
    CHECK(email_identity("anna@bücher.example") == "anna@xn--bcher-kva.example");
    CHECK(email_identity("anna@xn--bcher-kva.example") == "anna@xn--bcher-kva.example");
    CHECK(email_identity("Anna@BÜCHER.example") == "anna@xn--bcher-kva.example");
    CHECK(email_identity("anna@XN--BCHER-KVA.EXAMPLE") == "anna@xn--bcher-kva.example");
    CHECK(email_identity("ÉLODIE@MÜNCHEN.example") == email_identity("élodie@xn--mnchen-3ya.example"));
}

TEST_CASE("different people: tags, dots and other characters", "[email]")
{
    CHECK(email_identity("jane+shop@example.com") != email_identity("jane@example.com"));
    CHECK(email_identity("jane.doe@example.com") != email_identity("janedoe@example.com"));
    CHECK(email_identity("jane@example.com") != email_identity("jane@example.co"));
    CHECK(email_identity("elodie@example.com") != email_identity("élodie@example.com"));
}

TEST_CASE("identity of ill-formed UTF-8 is valid UTF-8", "[email]")
{
    for (std::string raw : {std::string("\xC3@example.com"), std::string("ab\xFF\xFE@ex\x80mple.com"),
                            std::string("\xED\xA0\x80@x"), std::string("x@\xF4\x90\x80\x80")}) {
        const auto id = email_identity(raw);
        CHECK(is_valid_utf8(id));
        CHECK(is_valid_utf8(mask_email(raw)));
    }
}

TEST_CASE("display and look-up forms show the Unicode domain", "[email]")
{
    CHECK(email_display("anna@xn--bcher-kva.example") == "anna@bücher.example");
    CHECK(email_display("jane@example.com") == "jane@example.com");
    CHECK(email_lookup_forms("anna@xn--bcher-kva.example") ==
          std::vector<std::string>{"anna@xn--bcher-kva.example", "anna@bücher.example"});
    CHECK(email_lookup_forms("jane@example.com") == std::vector<std::string>{"jane@example.com"});
}

TEST_CASE("masking keeps whole characters", "[email]")
{
    CHECK(mask_email("jane.doe@example.com") == "j***@example.com");
    CHECK(mask_email("élodie@example.com") == "é***@example.com");
    CHECK(mask_email("\xE4\xB8\xAD\xE6\x96\x87@example.cn") == "\xE4\xB8\xAD***@example.cn");
    CHECK(mask_email("\xF0\x9F\x98\x80x@example.com") == "\xF0\x9F\x98\x80***@example.com");
    CHECK(mask_email("anna@xn--bcher-kva.example") == "a***@bücher.example");
    CHECK(mask_email("") == "");
    CHECK(mask_email("nobody") == "***");
    CHECK(mask_email("@example.com") == "***");
    CHECK(mask_email("\xC3@example.com") == "\xEF\xBF\xBD***@example.com");
}
