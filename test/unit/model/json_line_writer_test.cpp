#include "model/json_line_writer.hpp"

#include "text/json_writer.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <string>
#include <vector>

using frr::model::JsonLineWriter;

namespace {

using Reference = frr::text::Utf8Writer<rapidjson::Writer<rapidjson::StringBuffer>>;

// The same object written by both writers: {"k":"<text>","n":<number>,...} per value.
void check_same_string(const std::string& text)
{
    rapidjson::StringBuffer buf;
    Reference ref(buf);
    ref.StartObject();
    ref.Key("k");
    ref.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    ref.Key("a");
    ref.StartArray();
    ref.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    ref.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    ref.EndArray();
    ref.EndObject();

    JsonLineWriter w(4);  // grows on the way
    w.begin_object();
    w.key("k");
    w.string(text);
    w.key("a");
    w.begin_array();
    w.string(text);
    w.string(text);
    w.end_array();
    w.end_object();
    INFO("text of " << text.size() << " bytes");
    CHECK(w.text() == std::string_view(buf.GetString(), buf.GetSize()));
}

}  // namespace

TEST_CASE("the line writer writes strings byte for byte as RapidJSON's writer, at every offset")
{
    // Plain text is copied 16 bytes at a time; a byte that needs escaping or repair at each
    // offset of a block, and at every length, must still give RapidJSON's own text.
    const std::vector<std::string> specials = {
        "\"",
        "\\",
        "\n",
        "\t",
        "\b",
        "\f",
        "\r",
        std::string(1, '\x01'),
        std::string(1, '\x1f'),
        std::string(1, '\0'),
        "\x7f",
        "/",
        "\xc3\xa9",
        "\xf0\x9f\x98\x80",
        "\xe2\x80\xa8",
        "\xff",          // invalid UTF-8: repaired to U+FFFD by Utf8Writer
        "\xc3",          // a sequence cut short
        "\xed\xa0\x80",  // a surrogate encoded in UTF-8 (invalid)
    };
    for (std::size_t length = 0; length < 40; ++length) {
        check_same_string(std::string(length, 'p'));
        for (const auto& special : specials)
            for (std::size_t at = 0; at <= length; ++at) {
                std::string text(length, 'x');
                text.insert(at, special);
                check_same_string(text);
            }
    }
    check_same_string(std::string(100000, 'z'));
    check_same_string(std::string(100000, 'z') + "\xe2\x82\xac");
}

TEST_CASE("the line writer writes numbers, booleans, null and nesting as RapidJSON's writer")
{
    const std::vector<std::int64_t> numbers = {0,
                                               1,
                                               -1,
                                               9,
                                               10,
                                               -10,
                                               123456789,
                                               -987654321012,
                                               std::numeric_limits<std::int32_t>::max(),
                                               std::numeric_limits<std::int32_t>::min(),
                                               std::numeric_limits<std::int64_t>::max(),
                                               std::numeric_limits<std::int64_t>::min()};
    rapidjson::StringBuffer buf;
    Reference ref(buf);
    JsonLineWriter w(1);
    std::string expected;
    for (int line = 0; line < 2; ++line) {
        buf.Clear();
        ref.Reset(buf);
        ref.StartObject();
        w.begin_object();
        ref.Key("numbers");
        w.key("numbers");
        ref.StartArray();
        w.begin_array();
        for (const auto n : numbers) {
            ref.Int64(n);
            w.int64(n);
        }
        ref.EndArray();
        w.end_array();
        ref.Key("money");
        w.key("money");
        ref.StartObject();
        w.begin_object();
        ref.Key("minor");
        w.key("minor");
        ref.Int64(-250);
        w.int64(-250);
        ref.Key("currency");
        w.key("currency");
        ref.String("GBP");
        w.string("GBP");
        ref.EndObject();
        w.end_object();
        ref.Key("empty");
        w.key("empty");
        ref.StartArray();
        w.begin_array();
        ref.EndArray();
        w.end_array();
        ref.Key("yes");
        w.key("yes");
        ref.Bool(true);
        w.boolean(true);
        ref.Key("no");
        w.key("no");
        ref.Bool(false);
        w.boolean(false);
        ref.Key("nothing");
        w.key("nothing");
        ref.Null();
        w.null();
        ref.Key("objects");
        w.key("objects");
        ref.StartArray();
        w.begin_array();
        for (int i = 0; i < 2; ++i) {
            ref.StartObject();
            w.begin_object();
            ref.EndObject();
            w.end_object();
        }
        ref.EndArray();
        w.end_array();
        ref.Key("");
        w.key("");
        ref.String("");
        w.string("");
        ref.EndObject();
        w.end_object();
        w.end_line();
        expected += std::string(buf.GetString(), buf.GetSize()) + "\n";
    }
    CHECK(w.text() == expected);
    CHECK(w.size() == expected.size());
    w.clear();
    CHECK(w.text().empty());
    w.begin_object();
    w.end_object();
    CHECK(w.text() == "{}");
}
