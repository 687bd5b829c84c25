#include "report/history.hpp"

#include "checks/health_score.hpp"
#include "core/error.hpp"

namespace frr::report {

namespace {

// score.json (checks/health_score.hpp) as a trend point.
HistoryPoint read_point(const core::RunInfo& run, const std::filesystem::path& path)
{
    auto file = checks::score_from_json(core::read_file(path), path.string());
    HistoryPoint p;
    p.run_id = std::move(file.run_id);
    p.as_of = file.as_of.value_or(run.as_of);
    p.score = file.score.score;
    p.scored = file.score.scored;
    p.status = std::move(file.verdict);
    for (const auto& [platform, coverage] : file.coverage)
        if (coverage == model::Coverage::paused)
            p.paused.push_back(platform);
    p.indicators = std::move(file.indicators);
    return p;
}

}  // namespace

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
            auto point = read_point(run, path);
            point.run_id = run.id;
            out.push_back(std::move(point));
        } catch (const core::Error&) {
            continue;
        }
    }
    if (out.size() > max_points)
        out.erase(out.begin(), out.end() - static_cast<std::ptrdiff_t>(max_points));
    return out;
}

}  // namespace frr::report
