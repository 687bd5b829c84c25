#include "report/sparkline.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace frr::report {

std::string sparkline(const std::vector<std::optional<double>>& values)
{
    static constexpr std::array<const char*, 8> k_blocks{"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    std::string out;
    for (const auto& v : values) {
        if (!v) {
            out += "·";
            continue;
        }
        double clamped = std::clamp(*v, 0.0, 100.0);
        auto index = static_cast<std::size_t>(std::lround(clamped / 100.0 * 7.0));
        out += k_blocks[index];
    }
    return out;
}

int bar_percent(double score)
{
    return std::clamp(static_cast<int>(std::lround(score)), 2, 100);
}

}  // namespace frr::report
