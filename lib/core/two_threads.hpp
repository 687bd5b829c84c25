#pragma once
// Independent tasks shared by two threads, the calling one and a second: each takes the next task
// when it is free, so both stay busy to the end. Used where a large snapshot's work splits into a
// handful of parts of unequal size (its files; the indicators).
#include <cstddef>
#include <functional>
#include <vector>

namespace frr::core {

// Runs task(i) once for each i in `order` (in that order of taking). When tasks throw, all the
// others still run, and the error rethrown is that of the lowest i (the one a run on one thread
// in index order would have met first), whatever the order of taking.
void run_on_two_threads(const std::vector<std::size_t>& order, const std::function<void(std::size_t)>& task);

// The same over 0 .. count - 1, taken in index order.
void run_on_two_threads(std::size_t count, const std::function<void(std::size_t)>& task);

}  // namespace frr::core
