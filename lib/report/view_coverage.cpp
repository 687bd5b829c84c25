// What the report says when a run could not check everything: which platform
// or data could not be read, what was checked all the same, and when the rest
// will be. An outage is a gap in what was checked, never a defect: the verdict
// is INCOMPLETE, the score covers only what was checked and says how much.
#include "report/view_builder_detail.hpp"

#include "core/time.hpp"
#include "model/datasets.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace frr::report::detail {

namespace {

std::string lower_first(std::string s)
{
    if (!s.empty())
        s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
    return s;
}

// "a", "a and b", "a, b and c"; "a, b, and c and d" when an item holds an "and" itself.
std::string list_text(const std::vector<std::string>& items)
{
    const bool ands = std::any_of(items.begin(), items.end(),
                                  [](const auto& s) { return s.find(" and ") != std::string::npos; });
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i)
        out += (i == 0                      ? ""
                    : i + 1 == items.size() ? (ands && items.size() > 2 ? ", and " : " and ")
                                            : ", ") +
            items[i];
    return out;
}

bool reads_data(const checks::IndicatorResult& f)
{
    // Files written before indicators named their datasets: connection was the one that read none.
    return f.needs.empty() ? f.id != "connection" : true;
}

// Why one platform's data is not whole, in a few plain words.
std::optional<std::string> platform_reason(const model::Vocabulary& words, const std::string& platform,
                                           const model::PlatformManifest& p, const checks::Findings& checks)
{
    const auto name = platform_label(words, platform);
    if (p.status == model::Coverage::complete)
        return std::nullopt;
    if (p.status == model::Coverage::paused)
        return name + " is paused after repeated failures";
    // The scopes' names are the operator's business (technical appendix); the client reads why.
    if (!p.missing_scopes.empty())
        return name + " refused frr some of the access it needs";
    if (p.status == model::Coverage::unavailable)
        return name + " did not answer";
    std::vector<std::string> parts;
    for (const auto& [id, d] : checks.datasets)
        if (d.platform == platform && d.coverage.status != model::Coverage::complete)
            parts.push_back(model::dataset_label(id));
    if (parts.empty())
        return fmt::format("part of {}'s data could not be read", name);
    return fmt::format("{}'s {} could not be read in full", name, list_text(parts));
}

// The record datasets a platform still serves in full, in the registry's order.
std::vector<std::string> data_read_by(const std::string& platform, const checks::Findings& checks)
{
    std::vector<std::string> out;
    for (const auto& info : model::k_datasets) {
        // A part of other records (the customers' consent) is read with them.
        if (info.scope != model::Scope::window || !info.part_of.empty())
            continue;
        for (const auto& [id, d] : checks.datasets)
            if (id == info.id && d.platform == platform && d.coverage.status == model::Coverage::complete)
                out.emplace_back(info.label);
    }
    return out;
}

std::vector<std::string> reasons(const ReportInput& in)
{
    std::vector<std::string> out;
    for (const auto& [platform, p] : in.manifest.platforms)
        if (auto r = platform_reason(in.words, platform, p, in.checks))
            out.push_back(*r);
    if (out.empty())
        for (const auto& [platform, value] : in.checks.coverage)
            if (value != model::Coverage::complete)
                out.push_back(
                    value == model::Coverage::paused ? platform_label(in.words, platform) + " was skipped"
                        : value == model::Coverage::unavailable
                        ? platform_label(in.words, platform) + " did not answer"
                        : "part of " + platform_label(in.words, platform) + "'s data could not be read");
    return out;
}

}  // namespace

std::string platform_label(const model::Vocabulary& words, const std::string& name)
{
    if (name == words.source_key && !words.source.empty())
        return words.source;
    if (name == words.destination_key && !words.destination.empty())
        return words.destination;
    return name;
}

