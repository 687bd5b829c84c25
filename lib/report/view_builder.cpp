// build_view: the report's content and its order. Sections that need more
// than a few lines (changes, trend, coverage, appendix) live in view_sections.cpp.
#include "report/view_builder_detail.hpp"

#include "core/redact.hpp"
#include "core/time.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace frr::report {

namespace detail {

// Every word that looks like a URL or a query string goes through the one
// redaction helper, so a token left in an upstream error message never
// reaches a report even when no redactor knows that secret.
std::string Cleaner::operator()(std::string_view text) const
{
    std::string s(text);
    if (m_redactor)
        s = m_redactor->scrub(std::move(s));
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) {
        auto end = s.find_first_of(" \t\n", i);
        if (end == std::string::npos)
            end = s.size();
        auto word = std::string_view(s).substr(i, end - i);
        if (word.find("://") != std::string_view::npos || word.find('?') != std::string_view::npos)
            out += core::redact_url(word);
        else
            out += word;
        if (end < s.size())
            out += s[end];
        i = end + 1;
    }
    return mask_emails_in(out);
}

int severity(const std::string& status)
{
    if (status == "critical")
        return 3;
    if (status == "warn")
        return 2;
    if (status == "unknown")
        return 1;
    return 0;
}

bool is_order_kind(const std::string& kind)
{
    return kind.starts_with("order_");
}

// The kind with most affected items, so the headline names the bulk of the problem.
std::pair<std::string, std::size_t> main_kind(const std::vector<AffectedItem>& items)
{
    std::map<std::string, std::size_t> counts;
    for (const auto& item : items)
        ++counts[item.kind];
    std::pair<std::string, std::size_t> best{"", 0};
    for (const auto& [kind, n] : counts)
        if (n > best.second)
            best = {kind, n};
    return best;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep)
{
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i)
            out += sep;
        out += parts[i];
    }
    return out;
}

// Keys that may be shown to a client: order names, dates, metric and list
// names. Customer ids are left to the JSON report; customers appear in the
// human formats only through the (masked) examples the checks provide.
std::vector<std::string> example_keys(const std::vector<AffectedItem>& items, const Cleaner& clean)
{
    std::vector<std::string> out;
    for (const auto& item : items)
        if (!item.kind.starts_with("customer_") && item.kind != "consent_mismatch")
            out.push_back(clean(item.key));
    return out;
}

}  // namespace detail

namespace {

using detail::Cleaner;

constexpr std::size_t k_max_examples = 5;

std::string score_text(const std::optional<double>& score)
{
    return score ? fmt::format("{:.0f}/100", *score) : std::string("n/a");
}

IssueView make_issue(const IndicatorFinding& f, double points, const Cleaner& clean)
{
    IssueView issue;
    issue.id = f.id;
    issue.title = clean(f.title.empty() ? f.id : f.title);
    issue.status = f.status;
    issue.status_label = status_label(f.status);
    issue.colour = status_colour(f.status);
    auto [kind, n] = detail::main_kind(f.affected);
    issue.headline = n ? describe_count(n, kind, issue.title) : issue.title;
    issue.summary = clean(f.summary);
    issue.impact = clean(f.impact);
    issue.action = clean(f.action);
    issue.score_text = score_text(f.score);
    issue.affected_count = f.affected.size();
    issue.points = points;
    std::vector<std::string> shown = detail::is_order_kind(kind) || f.examples.empty()
        ? detail::example_keys(f.affected, clean)
        : std::vector<std::string>{};
    if (shown.empty())
        for (const auto& e : f.examples)
            shown.push_back(clean(e));
    std::size_t total = std::max(shown.size(), f.affected.size());
    if (shown.size() > k_max_examples)
        shown.resize(k_max_examples);
    issue.examples = shown;
    if (total > shown.size() && !shown.empty())
        issue.more_text = fmt::format("and {} more", total - shown.size());
    return issue;
}

// Business impact order: critical before warning; then the score points the
// issue costs (score.json deductions: the scoring model already weighs
// revenue and compliance); then how many records it touches.
std::vector<IssueView> rank_issues(const ReportInput& in, const Cleaner& clean)
{
    std::map<std::string, double> points;
    for (const auto& d : in.score.deductions)
        points[d.indicator] += d.points;
    std::vector<IssueView> issues;
    for (const auto& f : in.checks.indicators)
        if (f.status == "warn" || f.status == "critical")
            issues.push_back(make_issue(f, points[f.id], clean));
    std::stable_sort(issues.begin(), issues.end(), [](const IssueView& a, const IssueView& b) {
        if (detail::severity(a.status) != detail::severity(b.status))
            return detail::severity(a.status) > detail::severity(b.status);
        if (a.points != b.points)
            return a.points > b.points;
        return a.affected_count > b.affected_count;
    });
    for (std::size_t i = 0; i < issues.size(); ++i)
        issues[i].rank = static_cast<int>(i + 1);
    return issues;
}

bool coverage_reduced(const ReportInput& in)
{
    for (const auto& [platform, value] : in.checks.coverage)
        if (value != "complete")
            return true;
    return std::any_of(in.checks.indicators.begin(), in.checks.indicators.end(),
                       [](const IndicatorFinding& f) { return f.status == "unknown"; });
}

std::string verdict_for(const ReportView& v, bool reduced)
{
    std::string tail =
        reduced ? "; some checks could not run this time, see \u201cWhat we could not check\u201d" : "";
    std::size_t n = v.issues.size();
    if (v.status == "critical")
        return fmt::format(
            "Data is being lost between Shopify and Klaviyo and it is affecting your marketing now: "
            "{}{}.",
            v.headline, tail);
    if (v.status == "warn")
        return fmt::format("Your Shopify to Klaviyo sync mostly works, but {} {} need{} attention: {}{}.", n,
                           n == 1 ? "issue" : "issues", n == 1 ? "s" : "", v.headline, tail);
    if (v.status == "ok")
        return fmt::format(
            "Everything we checked between Shopify and Klaviyo matches, so no action is needed{}.", tail);
    return fmt::format("We could not check enough of your data to give a verdict this time{}.", tail);
}

}  // namespace

