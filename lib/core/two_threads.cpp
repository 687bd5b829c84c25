#include "core/two_threads.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <future>
#include <numeric>

namespace frr::core {

void run_on_two_threads(const std::vector<std::size_t>& order, const std::function<void(std::size_t)>& task)
{
    const std::size_t count = order.empty() ? 0 : *std::max_element(order.begin(), order.end()) + 1;
    std::vector<std::exception_ptr> errors(count);
    std::atomic<std::size_t> next{0};
    const auto work = [&] {
        for (std::size_t k = next++; k < order.size(); k = next++) {
            try {
                task(order[k]);
            } catch (...) {
                errors[order[k]] = std::current_exception();
            }
        }
    };
    auto second = std::async(std::launch::async, work);
    work();
    second.get();
    for (const auto& error : errors)
        if (error)
            std::rethrow_exception(error);
}

void run_on_two_threads(std::size_t count, const std::function<void(std::size_t)>& task)
{
    std::vector<std::size_t> order(count);
    std::iota(order.begin(), order.end(), std::size_t{0});
    run_on_two_threads(order, task);
}

}  // namespace frr::core