std::optional<IncompleteText> incomplete_text(const ReportInput& in, const ReportView& view)
{
    std::vector<std::string> checked;
    std::vector<std::string> not_checked;
    for (const auto& f : in.checks.indicators) {
        if (!reads_data(f) || f.status == checks::Status::not_applicable)
            continue;
        auto title = lower_first(f.title.empty() ? f.id : f.title);
        (f.status == checks::Status::unknown ? not_checked : checked).push_back(std::move(title));
    }
    if (not_checked.empty() && in.score.complete)
        return std::nullopt;
    IncompleteText out;
    auto why = reasons(in);
    const std::string why_text = why.empty() ? std::string("some data could not be read") : list_text(why);
    std::string cause = why_text;
    cause[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(cause[0])));
    const auto total = checked.size() + not_checked.size();
    const auto next = core::format_local(
        in.manifest.catch_up.next_run.value_or(view.as_of + in.schedule_interval), view.timezone);
    const auto since = core::format_local(in.checks.since, view.timezone);
    const std::string when = fmt::format(
        "What could not be checked is checked at the next run that can read the data (the next is due "
        "around {}), over the whole period since {}, so nothing goes unchecked.",
        next, since);
    if (checked.empty()) {
        // What did answer: its records are kept and compared once the rest can be read.
        std::vector<std::string> read;
        for (const auto& [platform, p] : in.manifest.platforms)
            if (p.status == model::Coverage::complete)
                if (auto data = data_read_by(platform, in.checks); !data.empty())
                    read.push_back(
                        fmt::format("{}'s {}", platform_label(in.words, platform), list_text(data)));
        const std::string kept = read.empty()
            ? std::string()
            : fmt::format(" {} were read as usual and wait to be compared.", list_text(read));
        out.headline = fmt::format("{}, so nothing could be checked", why_text);
        out.verdict =
            fmt::format("Incomplete: {}, so none of the {} checks could run and there is no score this "
                        "time. This is not a sign that data is being lost.{} {}",
                        why_text, total, kept, when);
        return out;
    }
    out.headline = fmt::format("{}, so {} of {} checks could not run", why_text, not_checked.size(), total);
    if (not_checked.empty()) {
        out.verdict = fmt::format("{}, so some figures may be incomplete. {}", cause, when);
        return out;
    }
    if (view.status == "warn" || view.status == "critical") {
        // The verdict before this already names the problems found; say only what is missing.
        out.verdict =
            fmt::format("Not checked this time: {}, because {}. {}", list_text(not_checked), why_text, when);
        return out;
    }
    out.verdict = fmt::format("{}: {} could not be checked. We checked {}, and found nothing wrong (score "
                              "{}/100 over {}% of the checks). {}",
                              cause, list_text(not_checked), list_text(checked), view.score,
                              in.score.checked_percent, when);
    return out;
}

}  // namespace frr::report::detail

