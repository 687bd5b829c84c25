// build_view: the report's content and its order. Sections that need more
// than a few lines (changes, trend, coverage, appendix) live in view_sections.cpp.
#include "report/view_builder_detail.hpp"

#include "core/redact.hpp"
#include "core/time.hpp"
#include "model/money_text.hpp"

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
std::pair<std::string, std::size_t> main_kind(const std::vector<checks::Affected>& items)
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

// Keys that may be shown to a client: order numbers and dates (in the
// report's date format). Customer, list and flow ids are the operator's.
std::vector<std::string> example_keys(const std::vector<checks::Affected>& items, const Cleaner& clean)
{
    std::vector<std::string> out;
    for (const auto& item : items) {
        if (is_order_kind(item.kind))
            out.push_back(clean(item.key));
        else if (item.kind == "volume_gap")
            out.push_back(core::format_local_date(clean(item.key)));
    }
    return out;
}

}  // namespace detail

namespace {

using detail::Cleaner;

constexpr std::size_t k_max_examples = 5;
constexpr std::size_t k_operator_keys = 100;

std::string score_text(const checks::IndicatorResult& f)
{
    return !checks::judged(f.status) ? std::string("n/a") : fmt::format("{}/100", f.score);
}

std::int64_t count_of(const checks::IndicatorResult& f, std::string_view name)
{
    for (const auto& [n, v] : f.counts)
        if (n == name)
            return v;
    return -1;
}

// Where the client may act on an order number: a missing, doubled, mis-valued
// or incomplete order can be re-synced or corrected by its number.
bool actionable_order_kind(const std::string& kind)
{
    return kind == "order_missing_event" || kind == "order_event_duplicate" ||
        kind == "order_value_mismatch" || kind == "order_items_missing";
}

bool customer_kind(const std::string& kind)
{
    return kind.starts_with("customer_") || kind == "consent_mismatch" ||
        kind == "subscriber_missing_from_list";
}

std::string money_phrase(const checks::AtStake& s)
{
    if (s.minor <= 0)
        return {};
    return s.estimated ? "about " + model::format_money_rounded(s.minor, s.currency)
                       : model::format_money(s.minor, s.currency);
}

std::string cost_phrase(const model::Vocabulary& words, const checks::AtStake& s, const std::string& kind)
{
    std::vector<std::string> parts;
    if (auto money = money_phrase(s); !money.empty())
        parts.push_back(money + (s.in_total ? " at stake" : " of orders affected"));
    const auto n = s.customers;
    if (n > 0) {
        if (kind == "volume_gap")
            parts.push_back(
                fmt::format("about {} {} not in {}", n, n == 1 ? "order" : "orders", words.destination));
        else if (kind == "audience_drop")
            parts.push_back(fmt::format("{} fewer {} in them", n, n == 1 ? "person" : "people"));
        else if (kind == "sync_stalled")
            parts.push_back(fmt::format("{} {} since it stopped", n, n == 1 ? "order" : "orders"));
        else
            parts.push_back(fmt::format("{} {} affected", n, n == 1 ? "customer" : "customers"));
    }
    return detail::join(parts, ", ");
}

IssueView make_issue(const model::Vocabulary& words, const checks::IndicatorResult& f, double points,
                     const Cleaner& clean, bool show_emails)
{
    IssueView issue;
    issue.id = f.id;
    issue.title = clean(f.title.empty() ? f.id : f.title);
    issue.status = checks::to_string(f.status);
    issue.status_label = status_label(issue.status);
    issue.colour = status_colour(issue.status);
    auto [kind, n] = detail::main_kind(f.affected);
    issue.headline = n ? describe_count(words, n, kind, issue.title) : issue.title;
    issue.summary = clean(f.summary);
    issue.impact = clean(f.impact);
    issue.action = clean(f.action);
    issue.score_text = score_text(f);
    issue.affected_count = f.affected.size();
    issue.points = points;
    issue.money_minor = f.at_stake.in_total ? f.at_stake.minor : 0;
    issue.customers = f.at_stake.customers;
    issue.estimated = f.at_stake.estimated;
    issue.money_text = money_phrase(f.at_stake);
    issue.cost_text = cost_phrase(words, f.at_stake, kind);
    // The client sees order numbers where they can act on them, dates and
    // list names from the checks' examples, and customers only as masked
    // e-mails, only when configured. The operator's copy lists every key.
    std::vector<std::string> shown;
    if (actionable_order_kind(kind)) {
        for (const auto& item : f.affected)
            if (item.kind == kind)
                shown.push_back(clean(item.key));
    } else if (customer_kind(kind)) {
        if (show_emails)
            for (const auto& e : f.examples)
                shown.push_back(clean(e));
        else
            issue.list_note = "The list of these customers is in the technical copy of this report; ask "
                              "whoever sends you this report for it.";
    } else if (kind != "order_event_late") {
        for (const auto& e : f.examples)
            shown.push_back(clean(e));
    }
    std::size_t total = std::max(shown.size(), f.affected.size());
    if (shown.size() > k_max_examples)
        shown.resize(k_max_examples);
    issue.examples = shown;
    if (total > shown.size() && !shown.empty())
        issue.more_text = fmt::format("and {} more", total - shown.size());
    for (const auto& item : f.affected) {
        if (issue.keys.size() == k_operator_keys)
            break;
        issue.keys.push_back(clean(item.kind + " " + item.key));
    }
    if (f.affected.size() > issue.keys.size())
        issue.keys_more = fmt::format("and {} more in checks.json", f.affected.size() - issue.keys.size());
    return issue;
}

// What each issue costs, in order (docs/health-model.md "Money at stake"):
// the score points it takes (its deduction, which is already at least its
// money points, plus the cap a critical finding causes), then the money at
// stake, then the customers affected, then severity.
std::vector<IssueView> rank_issues(const ReportInput& in, const Cleaner& clean)
{
    std::map<std::string, double> points;
    for (const auto& d : in.score.deductions)
        points[d.indicator == "cap" && !d.cause.empty() ? d.cause : d.indicator] += d.points;
    std::vector<IssueView> issues;
    for (const auto& f : in.checks.indicators)
        if (f.status == checks::Status::warn || f.status == checks::Status::critical)
            issues.push_back(make_issue(in.words, f, points[f.id], clean, in.show_masked_emails));
    std::stable_sort(issues.begin(), issues.end(), [](const IssueView& a, const IssueView& b) {
        if (a.points != b.points)
            return a.points > b.points;
        if (a.money_minor != b.money_minor)
            return a.money_minor > b.money_minor;
        if (a.customers != b.customers)
            return a.customers > b.customers;
        return detail::severity(a.status) > detail::severity(b.status);
    });
    for (std::size_t i = 0; i < issues.size(); ++i)
        issues[i].rank = static_cast<int>(i + 1);
    return issues;
}

bool coverage_reduced(const ReportInput& in)
{
    for (const auto& [platform, value] : in.checks.coverage)
        if (value != model::Coverage::complete)
            return true;
    return std::any_of(in.checks.indicators.begin(), in.checks.indicators.end(),
                       [](const checks::IndicatorResult& f) { return f.status == checks::Status::unknown; });
}

// "one" .. "twelve", then digits: a count of problems never reads like the
// count inside the headline that follows it.
std::string number_word(std::size_t n)
{
    static const char* k_words[] = {"no",    "one",   "two",  "three", "four",   "five",  "six",
                                    "seven", "eight", "nine", "ten",   "eleven", "twelve"};
    return n < std::size(k_words) ? k_words[n] : std::to_string(n);
}

// Every finding's money counted once: a stall's orders are also missing
// orders (in_total false), and findings in another currency are left out.
std::pair<std::int64_t, bool> total_at_stake(const ReportInput& in)
{
    std::int64_t total = 0;
    bool estimated = false;
    for (const auto& f : in.checks.indicators) {
        if ((f.status != checks::Status::warn && f.status != checks::Status::critical) ||
            !f.at_stake.in_total || f.at_stake.minor <= 0)
            continue;
        if (!in.checks.money.currency.empty() && f.at_stake.currency != in.checks.money.currency)
            continue;
        total += f.at_stake.minor;
        estimated = estimated || f.at_stake.estimated;
    }
    return {total, estimated};
}

std::string verdict_for(const model::Vocabulary& words, const ReportView& v, bool reduced)
{
    std::string tail =
        reduced ? "; some checks could not run this time, see \u201cWhat we could not check\u201d" : "";
    std::size_t n = v.issues.size();
    if (v.status == "warn" || v.status == "critical") {
        const auto problems = fmt::format("{} {}", number_word(n), n == 1 ? "problem" : "problems");
        const auto& top = v.issues.empty() ? IssueView{} : v.issues.front();
        const auto biggest = top.headline + (top.money_text.empty() ? "" : " (" + top.money_text + ")");
        const auto lead = v.status == "critical"
            ? fmt::format("Data is being lost between {} and {} and it is affecting your marketing now. ",
                          words.source, words.destination)
            : fmt::format("Your {} to {} sync mostly works, but needs attention. ", words.source,
                          words.destination);
        if (n == 0)
            return lead + fmt::format("No single problem stands out{}.", tail);
        if (!v.at_stake_text.empty())
            return lead +
                fmt::format("{} of sales is at stake across {}; the biggest is {}{}.",
                            upper_first(v.at_stake_text), problems, biggest, tail);
        return lead +
            fmt::format("{} {} attention; the biggest is {}{}.", upper_first(problems),
                        n == 1 ? "needs" : "need", biggest, tail);
    }
    if (v.status == "ok")
        return fmt::format("Everything we checked between {} and {} matches, so no action is needed{}.",
                           words.source, words.destination, tail);
    return fmt::format("We could not check enough of your data to give a verdict this time{}.", tail);
}

std::string confidence_for(const ReportInput& in, const ReportView& v)
{
    if (v.no_orders)
        return "Confidence: low. With no orders there was nothing to compare order by order; customers, "
               "consent and lists were still checked.";
    if (in.score.confidence == checks::Confidence::full)
        return "Confidence: high. Both platforms answered in full and every check ran.";
    if (in.score.confidence == checks::Confidence::none)
        return "Confidence: none. Nothing could be checked this time.";
    return "Confidence: reduced. Some data could not be read, so some checks did not run (see "
           "\u201cWhat we could not check\u201d).";
}

}  // namespace

