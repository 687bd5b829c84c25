// The report's longer sections: what changed, trends, what could not be
// checked, the missed-run note and the technical appendix.
#include "report/sparkline.hpp"
#include "report/view_builder_detail.hpp"

#include "core/time.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

namespace frr::report::detail {

Window window_of(const ReportInput& in)
{
    if (in.checks.until != core::TimePoint{})
        return {in.checks.since, in.checks.until};
    return {in.manifest.since, in.manifest.until};
}

std::vector<checks::Affected> change_items(const std::vector<std::string>& labels,
                                           const std::string& default_kind)
{
    std::vector<checks::Affected> out;
    for (const auto& text : labels) {
        // "order_missing_event #1043": a kind is lower case with an underscore.
        const auto space = text.find(' ');
        const auto kind = space == std::string::npos ? std::string() : text.substr(0, space);
        const bool is_kind = !kind.empty() && kind.find('_') != std::string::npos &&
            std::all_of(kind.begin(), kind.end(),
                        [](char ch) { return std::islower(static_cast<unsigned char>(ch)) || ch == '_'; });
        if (is_kind)
            out.push_back({kind, text.substr(space + 1), {}});
        else
            out.push_back({default_kind, text, {}});
    }
    return out;
}

namespace {

constexpr std::size_t k_change_examples = 5;
constexpr std::size_t k_trend_points = 12;

std::string title_of(const checks::IndicatorResult& f)
{
    return f.title.empty() ? f.id : f.title;
}

// "3 orders missing in Klaviyo: #1050, #1051, #1052 and 2 more"
std::string change_text(const model::Vocabulary& words, const std::vector<checks::Affected>& items,
                        const std::string& title, const Cleaner& clean)
{
    auto [kind, n] = main_kind(items);
    std::string text = describe_count(words, items.size(), kind, clean(title));
    auto keys = example_keys(items, clean);
    if (keys.empty())
        return text;
    std::size_t shown = std::min(keys.size(), k_change_examples);
    std::vector<std::string> head(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(shown));
    text += ": " + join(head, ", ");
    if (items.size() > shown)
        text += fmt::format(" and {} more", items.size() - shown);
    return text;
}

template <class Counts> std::string counts_text(const Counts& counts)
{
    std::vector<std::string> parts;
    for (const auto& [name, n] : counts)
        parts.push_back(fmt::format("{} {}", name, n));
    return parts.empty() ? std::string("none") : join(parts, ", ");
}

std::string interval_text(std::chrono::seconds s)
{
    auto hours = std::chrono::duration_cast<std::chrono::hours>(s).count();
    if (hours >= 24 && hours % 24 == 0)
        return hours == 24 ? "every day" : fmt::format("every {} days", hours / 24);
    if (hours >= 1)
        return hours == 1 ? "every hour" : fmt::format("every {} hours", hours);
    return fmt::format("every {} minutes", std::max<long long>(1, s.count() / 60));
}

std::string gap_text(std::chrono::seconds s)
{
    auto hours = static_cast<double>(s.count()) / 3600.0;
    if (hours >= 48)
        return fmt::format("{:.0f} days", hours / 24.0);
    return fmt::format("{:.0f} hours", hours);
}

}  // namespace

ChangesView build_changes(const ReportInput& in, const ReportView& view, const Cleaner& clean)
{
    ChangesView c;
    c.first_report = in.history.empty();
    if (!c.first_report) {
        // Compared with the last report that had a score: one that could check nothing is a gap.
        const HistoryPoint* prev = nullptr;
        for (auto it = in.history.rbegin(); it != in.history.rend() && !prev; ++it)
            if (it->scored)
                prev = &*it;
        if (!view.has_score) {
            c.score_change = "No score this time: nothing could be checked.";
        } else if (!prev) {
            c.score_change =
                fmt::format("Score {}; the earlier reports could not check enough for a score.", view.score);
        } else {
            int delta = view.score - prev->score;
            auto when = core::format_local(prev->as_of, view.timezone);
            const char* which =
                prev == &in.history.back() ? "the last report" : "the last report with a score";
            if (delta == 0)
                c.score_change = fmt::format("Score {}, unchanged since {} ({}).", view.score, which, when);
            else
                c.score_change =
                    fmt::format("Score {}, {} {} from {} in {} ({}).", view.score, delta > 0 ? "up" : "down",
                                std::abs(delta), prev->score, which, when);
        }
    }
    for (const auto& f : in.checks.indicators) {
        auto title = title_of(f);
        const std::string kind = f.affected.empty() ? std::string() : f.affected.front().kind;
        if (!f.changes.added.empty())
            c.added.push_back(
                {clean(title), change_text(in.words, change_items(f.changes.added, kind), title, clean)});
        if (!f.changes.persisting.empty())
            c.persisting.push_back(
                {clean(title),
                 change_text(in.words, change_items(f.changes.persisting, kind), title, clean)});
        if (!f.changes.resolved.empty())
            c.resolved.push_back(
                {clean(title), change_text(in.words, change_items(f.changes.resolved, kind), title, clean)});
    }
    return c;
}

TrendView build_trend(const ReportInput& in, const ReportView& view)
{
    TrendView t;
    std::vector<HistoryPoint> points(
        in.history.end() - static_cast<std::ptrdiff_t>(std::min(in.history.size(), k_trend_points - 1)),
        in.history.end());
    std::vector<IndicatorScore> current_scores;
    for (const auto& f : in.checks.indicators)
        current_scores.push_back({f.id, f.title,
                                  !checks::judged(f.status) ? std::nullopt : std::optional<double>(f.score),
                                  f.weight, checks::to_string(f.status)});
    std::vector<std::string> paused;
    for (const auto& [platform, value] : in.checks.coverage)
        if (value == model::Coverage::paused)
            paused.push_back(platform);
    points.push_back(
        {view.run_id, view.as_of, view.score, view.status, current_scores, paused, view.has_score});
    std::vector<std::optional<double>> scores;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const auto& p = points[i];
        // A run that scored nothing is a gap in the trend, never a zero.
        scores.push_back(p.scored ? std::optional<double>(p.score) : std::nullopt);
        t.rows.push_back({core::format_local(p.as_of, view.timezone), p.score, p.scored,
                          status_label(p.status), status_colour(p.status),
                          p.scored ? bar_percent(p.score) : 0, i + 1 == points.size()});
    }
    t.score_sparkline = sparkline(scores);
    t.range_text = points.size() == 1
        ? std::string("Only one report so far; the trend builds up with every run.")
        : fmt::format("{} reports from {} to {}.", points.size(),
                      core::format_local_date(core::local_date(points.front().as_of, view.timezone)),
                      core::format_local_date(core::local_date(points.back().as_of, view.timezone)));
    for (const auto& current : current_scores) {
        std::vector<std::optional<double>> series;
        for (const auto& p : points) {
            auto it = std::find_if(p.indicators.begin(), p.indicators.end(),
                                   [&](const IndicatorScore& s) { return s.id == current.id; });
            // Not checked that run (older files wrote 0 for it): a gap, not a zero.
            series.push_back(it == p.indicators.end() || it->status == "unknown" ? std::nullopt : it->score);
        }
        t.indicators.push_back({current.title.empty() ? current.id : current.title, sparkline(series),
                                current.score ? fmt::format("{:.0f}", *current.score) : std::string("n/a")});
    }
    return t;
}