namespace frr::report::detail {

namespace {

// "28 Nov", "28 and 29 Nov", "30 Nov and 1 Dec": the local days of some runs.
std::string days_text(const std::vector<core::TimePoint>& times, const std::string& timezone)
{
    std::vector<std::string> days;
    for (auto t : times) {
        auto day = core::format_local(t, timezone).substr(0, 6);  // "28 Nov"
        if (!day.empty() && day[0] == '0')
            day.erase(0, 1);
        if (std::find(days.begin(), days.end(), day) == days.end())
            days.push_back(day);
    }
    // "28 Nov, 29 Nov and 30 Nov" -> "28, 29 and 30 Nov" when they share the month.
    bool same_month = !days.empty();
    for (const auto& d : days)
        same_month = same_month && d.substr(d.find(' ')) == days.back().substr(days.back().find(' '));
    if (same_month && days.size() > 1)
        for (std::size_t i = 0; i + 1 < days.size(); ++i)
            days[i] = days[i].substr(0, days[i].find(' '));
    return list_text(days);
}

std::string span_text(std::chrono::seconds s)
{
    const auto hours = s.count() / 3600;
    if (hours >= 48 && hours % 24 == 0)
        return fmt::format("{} days", hours / 24);
    if (hours == 24)
        return "day";
    return fmt::format("{} hours", std::max<long long>(1, hours));
}

// "could not reach Klaviyo", "skipped Klaviyo while monitoring was paused", ...
std::string run_failure(const model::Vocabulary& words, const std::string& platform, model::Coverage status)
{
    const auto name = platform_label(words, platform);
    if (status == model::Coverage::paused)
        return "skipped " + name + " while monitoring was paused";
    if (status == model::Coverage::partial)
        return "could not read all of " + name + "'s data";
    return "could not reach " + name;
}

}  // namespace

std::optional<Notice> paused_notice(const ReportInput& in, const ReportView& view)
{
    std::vector<std::string> paused;
    std::optional<core::TimePoint> since;
    std::optional<core::TimePoint> next;
    int failed = 0;
    for (const auto& [platform, p] : in.manifest.platforms) {
        if (p.status != model::Coverage::paused)
            continue;
        paused.push_back(platform_label(in.words, platform));
        const auto began = p.outage_since ? p.outage_since : p.breaker_opened_at;
        if (began && (!since || *began < *since))
            since = began;
        if (p.next_attempt && (!next || *p.next_attempt < *next))
            next = p.next_attempt;
        failed = std::max(failed, p.failed_runs);
    }
    if (paused.empty())
        return std::nullopt;
    const auto who = list_text(paused);
    const auto tz = view.timezone;
    Notice n;
    const auto since_text = since ? core::format_local(*since, tz) : std::string();
    n.headline = since ? fmt::format("monitoring of {} paused: no answer since {}", who, since_text)
                       : fmt::format("monitoring of {} paused", who);
    std::string text = fmt::format("Monitoring of {} is paused.", who);
    if (since)
        text += fmt::format(" {} {} not answered since {}{}, so frr has stopped asking for now.", who,
                            paused.size() == 1 ? "has" : "have", since_text,
                            failed > 0 ? fmt::format(" ({} runs in a row)", failed) : std::string());
    std::vector<std::string> skipped;
    for (const auto& f : in.checks.indicators)
        if (f.status == checks::Status::unknown && reads_data(f))
            skipped.push_back(lower_first(f.title.empty() ? f.id : f.title));
    if (!skipped.empty())
        text += fmt::format(" Not checked while it is paused: {}.", list_text(skipped));
    std::vector<std::string> working;
    for (const auto& [platform, p] : in.manifest.platforms) {
        if (p.status == model::Coverage::paused)
            continue;
        const auto name = platform_label(in.words, platform);
        const auto read = data_read_by(platform, in.checks);
        if (p.status == model::Coverage::complete)
            working.push_back(read.empty() ? name + " answers normally"
                                           : fmt::format("{} answers normally, and its {} are still read on "
                                                         "every run",
                                                         name, list_text(read)));
        else if (p.status == model::Coverage::partial)
            working.push_back(name + " answers, though not all of its data could be read");
    }
    text += working.empty() ? std::string(" Nothing else could be read either.")
                            : fmt::format(" Still working: {}.", list_text(working));
    if (next)
        text += fmt::format(" Next attempt: the run due around {}.", core::format_local(*next, tz));
    text += fmt::format(" When {} answers again, that run checks everything since {}, so nothing goes "
                        "unchecked. This is the only notice until then, and it is not a health score.",
                        who, core::format_local(in.checks.since, tz));
    n.text = text;
    return n;
}

std::optional<Notice> recovered_notice(const ReportInput& in, const ReportView& view)
{
    std::vector<std::string> back;
    std::optional<core::TimePoint> since;
    for (const auto& [platform, p] : in.manifest.platforms) {
        if (!p.recovered_from)
            continue;
        back.push_back(platform_label(in.words, platform));
        if (!since || *p.recovered_from < *since)
            since = p.recovered_from;
    }
    if (back.empty())
        return std::nullopt;
    const auto who = list_text(back);
    Notice n;
    n.headline = fmt::format("monitoring resumed, {} {} again", who, back.size() == 1 ? "answers" : "answer");
    n.text =
        fmt::format("Monitoring resumed: {} {} again (no answer since {}). This report checks the whole "
                    "period it missed, from {} to {}.",
                    who, back.size() == 1 ? "answers" : "answer", core::format_local(*since, view.timezone),
                    core::format_local(in.checks.since, view.timezone),
                    core::format_local(in.checks.until, view.timezone));
    return n;
}

std::optional<std::string> catch_up_note(const ReportInput& in, const ReportView& view)
{
    const auto& c = in.manifest.catch_up;
    if (!c.watermark)
        return std::nullopt;
    const auto tz = view.timezone;
    const auto w = window_of(in);
    // Runs grouped by what they could not do: "the runs on 28 and 29 Nov could not reach Klaviyo".
    std::vector<std::pair<std::string, std::vector<core::TimePoint>>> groups;
    for (const auto& run : c.runs)
        for (const auto& [platform, status] : run.platforms) {
            auto what = run_failure(in.words, platform, status);
            auto it =
                std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == what; });
            if (it == groups.end())
                groups.push_back({what, {run.as_of}});
            else
                it->second.push_back(run.as_of);
        }
    std::vector<std::string> because;
    for (const auto& [what, times] : groups)
        because.push_back(
            fmt::format("the run{} on {} {}", times.size() == 1 ? "" : "s", days_text(times, tz), what));
    if (because.empty())
        because.push_back(c.previous_run ? fmt::format("no report ran between {} and this one",
                                                       core::format_local(*c.previous_run, tz))
                                         : std::string("earlier runs did not check it"));
    std::string text =
        fmt::format("This report covers {} to {}, not only the usual {}, because {}.",
                    core::format_local(w.since, tz), core::format_local(w.until, tz),
                    span_text(std::chrono::duration_cast<std::chrono::seconds>(w.until - c.nominal_since)),
                    list_text(because));
    text += in.score.complete
        ? " Everything in that period was checked."
        : " What could be read of that period was checked; the rest follows at the next run.";
    if (c.skipped_since)
        text +=
            fmt::format(" Anything from {} to {} was not checked: that is more than the {} frr reaches back "
                        "(checks.max_catch_up).",
                        core::format_local(*c.skipped_since, tz), core::format_local(w.since, tz),
                        span_text(std::chrono::duration_cast<std::chrono::seconds>(w.until - w.since)));
    return text;
}

}  // namespace frr::report::detail