ReportView build_view(const ReportInput& in)
{
    Cleaner clean(in.redactor);
    ReportView v;
    v.run_id = !in.score.run_id.empty() ? in.score.run_id : in.checks.run_id;
    v.store_name = clean(!in.checks.store_name.empty()    ? in.checks.store_name
                             : !in.manifest.store.empty() ? in.manifest.store
                                                          : in.store_name);
    v.timezone = !in.checks.timezone.empty() ? in.checks.timezone
        : !in.manifest.timezone.empty()      ? in.manifest.timezone
                                             : in.timezone;
    if (v.timezone.empty())
        v.timezone = "UTC";
    v.as_of = in.score.as_of != core::TimePoint{} ? in.score.as_of : in.checks.as_of;
    v.as_of_local = core::format_local(v.as_of, v.timezone);
    const auto& window = in.checks.window.until != core::TimePoint{} ? in.checks.window : in.manifest.window;
    v.window_text = fmt::format("{} to {}", core::format_local(window.since, v.timezone),
                                core::format_local(window.until, v.timezone));
    v.status = in.score.status;
    // Files from before the incomplete verdict: "ok" or "unknown" with a gap in coverage.
    if ((v.status == "ok" || v.status == "unknown") && (!in.score.complete || coverage_reduced(in)))
        v.status = "incomplete";
    v.status_label = status_label(v.status);
    v.colour = status_colour(v.status);
    v.score = in.score.score;
    v.has_score = in.score.scored;
    if (v.has_score && !in.score.complete && in.score.checked_percent < 100)
        v.score_note = fmt::format("over {}% of the checks", in.score.checked_percent);
    v.issues = rank_issues(in, clean);
    v.headline = v.issues.empty() ? (v.status == "ok" ? "all checks passed" : "no confirmed problems")
                                  : v.issues.front().headline;
    v.verdict = verdict_for(v, false);
    if (auto incomplete = detail::incomplete_text(in, v)) {
        if (v.issues.empty())
            v.headline = incomplete->headline;
        v.verdict = v.status == "incomplete" ? incomplete->verdict : v.verdict + " " + incomplete->verdict;
    }
    if (auto paused = detail::paused_notice(in, v)) {
        // The paused notice: plain facts and dates, no health score.
        v.status = "paused";
        v.status_label = status_label(v.status);
        v.colour = status_colour(v.status);
        v.has_score = false;
        v.score_note.clear();
        v.headline = paused->headline;
        v.verdict = paused->text;
    } else if (auto recovered = detail::recovered_notice(in, v)) {
        v.verdict = recovered->text + " " + v.verdict;
        v.headline = recovered->headline + ": " + v.headline;
    }
    const auto score_part = v.has_score ? fmt::format(" {}/100", v.score) : std::string();
    v.subject = fmt::format("[frr] {}{} \u2014 {}: {}", v.status_label, score_part, v.store_name, v.headline);
    v.changes = detail::build_changes(in, v, clean);
    v.trend = detail::build_trend(in, v);
    v.coverage = detail::build_coverage(in, clean);
    if (auto note = detail::catch_up_note(in, v)) {
        v.gap_title = "Catch-up.";
        v.gap_note = note;
    } else if ((v.gap_note = detail::build_gap_note(in, v))) {
        v.gap_title = "Missed report.";
    }
    v.appendix = detail::build_appendix(in, v, clean);
    // Customer ids stay out of every report (only order names and masked
    // e-mails are shown); integrations get their count through the issue.
    for (const auto& f : in.checks.indicators) {
        std::vector<AffectedItem> shown;
        for (const auto& item : f.affected)
            if (!item.kind.starts_with("customer_") && item.kind != "consent_mismatch")
                shown.push_back({item.kind, clean(item.key)});
        if (!shown.empty())
            v.affected.emplace_back(f.id, std::move(shown));
    }
    return v;
}

}  // namespace frr::report
