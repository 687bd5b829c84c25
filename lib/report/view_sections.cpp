// The report's longer sections: what changed, trends, what could not be
// checked, the missed-run note and the technical appendix.
#include "report/sparkline.hpp"
#include "report/view_builder_detail.hpp"

#include "core/time.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace frr::report::detail {

namespace {

constexpr std::size_t k_change_examples = 5;
constexpr std::size_t k_trend_points = 12;

std::string title_of(const IndicatorFinding& f)
{
    return f.title.empty() ? f.id : f.title;
}

// "3 orders missing in Klaviyo: #1050, #1051, #1052 and 2 more"
std::string change_text(const std::vector<AffectedItem>& items, const std::string& title,
                        const Cleaner& clean)
{
    auto [kind, n] = main_kind(items);
    std::string text = describe_count(items.size(), kind, clean(title));
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

std::string platform_label(const std::string& name)
{
    if (name == "shopify")
        return "Shopify";
    if (name == "klaviyo")
        return "Klaviyo";
    return name;
}

std::string counts_text(const Counts& counts)
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
        const auto& prev = in.history.back();
        int delta = view.score - prev.score;
        auto when = core::format_local(prev.as_of, view.timezone);
        if (delta == 0)
            c.score_change = fmt::format("Score {}, unchanged since the last report ({}).", view.score, when);
        else
            c.score_change = fmt::format("Score {}, {} {} from {} in the last report ({}).", view.score,
                                         delta > 0 ? "up" : "down", std::abs(delta), prev.score, when);
    }
    for (const auto& f : in.checks.indicators) {
        auto title = title_of(f);
        if (!f.changes.added.empty())
            c.added.push_back({clean(title), change_text(f.changes.added, title, clean)});
        if (!f.changes.persisting.empty())
            c.persisting.push_back({clean(title), change_text(f.changes.persisting, title, clean)});
        if (!f.changes.resolved.empty())
            c.resolved.push_back({clean(title), change_text(f.changes.resolved, title, clean)});
    }
    return c;
}

TrendView build_trend(const ReportInput& in, const ReportView& view)
{
    TrendView t;
    std::vector<HistoryPoint> points(
        in.history.end() - static_cast<std::ptrdiff_t>(std::min(in.history.size(), k_trend_points - 1)),
        in.history.end());
    points.push_back(
        {view.run_id, view.as_of, view.score, view.status, in.score.indicators, in.score.paused});
    std::vector<std::optional<double>> scores;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const auto& p = points[i];
        scores.emplace_back(p.score);
        t.rows.push_back({core::format_local(p.as_of, view.timezone), p.score, status_label(p.status),
                          status_colour(p.status), bar_percent(p.score), i + 1 == points.size()});
    }
    t.score_sparkline = sparkline(scores);
    t.range_text = points.size() == 1
        ? std::string("Only one report so far; the trend builds up with every run.")
        : fmt::format("{} reports from {} to {}.", points.size(),
                      core::local_date(points.front().as_of, view.timezone),
                      core::local_date(points.back().as_of, view.timezone));
    for (const auto& current : in.score.indicators) {
        std::vector<std::optional<double>> series;
        for (const auto& p : points) {
            auto it = std::find_if(p.indicators.begin(), p.indicators.end(),
                                   [&](const IndicatorScore& s) { return s.id == current.id; });
            series.push_back(it == p.indicators.end() ? std::nullopt : it->score);
        }
        t.indicators.push_back({current.title.empty() ? current.id : current.title, sparkline(series),
                                current.score ? fmt::format("{:.0f}", *current.score) : std::string("n/a")});
    }
    return t;
}

std::vector<CoverageLine> build_coverage(const ReportInput& in, const Cleaner& clean)
{
    std::vector<CoverageLine> out;
    for (const auto& [platform, value] : in.checks.coverage) {
        if (value == "complete")
            continue;
        std::vector<std::string> why;
        for (const auto& p : in.manifest.platforms) {
            if (p.name != platform)
                continue;
            for (const auto& e : p.errors)
                why.push_back(clean(e));
            if (!p.missing_scopes.empty())
                why.push_back("frr lacks the permission(s) " + join(p.missing_scopes, ", ") +
                              "; ask whoever manages the app connection to grant them");
            if (p.breaker.starts_with("open"))
                why.push_back("monitoring is paused after repeated failures (" + clean(p.breaker) + ")");
            for (const auto& n : p.notes)
                why.push_back(clean(n));
        }
        std::string what = value == "partial"
            ? "Only part of the " + platform_label(platform) + " data could be read"
            : value == "paused" ? platform_label(platform) + " was skipped (monitoring paused)"
                                : platform_label(platform) + " could not be reached";
        out.push_back({what, why.empty() ? std::string("no further detail was recorded") : join(why, "; ")});
    }
    for (const auto& note : in.checks.coverage_notes)
        out.push_back({"Note", clean(note)});
    for (const auto& f : in.checks.indicators)
        if (f.status == "unknown")
            out.push_back({clean(title_of(f)) + " was not checked",
                           f.summary.empty() ? std::string("its data was not available") : clean(f.summary)});
    return out;
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
    a.confidence = in.score.confidence.empty() ? "n/a" : clean(in.score.confidence);
    a.coverage = in.score.coverage.empty() ? "n/a" : clean(in.score.coverage);
    for (const auto& p : in.manifest.platforms) {
        std::vector<std::string> errors;
        for (const auto& e : p.errors)
            errors.push_back(clean(e));
        a.platforms.push_back({platform_label(p.name), p.status, counts_text(p.counts), p.requests, p.retries,
                               p.throttled, fmt::format("{:.1f} s", p.wait_seconds),
                               p.breaker.empty() ? std::string("closed") : clean(p.breaker),
                               errors.empty() ? std::string("none") : join(errors, "; ")});
    }
    for (const auto& e : in.checks.exclusions)
        a.exclusions.push_back(fmt::format("{} excluded: {}", e.count, clean(e.reason)));
    for (const auto& d : in.score.deductions)
        a.deductions.push_back(
            fmt::format("{}: -{:.0f} points ({})", d.indicator, d.points, clean(d.reason)));
    for (const auto& f : in.checks.indicators)
        a.indicators.push_back({f.id, clean(title_of(f)), status_label(f.status),
                                f.score ? fmt::format("{:.0f}", *f.score) : std::string("n/a"),
                                clean(f.value), fmt::format("{:g}", f.weight), counts_text(f.counts)});
    return a;
}

std::optional<std::string> build_breaker_notice(const ReportInput& in, const ReportView& view)
{
    std::vector<std::string> paused_now;
    std::optional<core::TimePoint> since;
    for (const auto& p : in.manifest.platforms) {
        if (p.status != "paused")
            continue;
        paused_now.push_back(platform_label(p.name));
        if (p.breaker_opened_at && (!since || *p.breaker_opened_at < *since))
            since = p.breaker_opened_at;
    }
    if (!paused_now.empty()) {
        auto when = since ? " since " + core::format_local(*since, view.timezone) : std::string();
        return fmt::format(
            "Monitoring paused: {} unavailable{}. We keep trying on every run and will tell you "
            "when it is back; until then this is the only notice you will get.",
            join(paused_now, " and "), when);
    }
    if (in.history.empty() || in.history.back().paused.empty())
        return std::nullopt;
    std::vector<std::string> back;
    for (const auto& p : in.history.back().paused)
        back.push_back(platform_label(p));
    return fmt::format("Monitoring resumed: {} {} reachable again and was checked in full this time.",
                       join(back, " and "), back.size() == 1 ? "is" : "are");
}

}  // namespace frr::report::detail
