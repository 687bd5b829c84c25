#include "core/two_threads.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <vector>

using frr::core::run_on_two_threads;

TEST_CASE("tasks shared by two threads each run once")
{
    for (const std::size_t count : std::vector<std::size_t>{0, 1, 2, 7, 1000}) {
        std::vector<std::atomic<int>> runs(count);
        run_on_two_threads(count, [&](std::size_t i) { ++runs[i]; });
        for (const auto& r : runs)
            CHECK(r == 1);
    }
}

TEST_CASE("of tasks that throw, the lowest index's error is thrown, and every task still runs")
{
    // Taken largest index first: the error of task 2 is met last, and is the one thrown.
    const std::vector<std::size_t> order = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
    std::vector<std::atomic<int>> runs(order.size());
    try {
        run_on_two_threads(order, [&](std::size_t i) {
            ++runs[i];
            if (i == 2 || i == 5 || i == 9)
                throw std::runtime_error("task " + std::to_string(i));
        });
        FAIL("no error thrown");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) == "task 2");
    }
    for (const auto& r : runs)
        CHECK(r == 1);
}
