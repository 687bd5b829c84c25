// "Your automated emails": the client's flows as the checks summarised them (checks.json
// "flows"). Problems first, in the order of their verdict's weight, then the flows that work.
#include "report/view_builder_detail.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace frr::report::detail {

namespace {

struct VerdictStyle {
    const char* verdict;
    const char* label;
    const char* status;  // for the colour
    int rank;            // problems first
};

const VerdictStyle k_styles[] = {
    {"switched_off", "Switched off", "critical", 0}, {"silent", "Not sending", "critical", 1},
    {"starved", "Missing triggers", "warn", 2},      {"working", "Working", "ok", 3},
    {"not_checked", "Not checked", "unknown", 4},
};

const VerdictStyle& style_of(const std::string& verdict)
{
    for (const auto& s : k_styles)
        if (verdict == s.verdict)
            return s;
    return k_styles[4];
}

std::string triggers_text(const model::Vocabulary& words, const checks::FlowSummary& f)
{
    if (!f.source_triggers || !f.reached)
        return "not counted by frr";
    if (*f.reached == *f.source_triggers)
        return fmt::format("{} in {}, all reached {}", *f.source_triggers, words.source, words.destination);
    return fmt::format("{} in {}, {} reached {}", *f.source_triggers, words.source, *f.reached,
                       words.destination);
}

std::string sent_text(const checks::FlowSummary& f)
{
    if (!f.recipients)
        return "not read";
    if (*f.recipients == 0)
        return "nothing sent";
    return fmt::format("{} {} sent", *f.recipients, *f.recipients == 1 ? "email" : "emails");
}

}  // namespace

AutomatedEmailsView build_automated_emails(const ReportInput& in, const Cleaner& clean)
{
    AutomatedEmailsView v;
    for (const auto& f : in.checks.flows) {
        const auto& style = style_of(f.verdict);
        FlowRow row;
        row.name = clean(f.name);
        row.trigger = clean(f.trigger);
        row.triggers_text = triggers_text(in.words, f);
        row.sent_text = sent_text(f);
        row.verdict = style.verdict;
        row.verdict_label = style.label;
        row.verdict_text = clean(f.verdict_text);
        row.colour = status_colour(style.status);
        row.problem = style.rank < 3;
        v.rows.push_back(std::move(row));
    }
    std::stable_sort(v.rows.begin(), v.rows.end(), [](const FlowRow& a, const FlowRow& b) {
        return style_of(a.verdict).rank < style_of(b.verdict).rank;
    });
    if (v.rows.empty())
        return v;
    const auto problems =
        std::count_if(v.rows.begin(), v.rows.end(), [](const FlowRow& r) { return r.problem; });
    const auto n = v.rows.size();
    v.intro = problems == 0
        ? fmt::format("Your {} automated {} working: every trigger we could count reached {} and {} sending.",
                      n, n == 1 ? "email is" : "emails are", in.words.destination,
                      n == 1 ? "it is" : "they are")
        : fmt::format("{} of your {} automated {} need{} attention (counts cover the period checked).",
                      problems, n, n == 1 ? "email" : "emails", problems == 1 ? "s" : "");
    return v;
}

}  // namespace frr::report::detail