std::string upper_first(std::string text)
{
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
        text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

ReportView build_view(const ReportInput& in)
{
    Cleaner clean(in.redactor);
    ReportView v;
    v.run_id = in.checks.run_id;
    v.store_name = clean(!in.checks.store_name.empty()    ? in.checks.store_name
                             : !in.manifest.store.empty() ? in.manifest.store
                                                          : in.store_name);
    v.source_name = in.words.source;
    v.destination_name = in.words.destination;
    v.timezone = !in.checks.timezone.empty() ? in.checks.timezone
        : !in.manifest.timezone.empty()      ? in.manifest.timezone
                                             : in.timezone;
    if (v.timezone.empty())
        v.timezone = "UTC";
    v.as_of = in.checks.as_of;
    v.as_of_local = core::format_local(v.as_of, v.timezone);
    const auto window = detail::window_of(in);
    v.window_text = fmt::format("{} to {}", core::format_local(window.since, v.timezone),
                                core::format_local(window.until, v.timezone));
    v.status = checks::verdict_name(in.score);
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
    const auto [total, estimated] = total_at_stake(in);
    v.at_stake_minor = total;
    v.currency = in.checks.money.currency;
    if (total > 0)
        v.at_stake_text = estimated ? "about " + model::format_money_rounded(total, in.checks.money.currency)
                                    : model::format_money(total, in.checks.money.currency);
    const auto orders = std::find_if(in.checks.indicators.begin(), in.checks.indicators.end(),
                                     [](const checks::IndicatorResult& f) { return f.id == "order_sync"; });
    v.no_orders = orders != in.checks.indicators.end() && orders->status == checks::Status::ok &&
        count_of(*orders, "judged") == 0;
    if (v.issues.empty())
        v.headline = v.no_orders ? "no orders were placed in the period"
            : v.status == "ok"   ? "all checks passed"
                                 : "no confirmed problems";
    else if (!v.at_stake_text.empty())
        v.headline = fmt::format("{} at stake; {}", v.at_stake_text, v.issues.front().headline);
    else
        v.headline = v.issues.front().headline;
    v.verdict = verdict_for(in.words, v, false);
    if (v.no_orders && v.issues.empty() && v.status == "ok")
        v.verdict = fmt::format(
            "No orders were placed between {} and {}, so there was nothing to check order "
            "by order. Everything else we checked matches.",
            core::format_local(window.since, v.timezone), core::format_local(window.until, v.timezone));
    v.confidence_text = confidence_for(in, v);
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
    v.automated_emails = detail::build_automated_emails(in, clean);
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
    for (const auto& note : in.checks.coverage_notes)
        v.operator_notes.push_back(clean(note));
    for (const auto& [name, p] : in.manifest.platforms) {
        for (const auto& e : p.errors)
            v.operator_notes.push_back(clean(name + ": " + e));
        for (const auto& n : p.notes)
            v.operator_notes.push_back(clean(name + ": " + n));
        if (!p.missing_scopes.empty())
            v.operator_notes.push_back(
                clean(name + ": missing scopes " + detail::join(p.missing_scopes, ", ")));
    }
    for (const auto& f : in.checks.indicators)
        if (f.status == checks::Status::unknown)
            v.operator_notes.push_back(clean(f.id + ": " + f.summary));
    const auto& m = in.checks.money;
    if (!m.currency.empty())
        v.money_basis_text = fmt::format("currency {}; average order {}; a typical day's revenue {}",
                                         m.currency, model::format_money(m.average_order_minor, m.currency),
                                         model::format_money(m.daily_revenue_minor, m.currency));
    // Customer ids stay out of the JSON report (only order names and masked
    // e-mails are shown); integrations get their count through the issue.
    for (const auto& f : in.checks.indicators) {
        std::vector<checks::Affected> shown;
        for (const auto& item : f.affected)
            if (!customer_kind(item.kind))
                shown.push_back({item.kind, clean(item.key), {}});
        if (!shown.empty())
            v.affected.emplace_back(f.id, std::move(shown));
    }
    return v;
}

}  // namespace frr::report