namespace frr::report::detail {

// "What we could not check": one line per platform that was not read in full,
// in plain words (the raw errors are in the technical appendix), then the
// checks that could not run, grouped by why, then the checks' notes.
std::vector<CoverageLine> build_coverage(const ReportInput& in, const Cleaner& clean)
{
    std::vector<CoverageLine> out;
    const auto tz = !in.checks.timezone.empty() ? in.checks.timezone
        : in.timezone.empty()                   ? "UTC"
                                                : in.timezone;
    for (const auto& [platform, value] : in.checks.coverage) {
        if (value == model::Coverage::complete)
            continue;
        const auto name = platform_label(in.words, platform);
        const auto found = in.manifest.platforms.find(platform);
        const model::PlatformManifest* p = found == in.manifest.platforms.end() ? nullptr : &found->second;
        std::vector<std::string> unread;
        for (const auto& [id, d] : in.checks.datasets)
            if (d.platform == platform && d.coverage.status != model::Coverage::complete)
                unread.push_back(model::dataset_label(id));
        // Which permissions are missing is in the operator's copy (technical appendix).
        const std::string scopes = p && !p->missing_scopes.empty()
            ? "frr lacks some permissions it needs to read " + name +
                "; ask whoever manages the app connection to grant them"
            : std::string();
        if (value == model::Coverage::paused) {
            std::string why = "monitoring is paused after repeated failures";
            if (p && p->failed_runs > 0)
                why = fmt::format("monitoring is paused after {} failed runs in a row", p->failed_runs);
            if (p && p->next_attempt)
                why += fmt::format("; the next attempt is the run due around {}",
                                   core::format_local(*p->next_attempt, tz));
            out.push_back({name + " was skipped", why});
        } else if (value == model::Coverage::unavailable) {
            out.push_back({scopes.empty() ? name + " could not be reached" : name + " refused access",
                           scopes.empty()
                               ? "it did not answer, even after several attempts; the next run tries again"
                               : scopes});
        } else {
            std::vector<std::string> why;
            if (!unread.empty())
                why.push_back(fmt::format("its {} could not be read in full; the next run reads them again",
                                          list_text(unread)));
            if (!scopes.empty())
                why.push_back(scopes);
            out.push_back({"Only part of the " + name + " data could be read",
                           why.empty() ? std::string("some requests failed even after several attempts")
                                       : join(why, "; ")});
        }
    }
    for (const auto& note : in.checks.coverage_notes)
        out.push_back({"Note", clean(note)});
    // The checks that could not run, one line per reason rather than one per check: all of
    // those that need a platform that did not answer (or was paused) share one line.
    std::vector<std::pair<std::string, std::vector<std::string>>> groups;
    for (const auto& f : in.checks.indicators) {
        if (f.status != checks::Status::unknown)
            continue;
        // The check's own summary is technical (it names datasets and statuses); the client
        // reads why in words, and the operator's copy keeps the summaries.
        std::string why =
            "the data it needs could not be read in full this time; the next run checks it again";
        std::vector<std::string> down;
        bool only_down = !f.needs.empty();
        for (const auto& id : f.needs)
            for (const auto& [dataset, d] : in.checks.datasets)
                if (dataset == id && d.coverage.status != model::Coverage::complete) {
                    const auto status = in.checks.coverage.find(d.platform);
                    if (status != in.checks.coverage.end() &&
                        (status->second == model::Coverage::unavailable ||
                         status->second == model::Coverage::paused)) {
                        if (std::find(down.begin(), down.end(), d.platform) == down.end())
                            down.push_back(d.platform);
                    } else {
                        only_down = false;
                    }
                }
        if (only_down && !down.empty()) {
            std::vector<std::string> names;
            for (const auto& d : down)
                names.push_back(platform_label(in.words, d));
            why = fmt::format("they need {}'s data, which could not be read this time", list_text(names));
        }
        auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == why; });
        auto title = lower_first(clean(f.title.empty() ? f.id : f.title));
        if (it == groups.end())
            groups.push_back({why, {std::move(title)}});
        else
            it->second.push_back(std::move(title));
    }
    for (auto& [why, titles] : groups) {
        if (titles.size() == 1 && why.starts_with("they need"))
            why = "it needs" + why.substr(9);
        out.push_back({"Not checked: " + list_text(titles), why});
    }
    // Checks this pair of platforms cannot have (a dataset the connector does not offer):
    // one line per reason, so the client knows they were left out on purpose.
    std::vector<std::pair<std::string, std::vector<std::string>>> left_out;
    for (const auto& f : in.checks.indicators) {
        if (f.status != checks::Status::not_applicable)
            continue;
        std::vector<std::string> reasons;
        for (const auto& id : f.needs)
            if (const auto d = in.checks.datasets.find(id); d != in.checks.datasets.end() &&
                !d->second.coverage.not_offered.empty() &&
                std::find(reasons.begin(), reasons.end(), d->second.coverage.not_offered) == reasons.end())
                reasons.push_back(d->second.coverage.not_offered);
        const auto why = list_text(reasons);
        auto it =
            std::find_if(left_out.begin(), left_out.end(), [&](const auto& g) { return g.first == why; });
        auto title = lower_first(clean(f.title.empty() ? f.id : f.title));
        if (it == left_out.end())
            left_out.push_back({why, {std::move(title)}});
        else
            it->second.push_back(std::move(title));
    }
    for (const auto& [why, titles] : left_out)
        out.push_back({"Not applicable to this store: " + list_text(titles), clean(why)});
    return out;
}

}  // namespace frr::report::detail
