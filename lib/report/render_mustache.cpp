// The view model as mustache data. Names here are the template interface
// documented in docs/report.md: renaming one breaks users' custom templates.
#include "report/render.hpp"

#include "core/error.hpp"
#include "core/install_paths.hpp"
#include "core/state_dir.hpp"
#include "core/version.hpp"

#include <kainjow/mustache.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace frr::report {

namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

data list_of(const std::vector<std::string>& items)
{
    data out{data::type::list};
    for (const auto& s : items) {
        data d;
        d.set("text", s);
        out << d;
    }
    return out;
}

data flag(bool b)
{
    return b ? data{data::type::bool_true} : data{data::type::bool_false};
}

data change_lines(const std::vector<ChangeLine>& lines)
{
    data out{data::type::list};
    for (const auto& l : lines) {
        data d;
        d.set("indicator", l.indicator);
        d.set("text", l.text);
        out << d;
    }
    return out;
}

data issues_data(const std::vector<IssueView>& issues)
{
    data out{data::type::list};
    for (const auto& i : issues) {
        data d;
        d.set("rank", std::to_string(i.rank));
        d.set("id", i.id);
        d.set("title", i.title);
        d.set("status", i.status);
        d.set("status_label", i.status_label);
        d.set("colour", i.colour);
        d.set("headline", i.headline);
        d.set("summary", i.summary);
        d.set("impact", i.impact);
        d.set("action", i.action);
        d.set("score_text", i.score_text);
        d.set("money_text", i.money_text);
        d.set("cost_text", i.cost_text);
        d.set("has_cost", flag(!i.cost_text.empty()));
        d.set("list_note", i.list_note);
        d.set("has_list_note", flag(!i.list_note.empty()));
        d.set("keys", list_of(i.keys));
        d.set("keys_text", fmt::format("{}", fmt::join(i.keys, ", ")));
        d.set("keys_more", i.keys_more);
        d.set("has_keys", flag(!i.keys.empty()));
        d.set("points", fmt::format("{:.0f}", i.points));
        d.set("has_examples", flag(!i.examples.empty()));
        d.set("examples", list_of(i.examples));
        // "#8182, #8205"; examples that are phrases themselves ("8 Nov 2026: 241
        // orders, 0 in Klaviyo") are separated by semicolons.
        const bool phrases = std::any_of(i.examples.begin(), i.examples.end(), [](const std::string& e) {
            return e.find(' ') != std::string::npos;
        });
        d.set("examples_text", fmt::format("{}", fmt::join(i.examples, phrases ? "; " : ", ")));
        d.set("more_text", i.more_text);
        out << d;
    }
    return out;
}

data trend_data(const TrendView& t)
{
    data d;
    d.set("score_sparkline", t.score_sparkline);
    d.set("range_text", t.range_text);
    data rows{data::type::list};
    for (const auto& r : t.rows) {
        data row;
        row.set("date", r.date);
        row.set("score", r.scored ? std::to_string(r.score) : std::string("\u2013"));
        row.set("has_score", flag(r.scored));
        row.set("status_label", r.status);
        row.set("colour", r.colour);
        row.set("bar_percent", std::to_string(r.bar_percent));
        row.set("rest_percent", std::to_string(100 - r.bar_percent));
        row.set("full", flag(r.bar_percent >= 100));
        row.set("current", flag(r.current));
        rows << row;
    }
    d.set("rows", rows);
    data inds{data::type::list};
    for (const auto& i : t.indicators) {
        data row;
        row.set("title", i.title);
        row.set("sparkline", i.sparkline);
        row.set("latest", i.latest);
        inds << row;
    }
    d.set("indicators", inds);
    d.set("has_indicators", flag(!t.indicators.empty()));
    return d;
}

