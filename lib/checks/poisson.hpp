#pragma once
// Poisson tail probabilities for low counts, computed in log space so that
// large means (thousands of orders a day) neither overflow nor underflow.
#include <cstdint>

namespace frr::checks {

// P(X <= k) for X ~ Poisson(lambda). lambda >= 0; k < 0 gives 0.
double poisson_lower_tail(std::int64_t k, double lambda);

}  // namespace frr::checks
