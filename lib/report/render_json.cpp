// The JSON report ("frr.report/1"): the view model's facts for integrations.
#include "text/json_writer.hpp"
// Field names are interface (docs/report.md); add fields, never rename.
#include "report/render.hpp"

#include "core/time.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

namespace frr::report {

namespace {

using Writer = text::Utf8Writer<rapidjson::PrettyWriter<rapidjson::StringBuffer>>;

void kv(Writer& w, const char* key, const std::string& value)
{
    w.Key(key);
    w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

void strings(Writer& w, const char* key, const std::vector<std::string>& values)
{
    w.Key(key);
    w.StartArray();
    for (const auto& s : values)
        w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
    w.EndArray();
}

void changes(Writer& w, const char* key, const std::vector<ChangeLine>& lines)
{
    w.Key(key);
    w.StartArray();
    for (const auto& l : lines) {
        w.StartObject();
        kv(w, "indicator", l.indicator);
        kv(w, "text", l.text);
        w.EndObject();
    }
    w.EndArray();
}

void issues(Writer& w, const std::vector<IssueView>& list)
{
    w.Key("issues");
    w.StartArray();
    for (const auto& i : list) {
        w.StartObject();
        w.Key("rank");
        w.Int(i.rank);
        kv(w, "id", i.id);
        kv(w, "title", i.title);
        kv(w, "status", i.status);
        kv(w, "headline", i.headline);
        kv(w, "summary", i.summary);
        kv(w, "impact", i.impact);
        kv(w, "action", i.action);
        w.Key("points");
        w.Double(i.points);
        w.Key("affected_count");
        w.Uint64(i.affected_count);
        w.Key("money_minor");
        w.Int64(i.money_minor);
        w.Key("estimated");
        w.Bool(i.estimated);
        w.Key("customers");
        w.Int64(i.customers);
        kv(w, "cost_text", i.cost_text);
        strings(w, "examples", i.examples);
        w.EndObject();
    }
    w.EndArray();
}

void trend(Writer& w, const TrendView& t)
{
    w.Key("trend");
    w.StartObject();
    kv(w, "score_sparkline", t.score_sparkline);
    w.Key("points");
    w.StartArray();
    for (const auto& r : t.rows) {
        w.StartObject();
        kv(w, "date", r.date);
        w.Key("score");
        if (r.scored)
            w.Int(r.score);
        else
            w.Null();
        kv(w, "status", r.status);
        w.EndObject();
    }
    w.EndArray();
    w.Key("indicators");
    w.StartArray();
    for (const auto& i : t.indicators) {
        w.StartObject();
        kv(w, "title", i.title);
        kv(w, "sparkline", i.sparkline);
        kv(w, "latest", i.latest);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
}

void appendix(Writer& w, const AppendixView& a)
{
    w.Key("appendix");
    w.StartObject();
    kv(w, "confidence", a.confidence);
    kv(w, "coverage", a.coverage);
    w.Key("platforms");
    w.StartArray();
    for (const auto& p : a.platforms) {
        w.StartObject();
        kv(w, "name", p.name);
        kv(w, "status", p.status);
        kv(w, "counts", p.counts_text);
        w.Key("requests");
        w.Int64(p.requests);
        w.Key("retries");
        w.Int64(p.retries);
        w.Key("throttled");
        w.Int64(p.throttled);
        kv(w, "wait", p.wait_text);
        kv(w, "breaker", p.breaker);
        kv(w, "errors", p.errors_text);
        w.EndObject();
    }
    w.EndArray();
    strings(w, "exclusions", a.exclusions);
    strings(w, "deductions", a.deductions);
    w.EndObject();
}

}  // namespace

std::string render_json(const ReportView& v)
{
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartObject();
    kv(w, "schema", "frr.report/1");
    kv(w, "report_id", v.run_id);
    kv(w, "as_of", core::format_iso8601(v.as_of));
    kv(w, "as_of_local", v.as_of_local);
    kv(w, "store", v.store_name);
    kv(w, "timezone", v.timezone);
    kv(w, "window", v.window_text);
    kv(w, "status", v.status);
    w.Key("score");
    if (v.has_score)
        w.Int(v.score);
    else
        w.Null();
    kv(w, "score_note", v.score_note);
    kv(w, "verdict", v.verdict);
    kv(w, "headline", v.headline);
    kv(w, "subject", v.subject);
    w.Key("at_stake");
    w.StartObject();
    w.Key("minor");
    w.Int64(v.at_stake_minor);
    kv(w, "currency", v.currency);
    kv(w, "text", v.at_stake_text);
    w.EndObject();
    kv(w, "confidence_text", v.confidence_text);
    w.Key("changes");
    w.StartObject();
    w.Key("first_report");
    w.Bool(v.changes.first_report);
    kv(w, "score_change", v.changes.score_change);
    changes(w, "new", v.changes.added);
    changes(w, "persisting", v.changes.persisting);
    changes(w, "resolved", v.changes.resolved);
    w.EndObject();
    issues(w, v.issues);
    w.Key("automated_emails");
    w.StartObject();
    kv(w, "intro", v.automated_emails.intro);
    w.Key("flows");
    w.StartArray();
    for (const auto& f : v.automated_emails.rows) {
        w.StartObject();
        kv(w, "name", f.name);
        kv(w, "trigger", f.trigger);
        kv(w, "triggers", f.triggers_text);
        kv(w, "sent", f.sent_text);
        kv(w, "verdict", f.verdict);
        kv(w, "verdict_text", f.verdict_text);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    trend(w, v.trend);
    w.Key("not_checked");
    w.StartArray();
    for (const auto& c : v.coverage) {
        w.StartObject();
        kv(w, "what", c.what);
        kv(w, "why", c.why);
        w.EndObject();
    }
    w.EndArray();
    kv(w, "missed_run_note", v.gap_note.value_or(""));
    appendix(w, v.appendix);
    w.Key("affected");
    w.StartObject();
    for (const auto& [id, items] : v.affected) {
        w.Key(id.c_str());
        w.StartArray();
        for (const auto& item : items) {
            w.StartObject();
            kv(w, "kind", item.kind);
            kv(w, "key", item.key);
            w.EndObject();
        }
        w.EndArray();
    }
    w.EndObject();
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace frr::report
