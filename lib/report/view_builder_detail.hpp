#pragma once
// Internal to build_view: the helpers its section builders share.
#include "report/view.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace frr::report::detail {

// Scrubs secrets (when a redactor is set) and masks e-mail addresses.
class Cleaner {
public:
    explicit Cleaner(const core::Redactor* redactor) : m_redactor(redactor) { }
    std::string operator()(std::string_view text) const;

private:
    const core::Redactor* m_redactor;
};

int severity(const std::string& status);
bool is_order_kind(const std::string& kind);
std::pair<std::string, std::size_t> main_kind(const std::vector<checks::Affected>& items);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
std::vector<std::string> example_keys(const std::vector<checks::Affected>& items, const Cleaner& clean);

// The run's window: the findings', else the manifest's.
struct Window {
    core::TimePoint since{};
    core::TimePoint until{};
};
Window window_of(const ReportInput& in);

// A change list's "kind key" labels (checks/findings.hpp Changes) as affected items;
// a bare key takes `default_kind`.
std::vector<checks::Affected> change_items(const std::vector<std::string>& labels,
                                           const std::string& default_kind);

// The pair's names for people ("Shopify", "Klaviyo") of the manifest's platform keys; another key as it is.
std::string platform_label(const model::Vocabulary& words, const std::string& name);

// A run that could not check everything (a dataset not read in full): the
// headline and the verdict sentence saying what could not be checked and why,
// what was checked, and when the rest will be. nullopt when everything was checked.
struct IncompleteText {
    std::string headline;
    std::string verdict;
};
std::optional<IncompleteText> incomplete_text(const ReportInput& in, const ReportView& view);

// The circuit breaker's two notices and the catch-up note (view_coverage.cpp).
struct Notice {
    std::string headline;  // for the subject line
    std::string text;      // the notice itself, plain sentences
};
// A platform was skipped (paused) in this run: since when (the first failed
// run), what is not checked, what still works, the next attempt. Not a score.
std::optional<Notice> paused_notice(const ReportInput& in, const ReportView& view);
// This run ended an episode whose paused notice went out: which period it now checks.
std::optional<Notice> recovered_notice(const ReportInput& in, const ReportView& view);
// The window reaches back over what earlier runs could not check: which period and why.
std::optional<std::string> catch_up_note(const ReportInput& in, const ReportView& view);

ChangesView build_changes(const ReportInput& in, const ReportView& view, const Cleaner& clean);
TrendView build_trend(const ReportInput& in, const ReportView& view);
std::vector<CoverageLine> build_coverage(const ReportInput& in, const Cleaner& clean);
std::optional<std::string> build_gap_note(const ReportInput& in, const ReportView& view);
AppendixView build_appendix(const ReportInput& in, const ReportView& view, const Cleaner& clean);
// "Your automated emails" (view_flows.cpp).
AutomatedEmailsView build_automated_emails(const ReportInput& in, const Cleaner& clean);

}  // namespace frr::report::detail
