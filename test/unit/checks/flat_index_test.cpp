#include "checks/flat_index.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using frr::checks::FlatIndex;

TEST_CASE("flat index finds every key, keeps the first of a repeated key, grows", "[checks][index]")
{
    std::vector<std::string> keys;
    for (int i = 0; i < 5000; ++i)
        keys.push_back("key-" + std::to_string(i));
    FlatIndex index;  // no reserve: growth path
    for (std::size_t i = 0; i < keys.size(); ++i)
        index.insert(keys[i], static_cast<std::uint32_t>(i));
    index.insert(keys[10], 999999);
    CHECK(index.size() == keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i)
        REQUIRE(index.find(keys[i]) == static_cast<std::uint32_t>(i));
    CHECK_FALSE(index.find("key-5000"));
    CHECK_FALSE(index.find(""));
    CHECK_FALSE(FlatIndex{}.find("x"));
}
