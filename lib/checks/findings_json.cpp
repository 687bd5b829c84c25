#include "checks/findings_json.hpp"

#include "text/json_writer.hpp"

#include "core/error.hpp"
#include "core/time.hpp"
#include "model/json_fields.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

namespace frr::checks {

namespace {

using Writer = text::Utf8Writer<rapidjson::PrettyWriter<rapidjson::StringBuffer>>;

void put(Writer& w, const char* key, std::string_view value)
{
    model::put_string(w, key, value);
}
using model::put_strings;

void write_affected(Writer& w, const std::vector<Affected>& affected)
{
    w.Key("affected");
    w.StartArray();
    for (const auto& a : affected) {
        w.StartObject();
        put(w, "kind", a.kind);
        put(w, "key", a.key);
        if (!a.detail.empty()) {
            w.Key("detail");
            w.StartObject();
            for (const auto& [k, v] : a.detail)
                put(w, k.c_str(), v);
            w.EndObject();
        }
        w.EndObject();
    }
    w.EndArray();
}

void write_indicator(Writer& w, const IndicatorResult& r)
{
    w.StartObject();
    put(w, "id", r.id);
    put(w, "title", r.title);
    put(w, "status", to_string(r.status));
    w.Key("score");
    if (!judged(r.status))
        w.Null();  // not judged: no score, rather than a zero
    else
        w.Int(r.score);
    w.Key("weight");
    w.Double(r.weight);
    put(w, "value", r.value);
    write_affected(w, r.affected);
    put_strings(w, "examples", r.examples);
    put(w, "summary", r.summary);
    put(w, "impact", r.impact);
    put(w, "action", r.action);
    w.Key("counts");
    w.StartObject();
    for (const auto& c : r.counts) {
        w.Key(c.name.c_str());
        w.Int64(c.value);
    }
    w.EndObject();
    w.Key("changes");
    w.StartObject();
    put_strings(w, "new", r.changes.added);
    put_strings(w, "persisting", r.changes.persisting);
    put_strings(w, "resolved", r.changes.resolved);
    w.EndObject();
    put_strings(w, "needs", r.needs);
    if (r.at_stake.any()) {
        w.Key("at_stake");
        w.StartObject();
        w.Key("minor");
        w.Int64(r.at_stake.minor);
        put(w, "currency", r.at_stake.currency);
        w.Key("estimated");
        w.Bool(r.at_stake.estimated);
        w.Key("in_total");
        w.Bool(r.at_stake.in_total);
        w.Key("customers");
        w.Int64(r.at_stake.customers);
        w.EndObject();
    }
    w.EndObject();
}

IndicatorResult read_indicator(const rapidjson::Value& v, const std::string& where)
{
    model::JsonFields f(v, where);
    IndicatorResult r;
    r.id = f.str("id");
    if (r.id.empty())
        f.fail("id", "a non-empty string");
    r.title = f.str("title");
    r.status = status_from(f.str("status"));
    r.score = static_cast<int>(f.int64("score"));
    r.weight = f.get("weight") ? f.number("weight") : 0.0;
    r.value = f.str("value");
    if (const auto* affected = f.array("affected")) {
        for (const auto& a : affected->GetArray()) {
            model::JsonFields af(a, where + ".affected");
            Affected item{af.str("kind"), af.str("key"), {}};
            if (const auto* detail = af.object("detail"))
                for (const auto& m : detail->GetObject())
                    item.detail.emplace_back(m.name.GetString(),
                                             m.value.IsString() ? m.value.GetString() : "");
            r.affected.push_back(std::move(item));
        }
    }
    r.examples = f.strings("examples");
    r.summary = f.str("summary");
    r.impact = f.str("impact");
    r.action = f.str("action");
    if (const auto* counts = f.object("counts"))
        for (const auto& m : counts->GetObject())
            if (m.value.IsInt64())
                r.counts.push_back({m.name.GetString(), m.value.GetInt64()});
    if (const auto* changes = f.object("changes")) {
        model::JsonFields cf(*changes, where + ".changes");
        r.changes.added = cf.strings("new");
        r.changes.persisting = cf.strings("persisting");
        r.changes.resolved = cf.strings("resolved");
    }
    r.needs = f.strings("needs");
    if (const auto* stake = f.object("at_stake")) {
        model::JsonFields sf(*stake, where + ".at_stake");
        r.at_stake.minor = sf.int64("minor");
        r.at_stake.currency = sf.str("currency");
        r.at_stake.estimated = sf.boolean("estimated");
        r.at_stake.in_total = !sf.get("in_total") || sf.boolean("in_total");
        r.at_stake.customers = sf.int64("customers");
    }
    return r;
}

}  // namespace

namespace {

void put_optional(Writer& w, const char* key, const std::optional<std::int64_t>& v)
{
    w.Key(key);
    if (v)
        w.Int64(*v);
    else
        w.Null();
}

void write_flow_summary(Writer& w, const FlowSummary& f)
{
    w.StartObject();
    put(w, "id", f.id);
    put(w, "name", f.name);
    put(w, "status", f.status);
    put(w, "trigger", f.trigger);
    put_optional(w, "source_triggers", f.source_triggers);
    put_optional(w, "reached", f.reached);
    put_optional(w, "recipients", f.recipients);
    put(w, "verdict", f.verdict);
    put(w, "verdict_text", f.verdict_text);
    w.EndObject();
}

FlowSummary read_flow_summary(const model::JsonFields& f)
{
    FlowSummary out;
    out.id = f.str("id");
    out.name = f.str("name");
    out.status = f.str("status");
    out.trigger = f.str("trigger");
    out.source_triggers = f.opt_int64("source_triggers");
    out.reached = f.opt_int64("reached");
    out.recipients = f.opt_int64("recipients");
    out.verdict = f.str("verdict");
    out.verdict_text = f.str("verdict_text");
    return out;
}

}  // namespace

std::string to_json(const Findings& f)
{
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.SetIndent(' ', 1);
    w.StartObject();
    put(w, "run_id", f.run_id);
    put(w, "as_of", core::format_iso8601(f.as_of));
    w.Key("store");
    w.StartObject();
    put(w, "name", f.store_name);
    put(w, "timezone", f.timezone);
    w.EndObject();
    w.Key("window");
    w.StartObject();
    put(w, "since", core::format_iso8601(f.since));
    put(w, "until", core::format_iso8601(f.until));
    w.EndObject();
    w.Key("coverage");
    w.StartObject();
    for (const auto& [name, c] : f.coverage)
        put(w, name.c_str(), model::to_string(c));
    w.EndObject();
    w.Key("datasets");
    w.StartObject();
    for (const auto& [id, d] : f.datasets) {
        w.Key(id.c_str());
        w.StartObject();
        put(w, "platform", d.platform);
        put(w, "status", model::to_string(d.coverage.status));
        if (!d.coverage.missing.empty())
            put(w, "missing", d.coverage.missing);
        if (!d.coverage.not_offered.empty())
            put(w, "not_offered", d.coverage.not_offered);
        w.EndObject();
    }
    w.EndObject();
    w.Key("indicators");
    w.StartArray();
    for (const auto& r : f.indicators)
        write_indicator(w, r);
    w.EndArray();
    w.Key("exclusions");
    w.StartArray();
    for (const auto& e : f.exclusions) {
        w.StartObject();
        put(w, "reason", e.reason);
        w.Key("count");
        w.Int64(e.count);
        w.EndObject();
    }
    w.EndArray();
    put_strings(w, "coverage_notes", f.coverage_notes);
    w.Key("money");
    w.StartObject();
    put(w, "currency", f.money.currency);
    w.Key("average_order_minor");
    w.Int64(f.money.average_order_minor);
    w.Key("daily_revenue_minor");
    w.Int64(f.money.daily_revenue_minor);
    w.EndObject();
    w.Key("flows");
    w.StartArray();
    for (const auto& fl : f.flows)
        write_flow_summary(w, fl);
    w.EndArray();
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

Findings findings_from_json(std::string_view json, const std::string& where)
{
    rapidjson::Document doc;
    model::parse_object(doc, json, where, "checks file", "re-run `frr check` for that run to rewrite it");
    model::JsonFields f(doc, where);
    Findings out;
    out.run_id = f.str("run_id");
    out.as_of = f.time("as_of");
    if (const auto* store = f.object("store")) {
        model::JsonFields sf(*store, where + ".store");
        out.store_name = sf.str("name");
        out.timezone = sf.str("timezone");
    }
    if (const auto* window = f.object("window")) {
        model::JsonFields wf(*window, where + ".window");
        out.since = wf.time("since");
        out.until = wf.time("until");
    }
    if (const auto* coverage = f.object("coverage"))
        for (const auto& m : coverage->GetObject())
            out.coverage[m.name.GetString()] =
                model::coverage_from(m.value.IsString() ? m.value.GetString() : "");
    if (const auto* datasets = f.object("datasets"))
        for (const auto& m : datasets->GetObject()) {
            model::JsonFields df(m.value, where + ".datasets");
            out.datasets[m.name.GetString()] = {
                df.str("platform"),
                {model::coverage_from(df.text("status")), df.str("missing"), df.str("not_offered")}};
        }
    const auto* indicators = f.array("indicators");
    if (!indicators)
        f.fail("indicators", "an array");
    for (const auto& v : indicators->GetArray())
        out.indicators.push_back(read_indicator(v, where + ".indicators"));
    if (const auto* exclusions = f.array("exclusions"))
        for (const auto& v : exclusions->GetArray()) {
            model::JsonFields ef(v, where + ".exclusions");
            out.exclusions.push_back({ef.str("reason"), ef.int64("count")});
        }
    out.coverage_notes = f.strings("coverage_notes");
    if (const auto* money = f.object("money")) {
        model::JsonFields mf(*money, where + ".money");
        out.money.currency = mf.str("currency");
        out.money.average_order_minor = mf.int64("average_order_minor");
        out.money.daily_revenue_minor = mf.int64("daily_revenue_minor");
    }
    if (const auto* flows = f.array("flows"))
        for (const auto& v : flows->GetArray())
            out.flows.push_back(read_flow_summary(model::JsonFields(v, where + ".flows")));
    return out;
}

}  // namespace frr::checks
