#include "model/records.hpp"
#include "model/small_string.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <map>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

using frr::model::SmallString;

TEST_CASE("a small string holds any text, inline up to 15 bytes and on the heap beyond")
{
    const std::string texts[] = {
        "",
        "a",
        "GBP",
        "#1043",
        "4000000000001",
        std::string(14, 'x'),
        std::string(15, 'y'),  // the longest inline: its last byte is the terminator
        std::string(16, 'z'),  // the shortest on the heap
        "01GDDKASAP8TKDDA2GRZDSVP4H",
        std::string("a\0b", 3),
        std::string(15, '\0'),
        std::string(1000, 'q'),
        "\xc3\xa9t\xc3\xa9",
    };
    for (const auto& t : texts) {
        INFO(t.size());
        const SmallString s(t);
        CHECK(s.size() == t.size());
        CHECK(s.empty() == t.empty());
        CHECK(s.str() == t);
        CHECK(s.view() == t);
        CHECK(std::string_view(s) == t);
        CHECK(s.c_str()[t.size()] == '\0');
        CHECK(s == t);
        CHECK(s == std::string_view(t));
        CHECK(s == SmallString(t));

        SmallString copy(s);
        CHECK(copy == t);
        SmallString moved(std::move(copy));
        CHECK(moved == t);
        CHECK(copy.empty());  // NOLINT(bugprone-use-after-move): a moved-from string is empty
        CHECK(copy.c_str()[0] == '\0');

        SmallString assigned = "something else entirely, on the heap";
        assigned = s;
        CHECK(assigned == t);
        SmallString move_assigned = "abc";
        move_assigned = std::move(assigned);
        CHECK(move_assigned == t);
        move_assigned = move_assigned;  // self-assignment keeps the text
        CHECK(move_assigned == t);
        SmallString in_place = "to be replaced";
        in_place.assign(t);
        CHECK(in_place == t);
        SmallString part_of_itself(t + t);
        part_of_itself.assign(part_of_itself.view().substr(t.size()));
        CHECK(part_of_itself == t);
        move_assigned.clear();
        CHECK(move_assigned.empty());
        CHECK(move_assigned == "");
    }
    CHECK(SmallString().empty());
    CHECK(std::string(SmallString().c_str()).empty());
    STATIC_REQUIRE(sizeof(SmallString) == 16);
}

TEST_CASE("a small string compares, orders, hashes and formats as its text")
{
    const SmallString a = "apple";
    const SmallString b = "banana, a longer text";
    CHECK(a < b);
    CHECK(b > a);
    CHECK(a != b);
    CHECK(a == "apple");
    CHECK("apple" == a);
    CHECK(a == std::string("apple"));
    CHECK(std::string("apple") == a);
    CHECK(a != "apples");
    CHECK(a < std::string_view("apples"));
    CHECK(std::hash<SmallString>{}(b) == std::hash<std::string_view>{}("banana, a longer text"));
    CHECK(fmt::format("[{}] [{:>7}]", b, a) == "[banana, a longer text] [  apple]");
    CHECK("#" + SmallString("1043") == "#1043");
    CHECK(SmallString("1043") + "-x" == "1043-x");

    std::vector<SmallString> sorted = {"b", "a", "c, on the heap for sure", ""};
    std::sort(sorted.begin(), sorted.end());
    CHECK(sorted == std::vector<SmallString>{"", "a", "b", "c, on the heap for sure"});

    std::unordered_set<SmallString> set = {"x", "y"};
    CHECK(set.count("x") == 1);
    std::map<std::string, int> counts;
    ++counts[SmallString("GBP")];
    CHECK(counts.at("GBP") == 1);
    const std::string converted = SmallString("to a std::string");
    CHECK(converted == "to a std::string");
}

TEST_CASE("records are smaller with small strings")
{
    // The sizes a large snapshot's memory is made of (docs/performance.md): 16 bytes a text.
    CHECK(sizeof(frr::model::Money) == 24);
    CHECK(sizeof(frr::model::Event) <= 136);
    CHECK(sizeof(frr::model::Order) <= 248);
}