data appendix_data(const AppendixView& a)
{
    data d;
    d.set("run_id", a.run_id);
    d.set("window_text", a.window_text);
    d.set("confidence", a.confidence);
    d.set("coverage", a.coverage);
    data platforms{data::type::list};
    for (const auto& p : a.platforms) {
        data row;
        row.set("name", p.name);
        row.set("status", p.status);
        row.set("counts_text", p.counts_text);
        row.set("requests", std::to_string(p.requests));
        row.set("retries", std::to_string(p.retries));
        row.set("throttled", std::to_string(p.throttled));
        row.set("wait_text", p.wait_text);
        row.set("breaker", p.breaker);
        row.set("errors_text", p.errors_text);
        platforms << row;
    }
    d.set("platforms", platforms);
    d.set("exclusions", list_of(a.exclusions));
    d.set("has_exclusions", flag(!a.exclusions.empty()));
    d.set("deductions", list_of(a.deductions));
    d.set("has_deductions", flag(!a.deductions.empty()));
    data inds{data::type::list};
    for (const auto& i : a.indicators) {
        data row;
        row.set("id", i.id);
        row.set("title", i.title);
        row.set("status", i.status);
        row.set("score_text", i.score_text);
        row.set("value", i.value);
        row.set("weight_text", i.weight_text);
        row.set("counts_text", i.counts_text);
        inds << row;
    }
    d.set("indicators", inds);
    return d;
}

data view_data(const ReportView& v, Copy copy)
{
    data d;
    d.set("operator", flag(copy == Copy::operator_copy));
    d.set("at_stake_text", v.at_stake_text);
    d.set("has_at_stake", flag(!v.at_stake_text.empty()));
    d.set("confidence_text", v.confidence_text);
    d.set("no_orders", flag(v.no_orders));
    d.set("operator_notes", list_of(v.operator_notes));
    d.set("has_operator_notes", flag(!v.operator_notes.empty()));
    d.set("money_basis_text", v.money_basis_text);
    d.set("run_id", v.run_id);
    d.set("store_name", v.store_name);
    d.set("source_name", v.source_name);
    d.set("destination_name", v.destination_name);
    d.set("timezone", v.timezone);
    d.set("as_of_local", v.as_of_local);
    d.set("window_text", v.window_text);
    d.set("status", v.status);
    d.set("status_label", v.status_label);
    d.set("colour", v.colour);
    d.set("score", std::to_string(v.score));
    d.set("has_score", flag(v.has_score));
    d.set("score_note", v.score_note);
    d.set("verdict", v.verdict);
    d.set("headline", v.headline);
    d.set("subject", v.subject);
    d.set("first_report", flag(v.changes.first_report));
    d.set("score_change", v.changes.score_change);
    d.set("changes_added", change_lines(v.changes.added));
    d.set("changes_persisting", change_lines(v.changes.persisting));
    d.set("changes_resolved", change_lines(v.changes.resolved));
    d.set("has_changes_added", flag(!v.changes.added.empty()));
    d.set("has_changes_persisting", flag(!v.changes.persisting.empty()));
    d.set("has_changes_resolved", flag(!v.changes.resolved.empty()));
    d.set("no_changes", flag(v.changes.empty()));
    d.set("has_issues", flag(!v.issues.empty()));
    d.set("issues", issues_data(v.issues));
    d.set("trend", trend_data(v.trend));
    d.set("has_flows", flag(!v.automated_emails.empty()));
    d.set("flows_intro", v.automated_emails.intro);
    data flows{data::type::list};
    for (const auto& f : v.automated_emails.rows) {
        data row;
        row.set("name", f.name);
        row.set("trigger", f.trigger);
        row.set("triggers_text", f.triggers_text);
        row.set("sent_text", f.sent_text);
        row.set("verdict", f.verdict);
        row.set("verdict_label", f.verdict_label);
        row.set("verdict_text", f.verdict_text);
        row.set("colour", f.colour);
        row.set("problem", flag(f.problem));
        flows << row;
    }
    d.set("flows", flows);
    data coverage{data::type::list};
    for (const auto& c : v.coverage) {
        data row;
        row.set("what", c.what);
        row.set("why", c.why);
        coverage << row;
    }
    d.set("coverage", coverage);
    d.set("has_coverage_gaps", flag(!v.coverage.empty()));
    d.set("has_gap_note", flag(v.gap_note.has_value()));
    d.set("gap_note", v.gap_note.value_or(""));
    d.set("gap_title", v.gap_title);
    d.set("appendix", appendix_data(v.appendix));
    d.set("frr_version", std::string(core::version()));
    return d;
}

}  // namespace

