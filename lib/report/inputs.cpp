#include "report/inputs.hpp"

#include <algorithm>
#include <cctype>

#include "core/time.hpp"

#include "core/state_dir.hpp"
#include "report/json_read.hpp"

namespace frr::report {

namespace {

using json::Reader;

Window read_window(const Reader& r)
{
    auto w = r.child("window");
    return Window{w.time("since"), w.time("until")};
}

Counts read_counts(const Reader& r, const char* name)
{
    Counts out;
    const auto* v = r.get(name);
    if (!v)
        return out;
    if (!v->IsObject())
        r.fail(name, "an object of counts");
    for (const auto& m : v->GetObject()) {
        if (!m.value.IsNumber())
            r.fail(name, "an object of counts");
        out.emplace_back(m.name.GetString(),
                         m.value.IsInt64() ? m.value.GetInt64()
                                           : static_cast<std::int64_t>(m.value.GetDouble()));
    }
    return out;
}

// An affected item is {kind, key}; change lists may also hold bare keys, which
// take the indicator's first affected kind.
std::vector<AffectedItem> read_items(const Reader& r, const char* name, const std::string& default_kind)
{
    std::vector<AffectedItem> out;
    const auto* v = r.get(name);
    if (!v)
        return out;
    if (!v->IsArray())
        r.fail(name, "an array");
    for (const auto& item : v->GetArray()) {
        if (item.IsObject()) {
            Reader ir(item, r.where());
            auto kind = ir.str("kind");
            out.push_back({kind.empty() ? default_kind : kind, ir.str("key")});
        } else {
            // checks.json lists changes as "kind key" ("order_missing_event #1043").
            auto text = json::display(item);
            const auto space = text.find(' ');
            const auto kind = space == std::string::npos ? std::string() : text.substr(0, space);
            const bool is_kind = !kind.empty() && kind.find('_') != std::string::npos &&
                std::all_of(kind.begin(), kind.end(), [](char ch) {
                    return std::islower(static_cast<unsigned char>(ch)) || ch == '_';
                });
            if (is_kind)
                out.push_back({kind, text.substr(space + 1)});
            else
                out.push_back({default_kind, text});
        }
    }
    return out;
}

IndicatorFinding read_indicator(const Reader& r)
{
    IndicatorFinding f;
    f.id = r.str("id");
    f.title = r.str("title");
    auto status = r.str("status");
    if (!status.empty())
        f.status = status;
    f.score = r.opt_number("score");
    f.value = r.str("value");
    f.weight = r.number("weight");
    f.affected = read_items(r, "affected", "");
    std::string kind = f.affected.empty() ? std::string() : f.affected.front().kind;
    f.examples = r.strings("examples");
    f.summary = r.str("summary");
    f.impact = r.str("impact");
    f.action = r.str("action");
    f.counts = read_counts(r, "counts");
    auto ch = r.child("changes");
    f.changes.added = read_items(ch, "new", kind);
    f.changes.persisting = read_items(ch, "persisting", kind);
    f.changes.resolved = read_items(ch, "resolved", kind);
    f.needs = r.strings("needs");
    if (const auto* stake = r.get("at_stake"); stake && stake->IsObject()) {
        Reader s(*stake, r.where());
        f.at_stake.minor = s.int64("minor");
        f.at_stake.currency = s.str("currency");
        f.at_stake.customers = s.int64("customers");
        const auto* estimated = s.get("estimated");
        f.at_stake.estimated = estimated && estimated->IsBool() && estimated->GetBool();
        const auto* in_total = s.get("in_total");
        f.at_stake.in_total = !in_total || !in_total->IsBool() || in_total->GetBool();
    }
    return f;
}

template <typename Fn> void for_each_object(const Reader& r, const char* name, Fn&& fn)
{
    const auto* v = r.get(name);
    if (!v)
        return;
    if (!v->IsArray())
        r.fail(name, "an array");
    for (const auto& item : v->GetArray()) {
        if (!item.IsObject())
            r.fail(name, "an array of objects");
        fn(Reader(item, r.where()));
    }
}

std::optional<core::TimePoint> opt_time(const Reader& r, const char* name)
{
    const auto text = r.str(name);
    if (text.empty())
        return std::nullopt;
    return core::parse_iso8601(text);
}

// breaker: "closed" or {"state": "open", "since": "..."}.
std::string read_breaker(const Reader& r)
{
    const auto* v = r.get("breaker");
    if (!v)
        return {};
    if (!v->IsObject())
        return json::display(*v);
    Reader b(*v, r.where());
    auto state = b.str("state");
    auto since = b.str("since");
    return since.empty() ? state : state + " since " + since;
}

}  // namespace

ChecksFile parse_checks(const std::string& text, const std::string& where)
{
    auto doc = json::parse(text, where);
    Reader r(doc, where);
    ChecksFile out;
    out.run_id = r.str("run_id");
    out.as_of = r.time("as_of");
    out.window = read_window(r);
    const auto* store = r.get("store");
    if (store && store->IsObject()) {
        Reader s(*store, where);
        out.store_name = s.str("name");
        out.timezone = s.str("timezone");
    } else if (store) {
        out.store_name = json::display(*store);
    }
    if (const auto* cov = r.get("coverage"); cov && cov->IsObject())
        for (const auto& m : cov->GetObject())
            out.coverage.emplace_back(m.name.GetString(), json::display(m.value));
    out.coverage_notes = r.strings("coverage_notes");
    if (const auto* ds = r.get("datasets"); ds && ds->IsObject())
        for (const auto& m : ds->GetObject()) {
            if (!m.value.IsObject())
                r.fail("datasets", "an object of objects");
            Reader d(m.value, where);
            out.datasets.push_back(
                {m.name.GetString(), d.str("platform"), d.str("status"), d.str("missing")});
        }
    for_each_object(r, "exclusions", [&](const Reader& e) {
        out.exclusions.push_back({e.str("reason"), e.int64("count")});
    });
    for_each_object(r, "indicators", [&](const Reader& i) { out.indicators.push_back(read_indicator(i)); });
    if (const auto* money = r.get("money"); money && money->IsObject()) {
        Reader m(*money, where);
        out.money.currency = m.str("currency");
        out.money.average_order_minor = m.int64("average_order_minor");
        out.money.daily_revenue_minor = m.int64("daily_revenue_minor");
    }
    for_each_object(r, "flows", [&](const Reader& f) {
        auto number = [&](const char* key) -> std::optional<std::int64_t> {
            const auto* v = f.get(key);
            return v && v->IsInt64() ? std::optional<std::int64_t>(v->GetInt64()) : std::nullopt;
        };
        out.flows.push_back({f.str("id"), f.str("name"), f.str("status"), f.str("trigger"),
                             number("source_triggers"), number("reached"), number("recipients"),
                             f.str("verdict"), f.str("verdict_text")});
    });
    return out;
}

ScoreFile parse_score(const std::string& text, const std::string& where)
{
    auto doc = json::parse(text, where);
    Reader r(doc, where);
    ScoreFile out;
    out.run_id = r.str("run_id");
    out.as_of = r.time("as_of");
    out.score = static_cast<int>(r.int64("score"));
    const auto* scored = r.get("scored");
    out.scored = scored ? (scored->IsBool() && scored->GetBool()) : r.get("score") != nullptr;
    const auto* complete = r.get("complete");
    out.complete = !complete || (complete->IsBool() && complete->GetBool());
    out.checked_percent =
        r.get("checked_percent") ? static_cast<int>(r.int64("checked_percent")) : (out.complete ? 100 : 0);
    auto status = r.str("status");
    if (!status.empty())
        out.status = status;
    out.confidence = r.str("confidence");
    out.coverage = r.str("coverage");
    if (const auto* cov = r.get("coverage"); cov && cov->IsObject())
        for (const auto& m : cov->GetObject())
            if (m.value.IsString() && std::string_view(m.value.GetString()) == "paused")
                out.paused.emplace_back(m.name.GetString());
    for_each_object(r, "deductions", [&](const Reader& d) {
        out.deductions.push_back({d.str("indicator"), d.number("points"), d.str("reason"), d.str("cause")});
    });
    for_each_object(r, "indicators", [&](const Reader& i) {
        out.indicators.push_back(
            {i.str("id"), i.str("title"), i.opt_number("score"), i.number("weight"), i.str("status")});
    });
    return out;
}

ManifestFile parse_manifest(const std::string& text, const std::string& where)
{
    auto doc = json::parse(text, where);
    Reader r(doc, where);
    ManifestFile out;
    out.run_id = r.str("run_id");
    out.as_of = r.time("as_of");
    out.window = read_window(r);
    out.store = r.str("store");
    out.timezone = r.str("timezone");
    if (const auto* platforms = r.get("platforms"); platforms && platforms->IsObject()) {
        for (const auto& m : platforms->GetObject()) {
            Reader p(m.value, where);
            PlatformManifest pm;
            pm.name = m.name.GetString();
            pm.status = p.str("status");
            pm.counts = read_counts(p, "counts");
            pm.requests = p.int64("requests");
            pm.retries = p.int64("retries");
            pm.throttled = p.int64("throttled");
            pm.wait_seconds = p.number("wait_seconds");
            pm.errors = p.strings("errors");
            pm.notes = p.strings("notes");
            pm.missing_scopes = p.strings("missing_scopes");
            pm.breaker = read_breaker(p);
            if (auto opened = core::parse_iso8601(p.str("breaker_opened_at")))
                pm.breaker_opened_at = *opened;
            pm.outage_since = opt_time(p, "outage_since");
            pm.failed_runs = static_cast<int>(p.int64("failed_runs"));
            pm.next_attempt = opt_time(p, "next_attempt");
            pm.recovered_from = opt_time(p, "recovered_from");
            out.platforms.push_back(std::move(pm));
        }
    }
    if (const auto* c = r.get("catch_up"); c && c->IsObject()) {
        Reader cr(*c, where);
        out.catch_up.watermark = opt_time(cr, "watermark");
        out.catch_up.skipped_since = opt_time(cr, "skipped_since");
        out.catch_up.previous_run = opt_time(cr, "previous_run");
        out.catch_up.next_run = opt_time(cr, "next_run");
        out.catch_up.nominal_since = cr.time("nominal_since");
        for_each_object(cr, "runs", [&](const Reader& run) {
            CatchUpRun item{run.time("as_of"), {}};
            if (const auto* ps = run.get("platforms"); ps && ps->IsObject())
                for (const auto& m : ps->GetObject())
                    item.platforms.emplace_back(m.name.GetString(), json::display(m.value));
            out.catch_up.runs.push_back(std::move(item));
        });
    }
    return out;
}

ChecksFile load_checks(const std::filesystem::path& path)
{
    return parse_checks(core::read_file(path), path.string());
}

ScoreFile load_score(const std::filesystem::path& path)
{
    return parse_score(core::read_file(path), path.string());
}

ManifestFile load_manifest(const std::filesystem::path& path)
{
    return parse_manifest(core::read_file(path), path.string());
}

}  // namespace frr::report
