#include "checks/poisson.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace frr::checks {

// Sums log P(X = i) = i*log(lambda) - lambda - lgamma(i+1) for i = 0..k with
// log-sum-exp anchored on the largest term, so no term under- or overflows.
double poisson_lower_tail(std::int64_t k, double lambda)
{
    if (k < 0)
        return 0.0;
    if (lambda <= 0.0)
        return 1.0;
    const auto log_term = [lambda](std::int64_t i) {
        const double x = static_cast<double>(i);
        return x * std::log(lambda) - lambda - std::lgamma(x + 1.0);
    };
    // The pmf rises up to floor(lambda) and falls after it.
    const auto mode = static_cast<std::int64_t>(std::floor(lambda));
    const double peak = log_term(std::min(k, mode));
    double sum = 0.0;
    for (std::int64_t i = k; i >= 0; --i) {
        const double term = std::exp(log_term(i) - peak);
        sum += term;
        // Terms fall geometrically below the mode; stop when they no longer count.
        if (i < mode && term < sum * std::numeric_limits<double>::epsilon())
            break;
    }
    return std::min(1.0, std::exp(peak + std::log(sum)));
}

}  // namespace frr::checks