std::string html_escape(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

namespace {

// Conditional sections leave blank lines behind in plain text; a reader
// needs at most one between paragraphs.
std::string fold_blank_lines(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    bool previous_blank = true;  // no blank line at the very top either
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        auto line = std::string_view(text).substr(start, end - start);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\r'))
            line.remove_suffix(1);
        const bool blank = line.empty();
        if (!blank || !previous_blank) {
            out += line;
            out += '\n';
        }
        previous_blank = blank;
        start = end + 1;
    }
    while (out.size() > 1 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n')
        out.pop_back();
    return out;
}

}  // namespace

std::string render_template(const std::string& tmpl, const ReportView& view, Format format,
                            const std::string& name, Copy copy)
{
    mustache m{tmpl};
    if (!m.is_valid())
        throw core::Error(core::ExitCode::config, "report template does not parse: " + m.error_message(),
                          name, "fix the template or remove it to use the bundled one");
    // kainjow's own HTML escape writes &apos;, which older renderers show literally.
    if (format == Format::html)
        m.set_custom_escape([](const std::string& s) { return html_escape(s); });
    else
        m.set_custom_escape([](const std::string& s) { return s; });
    auto out = m.render(view_data(view, copy));
    if (!m.is_valid())
        throw core::Error(core::ExitCode::config, "report template failed to render: " + m.error_message(),
                          name, "fix the template or remove it to use the bundled one");
    return format == Format::html ? out : fold_blank_lines(out);
}

const char* file_name(Format format)
{
    switch (format) {
    case Format::html: return "report.html";
    case Format::text: return "report.txt";
    case Format::markdown: return "report.md";
    case Format::json: return "report.json";
    }
    return "report";
}

const char* operator_file_name(Format format)
{
    switch (format) {
    case Format::html: return "operator.html";
    case Format::text: return "operator.txt";
    case Format::markdown: return "operator.md";
    case Format::json: return "report.json";
    }
    return "operator";
}

std::filesystem::path bundled_templates_dir()
{
    return core::data_dir() / "reports";
}

Templates load_templates(const std::filesystem::path& override_dir)
{
    auto pick = [&](Format f) {
        if (!override_dir.empty() && std::filesystem::exists(override_dir / file_name(f)))
            return core::read_file(override_dir / file_name(f));
        auto bundled = bundled_templates_dir() / file_name(f);
        if (!std::filesystem::exists(bundled))
            throw core::Error(
                core::ExitCode::config, "report template not found", bundled.string(),
                "set delivery.templates_dir to a folder holding report.html, report.txt, report.md, or "
                "reinstall frr (its templates belong in <prefix>/share/frr/reports beside <prefix>/bin/frr)");
        return core::read_file(bundled);
    };
    return Templates{pick(Format::html), pick(Format::text), pick(Format::markdown)};
}

RenderedReport render_all(const ReportView& view, const Templates& t)
{
    RenderedReport out;
    out.html = render_template(t.html, view, Format::html, "report.html");
    out.text = render_template(t.text, view, Format::text, "report.txt");
    out.markdown = render_template(t.markdown, view, Format::markdown, "report.md");
    out.operator_html = render_template(t.html, view, Format::html, "report.html", Copy::operator_copy);
    out.operator_text = render_template(t.text, view, Format::text, "report.txt", Copy::operator_copy);
    out.operator_markdown =
        render_template(t.markdown, view, Format::markdown, "report.md", Copy::operator_copy);
    out.json = render_json(view);
    return out;
}

}  // namespace frr::report
