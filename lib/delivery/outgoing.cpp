#include "delivery/outgoing.hpp"

#include "core/error.hpp"
#include "report/render.hpp"
#include "report/view.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>

namespace frr::delivery {

namespace {

std::string field(const rapidjson::Document& doc, const char* name)
{
    auto it = doc.FindMember(name);
    return it != doc.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

rapidjson::Document parse_report_json(const std::filesystem::path& path, const std::string& text)
{
    rapidjson::Document doc;
    doc.Parse(text.c_str(), text.size());
    if (doc.HasParseError() || !doc.IsObject())
        throw core::Error(core::ExitCode::bad_input, "report.json is not valid JSON", path.string(),
                          "re-render it with `frr report`");
    return doc;
}

}  // namespace

std::string OutgoingReport::missed_note() const
{
    if (missed.empty())
        return {};
    std::string list;
    for (const auto& m : missed)
        list += fmt::format("{}{} ({} {}/100)", list.empty() ? "" : ", ", m.as_of_local,
                            report::status_label(m.status), m.score);
    // Plain and true for every way a report ends up here: its send failed,
    // it was held while a platform was paused, or the run stopped before
    // sending. (A report whose send was interrupted is resent or recorded
    // uncertain instead, see sender.hpp, so it is never listed as missed.)
    const bool one = missed.size() == 1;
    return fmt::format("{} earlier {} not delivered and {} replaced by this one: {}.", missed.size(),
                       one ? "report was" : "reports were", one ? "is" : "are", list);
}

std::string OutgoingReport::with_note_text(const std::string& body) const
{
    auto note = missed_note();
    return note.empty() ? body : "Note: " + note + "\n\n" + body;
}

// The note goes right after the opening <body> tag so it shows first in any
// template; a template without <body> gets it prepended.
std::string OutgoingReport::with_note_html(const std::string& body) const
{
    auto note = missed_note();
    if (note.empty())
        return body;
    auto para = "<p style=\"margin:8px;padding:8px;border:1px solid #b35900;font-family:sans-serif;\">" +
        report::html_escape(note) + "</p>";
    auto open = body.find("<body");
    auto close = open == std::string::npos ? std::string::npos : body.find('>', open);
    if (close == std::string::npos)
        return para + body;
    return body.substr(0, close + 1) + para + body.substr(close + 1);
}

bool has_report(const core::RunInfo& run)
{
    return std::filesystem::exists(run.dir / "report.json");
}

MissedReport summarise(const core::RunInfo& run)
{
    auto path = run.dir / "report.json";
    auto doc = parse_report_json(path, core::read_file(path));
    MissedReport m;
    m.report_id = run.id;
    m.as_of_local = field(doc, "as_of_local");
    m.status = field(doc, "status");
    m.subject = field(doc, "subject");
    auto score = doc.FindMember("score");
    m.score = score != doc.MemberEnd() && score->value.IsInt() ? score->value.GetInt() : 0;
    auto gaps = doc.FindMember("not_checked");
    m.not_checked = gaps != doc.MemberEnd() && gaps->value.IsArray() ? gaps->value.Size() : 0;
    return m;
}

OutgoingReport load_outgoing(const core::RunInfo& run)
{
    OutgoingReport r;
    auto facts = summarise(run);
    r.report_id = run.id;
    r.run_dir = run.dir;
    r.subject = facts.subject;
    r.status = facts.status;
    r.score = facts.score;
    r.as_of_local = facts.as_of_local;
    r.json = core::read_file(run.dir / "report.json");
    r.text = core::read_file(run.dir / "report.txt");
    r.html = core::read_file(run.dir / "report.html");
    r.markdown = core::read_file(run.dir / "report.md");
    // The operator's copy; a run rendered by an older frr has none.
    if (std::filesystem::exists(run.dir / "operator.txt"))
        r.operator_text = core::read_file(run.dir / "operator.txt");
    if (std::filesystem::exists(run.dir / "operator.html"))
        r.operator_html = core::read_file(run.dir / "operator.html");
    if (std::filesystem::exists(run.dir / "operator.md"))
        r.operator_markdown = core::read_file(run.dir / "operator.md");
    {
        auto doc = parse_report_json(run.dir / "report.json", r.json);
        r.store = field(doc, "store");
    }
    if (r.subject.empty())
        r.subject = fmt::format("[frr] report {}", run.id);
    return r;
}

}  // namespace frr::delivery
