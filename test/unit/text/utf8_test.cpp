#include "text/json_writer.hpp"
#include "text/utf8.hpp"

#include <catch2/catch.hpp>
#include <random>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

using namespace frr::text;

TEST_CASE("valid UTF-8 is recognised and kept", "[utf8]")
{
    for (std::string s : {std::string(""), std::string("plain"), std::string("é中\xF0\x9F\x98\x80"),
                          std::string("\xEF\xBF\xBD"), std::string("\xF4\x8F\xBF\xBF")}) {
        CHECK(is_valid_utf8(s));
        CHECK(to_valid_utf8(s) == s);
    }
}

TEST_CASE("ill-formed sequences become one U+FFFD per maximal subpart", "[utf8]")
{
    const std::string r = "\xEF\xBF\xBD";
    CHECK_FALSE(is_valid_utf8("\xC3"));
    CHECK(to_valid_utf8("\xC3") == r);
    CHECK(to_valid_utf8("a\xC3z") == "a" + r + "z");
    CHECK(to_valid_utf8("\xC0\xAF") == r + r);                  // overlong: two subparts
    CHECK(to_valid_utf8("\xED\xA0\x80") == r + r + r);          // surrogate
    CHECK(to_valid_utf8("\xE2\x82") == r);                      // truncated 3-byte sequence
    CHECK(to_valid_utf8("\xF0\x9F\x98") == r);                  // truncated 4-byte sequence
    CHECK(to_valid_utf8("\xF4\x90\x80\x80") == r + r + r + r);  // above U+10FFFF
    CHECK(to_valid_utf8("\xFF") == r);
}

TEST_CASE("prefixes cut on code point boundaries", "[utf8]")
{
    CHECK(utf8_prefix("élodie", 1) == "é");
    CHECK(utf8_prefix("\xF0\x9F\x98\x80!", 1) == "\xF0\x9F\x98\x80");
    CHECK(utf8_prefix("ab", 5) == "ab");
    CHECK(utf8_prefix("", 1) == "");
    CHECK(utf8_prefix("\xC3z", 1) == "\xC3");
}

TEST_CASE("Utf8Writer writes valid JSON for arbitrary bytes (property)", "[utf8][property]")
{
    std::mt19937_64 rng(20261212);
    std::uniform_int_distribution<int> byte(0, 255), len(0, 40);
    for (int round = 0; round < 5000; ++round) {
        std::string key, value;
        for (int i = len(rng); i > 0; --i)
            key.push_back(static_cast<char>(byte(rng)));
        for (int i = len(rng); i > 0; --i)
            value.push_back(static_cast<char>(byte(rng)));
        rapidjson::StringBuffer buf;
        Utf8Writer<rapidjson::Writer<rapidjson::StringBuffer>> w(buf);
        w.StartObject();
        w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
        w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
        w.EndObject();
        const std::string out(buf.GetString(), buf.GetSize());
        REQUIRE(is_valid_utf8(out));
        rapidjson::Document d;
        d.Parse<rapidjson::kParseValidateEncodingFlag>(out.c_str(), out.size());
        REQUIRE_FALSE(d.HasParseError());
        if (is_valid_utf8(value) && value.find('\0') == std::string::npos)
            CHECK(std::string(d.MemberBegin()->value.GetString()) == value);
    }
}

TEST_CASE("ascii_lower folds A-Z only", "[text]")
{
    CHECK(ascii_lower("Content-Type") == "content-type");
    CHECK(ascii_lower("HTTP://LocalHost") == "http://localhost");
    CHECK(ascii_lower("\xc3\x89t\xc3\xa9") == "\xc3\x89t\xc3\xa9");  // "Été": non-ASCII bytes untouched
    CHECK(ascii_lower("") == "");
}
