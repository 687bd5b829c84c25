#include "checks/health_score.hpp"

#include "text/json_writer.hpp"

#include "core/time.hpp"
#include "model/json_fields.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

namespace frr::checks {

const char* to_string(Confidence c)
{
    switch (c) {
    case Confidence::full: return "full";
    case Confidence::reduced: return "reduced";
    case Confidence::none: return "none";
    }
    return "none";
}

namespace {

bool reads_data(const IndicatorResult& r)
{
    return !r.needs.empty();
}

bool all_complete(const Findings& f)
{
    for (const auto& [name, c] : f.coverage)
        if (c != model::Coverage::complete)
            return false;
    for (const auto& [id, d] : f.datasets)
        if (d.coverage.status != model::Coverage::complete)
            return false;
    for (const auto& r : f.indicators)
        if (r.status == Status::unknown)
            return false;
    return true;
}

Status band(int score, const core::ChecksConfig& config)
{
    if (score < config.score_critical_below)
        return Status::critical;
    if (score < config.score_warn_below)
        return Status::warn;
    return Status::ok;
}

}  // namespace

int money_points(const AtStake& at_stake, const MoneyBasis& basis)
{
    if (!at_stake.in_total || at_stake.minor <= 0 || basis.daily_revenue_minor <= 0 ||
        at_stake.currency != basis.currency)
        return 0;
    const auto daily = basis.daily_revenue_minor;
    const auto cap = static_cast<std::int64_t>(k_money_points_cap);
    // Compared before multiplying, so no amount can overflow.
    if (at_stake.minor >= daily / 100 * cap + daily)
        return k_money_points_cap;
    return static_cast<int>(std::min(cap, (at_stake.minor * 100 + daily / 2) / daily));
}

HealthScore compute_score(const Findings& findings, const core::ChecksConfig& config)
{
    HealthScore out;
    double judged_weight = 0;
    double data_weight = 0;
    double data_judged_weight = 0;
    Status worst = Status::ok;
    for (const auto& r : findings.indicators) {
        // Not applicable to the pair: neither checked nor missing from what was checked.
        if (r.status == Status::not_applicable)
            continue;
        const double w = std::max(0.0, r.weight);
        if (reads_data(r))
            data_weight += w;
        if (r.status == Status::unknown)
            continue;
        judged_weight += w;
        if (reads_data(r))
            data_judged_weight += w;
        worst = worse(worst, r.status);
    }
    out.complete = all_complete(findings);
    out.scored = data_judged_weight > 0;
    out.checked_percent = data_weight > 0
        ? static_cast<int>(std::floor(100.0 * data_judged_weight / data_weight + 1e-9))
        : (out.complete ? 100 : 0);
    out.confidence = !out.scored ? Confidence::none : out.complete ? Confidence::full : Confidence::reduced;
    if (judged_weight <= 0) {
        out.score = 0;
        out.status = Status::unknown;
        return out;
    }
    int total = 0;
    // The critical indicator that costs most: the cap, if any, is its doing.
    const IndicatorResult* first_critical = nullptr;
    int first_critical_points = -1;
    for (const auto& r : findings.indicators) {
        if (!judged(r.status) || (r.status == Status::ok && r.score >= 100))
            continue;
        const double loss = std::max(0.0, r.weight) / judged_weight * (100.0 - r.score);
        int points = std::max(static_cast<int>(std::lround(loss)), money_points(r.at_stake, findings.money));
        if (r.status != Status::ok)
            points = std::max(points, 1);
        if (points <= 0)
            continue;
        points = std::min(points, 100 - total);
        total += points;
        out.deductions.push_back({r.id, points, r.summary, {}});
        if (r.status == Status::critical && points > first_critical_points) {
            first_critical = &r;
            first_critical_points = points;
        }
    }
    for (const auto& r : findings.indicators)
        if (!first_critical && r.status == Status::critical)
            first_critical = &r;
    out.score = 100 - total;
    const int cap = config.score_critical_below - 1;
    if (first_critical && out.score > cap) {
        out.deductions.push_back({"cap", out.score - cap,
                                  fmt::format("capped at {}: {} is critical", cap, first_critical->title),
                                  first_critical->id});
        out.score = cap;
    }
    // Only what was judged sets the status; with nothing that reads data judged,
    // the band of a score over the connection alone says nothing.
    out.status = out.scored ? worse(band(out.score, config), worst) : worst;
    return out;
}

const char* verdict_name(const HealthScore& score)
{
    if (score.status == Status::warn || score.status == Status::critical)
        return to_string(score.status);
    if (!score.complete || score.status == Status::unknown)
        return "incomplete";
    return "ok";
}

std::string describe(const Deduction& d)
{
    return fmt::format("\u2212{}: {}", d.points, d.reason);
}

core::ExitCode exit_code_for(const Findings& findings, const HealthScore& score)
{
    auto code = core::ExitCode::ok;
    if (score.status == Status::warn)
        code = core::ExitCode::health_warn;
    if (score.status == Status::critical)
        code = core::ExitCode::health_critical;
    for (const auto& [name, c] : findings.coverage) {
        if (c == model::Coverage::paused)
            code = core::worst_of(code, core::ExitCode::paused);
        else if (c != model::Coverage::complete)
            code = core::worst_of(code, core::ExitCode::partial);
    }
    return code;
}

std::string score_json(const Findings& f, const HealthScore& s)
{
    using Writer = text::Utf8Writer<rapidjson::PrettyWriter<rapidjson::StringBuffer>>;
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.SetIndent(' ', 1);
    const auto put = [&w](const char* key, const std::string& v) {
        w.Key(key);
        w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
    };
    w.StartObject();
    put("run_id", f.run_id);
    put("as_of", core::format_iso8601(f.as_of));
    w.Key("score");
    if (s.scored)
        w.Int(s.score);
    else
        w.Null();
    put("status", verdict_name(s));
    w.Key("scored");
    w.Bool(s.scored);
    w.Key("complete");
    w.Bool(s.complete);
    put("confidence", to_string(s.confidence));
    w.Key("checked_percent");
    w.Int(s.checked_percent);
    w.Key("coverage");
    w.StartObject();
    for (const auto& [name, c] : f.coverage)
        put(name.c_str(), model::to_string(c));
    w.EndObject();
    w.Key("deductions");
    w.StartArray();
    for (const auto& d : s.deductions) {
        w.StartObject();
        put("indicator", d.indicator);
        w.Key("points");
        w.Int(d.points);
        put("reason", d.reason);
        if (!d.cause.empty())
            put("cause", d.cause);
        w.EndObject();
    }
    w.EndArray();
    w.Key("indicators");
    w.StartArray();
    for (const auto& r : f.indicators) {
        w.StartObject();
        put("id", r.id);
        put("title", r.title);
        w.Key("score");
        if (!judged(r.status))
            w.Null();
        else
            w.Int(r.score);
        w.Key("weight");
        w.Double(r.weight);
        put("status", to_string(r.status));
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

ScoreFile score_from_json(std::string_view json, const std::string& where)
{
    rapidjson::Document doc;
    model::parse_object(doc, json, where, "score file", "re-run `frr score` for that run to rewrite it");
    model::JsonFields f(doc, where);
    ScoreFile file;
    file.run_id = f.str("run_id");
    file.as_of = f.opt_time("as_of");
    file.verdict = f.get("status") ? f.str("status") : "unknown";
    HealthScore& out = file.score;
    out.score = static_cast<int>(std::lround(f.number("score")));
    out.scored = f.get("scored") ? f.boolean("scored") : f.get("score") != nullptr;
    out.complete = !f.get("complete") || f.boolean("complete");
    out.checked_percent =
        f.get("checked_percent") ? static_cast<int>(f.int64("checked_percent")) : (out.complete ? 100 : 0);
    // "status" is the verdict (verdict_name): "incomplete" is a status nothing judged sets.
    const auto status = f.text("status");
    out.status = status == "incomplete" ? Status::unknown : status_from(status);
    const auto confidence = f.text("confidence");
    out.confidence = confidence == "full" ? Confidence::full
        : confidence == "reduced"         ? Confidence::reduced
        : confidence == "none"            ? Confidence::none
        : !out.scored                     ? Confidence::none
        : out.complete                    ? Confidence::full
                                          : Confidence::reduced;
    if (const auto* deductions = f.array("deductions"))
        for (const auto& v : deductions->GetArray()) {
            model::JsonFields d(v, where + ".deductions");
            out.deductions.push_back({d.str("indicator"), static_cast<int>(std::lround(d.number("points"))),
                                      d.str("reason"), d.str("cause")});
        }
    if (const auto* coverage = f.object("coverage"))
        for (const auto& m : coverage->GetObject())
            file.coverage[m.name.GetString()] =
                model::coverage_from(m.value.IsString() ? m.value.GetString() : "");
    if (const auto* indicators = f.array("indicators"))
        for (const auto& v : indicators->GetArray()) {
            model::JsonFields i(v, where + ".indicators");
            file.indicators.push_back(
                {i.str("id"), i.str("title"),
                 i.get("score") ? std::optional<double>(i.number("score")) : std::nullopt,
                 i.get("weight") ? i.number("weight") : 0.0, i.str("status")});
        }
    return file;
}

}  // namespace frr::checks
