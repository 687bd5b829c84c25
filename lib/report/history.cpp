#include "report/history.hpp"

#include "core/error.hpp"
#include "model/json_fields.hpp"

#include <rapidjson/document.h>

#include <cmath>

namespace frr::report {

namespace {

// score.json (checks/health_score.hpp) as a trend point. Lenient about what older
// files lack: no "scored" means scored when there is a score, no "status" reads "unknown".
HistoryPoint read_point(const core::RunInfo& run, const std::filesystem::path& path)
{
    const auto text = core::read_file(path);
    rapidjson::Document doc;
    doc.Parse(text.c_str(), text.size());
    if (doc.HasParseError() || !doc.IsObject())
        throw core::Error(core::ExitCode::bad_input, "not a JSON object", path.string());
    model::JsonFields f(doc, path.string());
    HistoryPoint p;
    p.run_id = f.str("run_id");
    p.as_of = f.opt_time("as_of").value_or(run.as_of);
    p.score = static_cast<int>(std::lround(f.number("score")));
    p.scored = f.get("scored") ? f.boolean("scored") : f.get("score") != nullptr;
    p.status = f.get("status") ? f.str("status") : "unknown";
    if (const auto* coverage = f.object("coverage"))
        for (const auto& m : coverage->GetObject())
            if (m.value.IsString() && std::string_view(m.value.GetString()) == "paused")
                p.paused.emplace_back(m.name.GetString());
    if (const auto* indicators = f.array("indicators"))
        for (const auto& v : indicators->GetArray()) {
            model::JsonFields i(v, path.string() + ".indicators");
            p.indicators.push_back({i.str("id"), i.str("title"),
                                    i.get("score") ? std::optional<double>(i.number("score")) : std::nullopt,
                                    i.get("weight") ? i.number("weight") : 0.0, i.str("status")});
        }
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
