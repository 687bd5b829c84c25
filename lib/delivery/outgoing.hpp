#pragma once
// A rendered report as the delivery channels see it: the files `report`
// wrote into a run directory, plus the reports it stands in for.
#include "core/clock.hpp"
#include "core/state_dir.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace frr::delivery {

// An older report that was never delivered on a channel and is folded into a
// newer one instead of being sent on its own (the client wants the latest state).
struct MissedReport {
    std::string report_id;
    std::string as_of_local;
    std::string status;  // ok | warn | critical | unknown
    int score = 0;
    std::string subject;
    std::size_t not_checked = 0;  // coverage gaps ("what we could not check"); 0 = full coverage
};

struct OutgoingReport {
    std::string report_id;  // the run id: one report per run
    std::filesystem::path run_dir;
    std::string subject;
    std::string status;
    int score = 0;
    std::string as_of_local;
    std::string text;
    std::string html;
    std::string markdown;
    std::string json;
    std::string operator_text;  // the operator's copy ("" for a run rendered before it existed)
    std::string operator_html;
    std::string operator_markdown;
    std::string store;  // the store's name, from report.json
    std::vector<MissedReport> missed;

    // One plain sentence about `missed`, "" when none.
    std::string missed_note() const;
    // The text and HTML bodies with the missed-report note placed first.
    std::string text_with_note() const { return with_note_text(text); }
    std::string html_with_note() const { return with_note_html(html); }
    // The same for any body of this report (the operator's copy).
    std::string with_note_text(const std::string& body) const;
    std::string with_note_html(const std::string& body) const;
};

// True when the run directory holds a complete report (report.json is written last).
bool has_report(const core::RunInfo& run);
// Reads report.{txt,html,md,json}; throws Error(bad_input) naming a missing or unreadable file.
OutgoingReport load_outgoing(const core::RunInfo& run);
// The short facts of a report (for the missed list), from report.json only.
MissedReport summarise(const core::RunInfo& run);

}  // namespace frr::delivery
