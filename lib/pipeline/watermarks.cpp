#include "pipeline/watermarks.hpp"

#include "checks/indicator.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "model/datasets.hpp"
#include "text/json_writer.hpp"

#include <algorithm>
#include <filesystem>
#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <set>

namespace frr::pipeline {

Watermarks::Watermarks(const core::StateDir& state) : m_path(state.path("watermarks.json"))
{
    if (!std::filesystem::exists(m_path))
        return;
    const std::string text = core::read_file(m_path);
    rapidjson::Document doc;
    doc.Parse(text.data(), text.size());
    const auto corrupt = [&](const std::string& why) {
        return core::Error(core::ExitCode::bad_input, "the watermarks file is not readable: " + why,
                           m_path.string(),
                           "delete it: the next run then checks the last checks.window only, and says so");
    };
    if (doc.HasParseError() || !doc.IsObject())
        throw corrupt("not a JSON object");
    for (const auto& m : doc.GetObject()) {
        if (!m.value.IsString())
            throw corrupt(std::string("\"") + m.name.GetString() + "\" is not a time");
        const auto t = core::parse_iso8601(m.value.GetString());
        if (!t)
            throw corrupt(std::string("\"") + m.name.GetString() + "\" is not an ISO-8601 time");
        m_marks[m.name.GetString()] = *t;
    }
}

std::optional<core::TimePoint> Watermarks::of(std::string_view dataset) const
{
    const auto found = m_marks.find(std::string(dataset));
    if (found == m_marks.end())
        return std::nullopt;
    return found->second;
}

void Watermarks::advance(std::string_view dataset, core::TimePoint to)
{
    auto [it, inserted] = m_marks.try_emplace(std::string(dataset), to);
    if (!inserted)
        it->second = std::max(it->second, to);
}

void Watermarks::save() const
{
    rapidjson::StringBuffer buffer;
    text::Utf8Writer<rapidjson::PrettyWriter<rapidjson::StringBuffer>> w(buffer);
    w.SetIndent(' ', 1);
    w.StartObject();
    for (const auto& [id, t] : m_marks) {
        w.Key(id.c_str());
        const auto text = core::format_iso8601(t);
        w.String(text.c_str());
    }
    w.EndObject();
    core::atomic_write(m_path, std::string(buffer.GetString(), buffer.GetSize()) + "\n");
}

std::vector<std::string> watermarked_datasets()
{
    std::set<std::string> needed;
    for (const auto& indicator : checks::all_indicators())
        for (auto id : indicator->needs())
            if (const auto* d = model::find_dataset(id); d && d->scope == model::Scope::window)
                needed.emplace(id);
    return {needed.begin(), needed.end()};
}

WindowPlan plan_window(core::TimePoint as_of, const core::ChecksConfig& checks, const Watermarks& marks,
                       std::chrono::seconds explicit_since)
{
    WindowPlan plan;
    plan.explicit_window = explicit_since.count() > 0;
    plan.nominal_since = as_of - (plan.explicit_window ? explicit_since : checks.window);
    plan.since = plan.nominal_since;
    for (const auto& id : watermarked_datasets())
        if (const auto t = marks.of(id); t && (!plan.watermark || *t < *plan.watermark))
            plan.watermark = t;
    if (plan.explicit_window || !plan.watermark || *plan.watermark >= plan.since)
        return plan;
    // Reach back to the oldest unjudged record, but not past the catch-up limit.
    const auto limit = as_of - std::max(checks.max_catch_up, checks.window);
    plan.since = std::max(*plan.watermark, limit);
    if (*plan.watermark < plan.since)
        plan.skipped_since = plan.watermark;
    return plan;
}

std::vector<model::CatchUpRun> runs_that_could_not_judge(const core::StateDir& state, core::TimePoint from,
                                                         core::TimePoint as_of)
{
    std::vector<model::CatchUpRun> out;
    for (const auto& run : state.runs()) {
        if (run.as_of < from || run.as_of >= as_of || !std::filesystem::exists(run.dir / "manifest.json"))
            continue;
        try {
            const auto m = model::read_manifest(run.dir);
            model::CatchUpRun r{m.as_of, {}};
            for (const auto& [name, p] : m.platforms)
                if (p.status != model::Coverage::complete)
                    r.platforms[name] = p.status;
            if (!r.platforms.empty())
                out.push_back(std::move(r));
        } catch (const core::Error&) {
            continue;  // an unreadable old manifest only costs the explanation
        }
    }
    return out;
}

void advance_watermarks(Watermarks& marks, const model::Manifest& manifest, const checks::Findings& findings,
                        const core::ChecksConfig& checks)
{
    const auto judged_until = manifest.as_of - checks.grace;
    for (const auto& id : watermarked_datasets()) {
        const auto found = findings.datasets.find(id);
        if (found == findings.datasets.end() || found->second.coverage.status != model::Coverage::complete)
            continue;
        bool all_judged = true;
        for (const auto& r : findings.indicators)
            if (std::find(r.needs.begin(), r.needs.end(), id) != r.needs.end())
                all_judged = all_judged && r.status != checks::Status::unknown;
        if (!all_judged)
            continue;
        // Only a window that joins up with what was judged before moves the mark:
        // an explicit --since that starts later would leave a gap behind it.
        const auto mark = marks.of(id);
        const bool joins = !mark || manifest.since <= *mark || manifest.catch_up.skipped_since.has_value();
        if (joins)
            marks.advance(id, judged_until);
    }
}

}  // namespace frr::pipeline
