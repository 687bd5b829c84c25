#include "report/history.hpp"

#include "core/error.hpp"

namespace frr::report {

std::vector<HistoryPoint> load_history(const core::StateDir& state, core::TimePoint as_of,
                                       std::size_t max_points)
{
    std::vector<HistoryPoint> out;
    for (const auto& run : state.runs()) {
        if (run.as_of >= as_of)
            continue;
        auto path = run.dir / "score.json";
        if (!std::filesystem::exists(path))
            continue;
        try {
            auto score = load_score(path);
            out.push_back({run.id, score.as_of != core::TimePoint{} ? score.as_of : run.as_of, score.score,
                           score.status, std::move(score.indicators), std::move(score.paused), score.scored});
        } catch (const core::Error&) {
            continue;
        }
    }
    if (out.size() > max_points)
        out.erase(out.begin(), out.end() - static_cast<std::ptrdiff_t>(max_points));
    return out;
}

}  // namespace frr::report