// A run is "missing" when the gap to the previous scored run exceeds 1.5x the
// schedule interval: cron jitter and slow runs stay well inside that margin.
std::optional<std::string> build_gap_note(const ReportInput& in, const ReportView& view)
{
    if (in.history.empty() || in.schedule_interval.count() <= 0)
        return std::nullopt;
    const auto& prev = in.history.back();
    auto gap = view.as_of - prev.as_of;
    if (gap * 2 <= in.schedule_interval * 3)
        return std::nullopt;
    return fmt::format(
        "At least one scheduled report is missing: the previous report was on {} ({} before this "
        "one), but reports are expected {}. This report checks {}; anything outside that period "
        "was not checked in the missing run(s).",
        core::format_local(prev.as_of, view.timezone),
        gap_text(std::chrono::duration_cast<std::chrono::seconds>(gap)), interval_text(in.schedule_interval),
        view.window_text);
}

AppendixView build_appendix(const ReportInput& in, const ReportView& view, const Cleaner& clean)
{
    AppendixView a;
    a.run_id = view.run_id;
    a.window_text = view.window_text;
    a.confidence = checks::to_string(in.score.confidence);
    std::vector<std::string> coverage;
    for (const auto& [platform, value] : in.checks.coverage)
        coverage.push_back(platform_label(in.words, platform) + " " + model::to_string(value));
    a.coverage = coverage.empty() ? "n/a" : join(coverage, ", ");
    for (const auto& [name, p] : in.manifest.platforms) {
        std::vector<std::string> errors;
        for (const auto& e : p.errors)
            errors.push_back(clean(e));
        a.platforms.push_back({platform_label(in.words, name), model::to_string(p.status),
                               counts_text(p.counts), p.requests, p.retries, p.throttled,
                               fmt::format("{:.1f} s", p.wait_seconds),
                               p.breaker.empty() ? std::string("closed") : clean(p.breaker),
                               errors.empty() ? std::string("none") : join(errors, "; ")});
    }
    for (const auto& e : in.checks.exclusions)
        a.exclusions.push_back(fmt::format("{} excluded: {}", e.count, clean(e.reason)));
    for (const auto& d : in.score.deductions)
        a.deductions.push_back(fmt::format("{}: -{} points ({}){}", d.indicator, d.points, clean(d.reason),
                                           d.cause.empty() ? "" : ", caused by " + d.cause));
    for (const auto& f : in.checks.indicators)
        a.indicators.push_back({f.id, clean(title_of(f)), status_label(checks::to_string(f.status)),
                                !checks::judged(f.status) ? std::string("n/a") : fmt::format("{}", f.score),
                                clean(f.value), fmt::format("{:g}", f.weight), counts_text(f.counts)});
    return a;
}

}  // namespace frr::report::detail
