#pragma once
// The report's view model: everything the templates show, already worded for
// a non-technical reader, ordered, masked and formatted in the store's time
// zone. Templates only lay it out; they never compute. The JSON report is
// this model serialised (report_json.hpp), so integrations see the same facts.
#include "checks/findings.hpp"
#include "checks/health_score.hpp"
#include "model/snapshot.hpp"
#include "model/vocabulary.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace frr::core {
class Redactor;
}

namespace frr::report {

// One indicator's score in a run, for the trend.
using checks::IndicatorScore;

// One earlier run's score.json, for trends and "since the last report".
struct HistoryPoint {
    std::string run_id;
    core::TimePoint as_of{};
    int score = 0;
    std::string status;
    std::vector<IndicatorScore> indicators;
    std::vector<std::string> paused;  // platforms paused by their circuit breaker in that run
    bool scored = true;               // false: nothing was scored (a gap in the trend, not a zero)
};

// What the report is built from: the checks layer's findings and score and the
// run's manifest, in memory within `frr run`, read from the run directory by `frr report`.
struct ReportInput {
    checks::Findings checks;
    checks::HealthScore score;
    model::Manifest manifest;
    std::vector<HistoryPoint> history;  // earlier runs only, oldest first
    std::string store_name;             // fallback when checks.json has none
    std::string timezone;               // fallback when checks.json and manifest have none
    std::chrono::seconds schedule_interval{24 * 3600};
    const core::Redactor* redactor = nullptr;  // scrubs every input text when set
    bool show_masked_emails = false;           // client copy lists affected customers' masked e-mails
    model::Vocabulary words;                   // the integration pair's names for people
};

struct IssueView {
    int rank = 0;
    std::string id;
    std::string title;
    std::string status;        // warn | critical
    std::string status_label;  // "WARNING", "CRITICAL"
    std::string colour;        // hex, for inline CSS
    std::string headline;      // "14 orders missing in Klaviyo"
    std::string summary;
    std::string impact;
    std::string action;
    std::string score_text;             // "62/100"
    std::vector<std::string> examples;  // client-safe: order numbers, dates, masked e-mails if configured
    std::string more_text;              // "and 9 more" or ""
    std::string list_note;              // client: where the list of affected customers is, or ""
    std::size_t affected_count = 0;
    double points = 0;             // score points this issue costs (its deduction, plus the cap it caused)
    std::int64_t money_minor = 0;  // at stake, store currency
    std::int64_t customers = 0;    // customers affected
    bool estimated = false;
    std::string money_text;  // "£312.40", "about £20,340", "" when no money
    std::string cost_text;   // "£312.40 at stake, 6 customers affected"
    // Operator's copy only: every affected key with its kind ("order_missing_event #1043"), capped.
    std::vector<std::string> keys;
    std::string keys_more;  // "and 120 more in checks.json" or ""
};

struct ChangeLine {
    std::string indicator;
    std::string text;  // "3 orders missing in Klaviyo: #1050, #1051, #1052"
};

struct ChangesView {
    bool first_report = true;
    std::string score_change;  // "Score 54, down 31 from 85 on 26 Nov 2026 06:00 GMT."
    std::vector<ChangeLine> added;
    std::vector<ChangeLine> persisting;
    std::vector<ChangeLine> resolved;
    bool empty() const { return added.empty() && persisting.empty() && resolved.empty(); }
};

struct TrendRow {
    std::string date;  // store-local
    int score = 0;
    bool scored = true;  // false: nothing was scored that run (shown as a gap, not a zero)
    std::string status;
    std::string colour;
    int bar_percent = 0;  // 0-100, width of the HTML bar
    bool current = false;
};

struct IndicatorTrend {
    std::string title;
    std::string sparkline;  // Unicode block characters, oldest first
    std::string latest;     // "62" or "n/a"
};

struct TrendView {
    std::string score_sparkline;
    std::string range_text;  // "12 reports from 16 Nov 2026 to 27 Nov 2026"
    std::vector<TrendRow> rows;
    std::vector<IndicatorTrend> indicators;
};

struct CoverageLine {
    std::string what;
    std::string why;
};

struct PlatformStatsView {
    std::string name;
    std::string status;
    std::string counts_text;  // "orders 120, customers 80"
    std::int64_t requests = 0;
    std::int64_t retries = 0;
    std::int64_t throttled = 0;
    std::string wait_text;  // "3.2 s"
    std::string breaker;
    std::string errors_text;
};

struct AppendixIndicator {
    std::string id;
    std::string title;
    std::string status;
    std::string score_text;
    std::string value;
    std::string weight_text;
    std::string counts_text;
};

struct AppendixView {
    std::string run_id;
    std::string window_text;
    std::string confidence;
    std::string coverage;
    std::vector<PlatformStatsView> platforms;
    std::vector<std::string> exclusions;  // "3 test orders (reason)"
    std::vector<std::string> deductions;  // "order_sync: -24 points (reason)"
    std::vector<AppendixIndicator> indicators;
};

// "Your automated emails": each live flow (and each switched off since the last report) with
// what triggers it, the triggers Shopify recorded against those that reached Klaviyo, the
// emails it sent and a plain verdict. Flows the client never built are not listed.
struct FlowRow {
    std::string name;
    std::string trigger;        // "when someone starts a checkout"
    std::string triggers_text;  // "212 in Shopify, 198 reached Klaviyo" or "not counted"
    std::string sent_text;      // "emailed 143 times" / "nothing sent" / "not read"
    std::string verdict;        // working | switched_off | silent | starved | not_checked
    std::string verdict_label;  // "Working", "Switched off", "Not sending", "Missing triggers", "Not checked"
    std::string verdict_text;
    std::string colour;
    bool problem = false;
};

struct AutomatedEmailsView {
    std::string intro;  // one sentence over all rows
    std::vector<FlowRow> rows;
    bool empty() const { return rows.empty(); }
};

struct ReportView {
    std::string run_id;
    std::string store_name;
    std::string source_name;       // the pair for people: "Shopify"
    std::string destination_name;  // "Klaviyo"
    std::string timezone;
    core::TimePoint as_of{};
    std::string as_of_local;  // "27 Nov 2026 06:00 GMT"
    std::string window_text;  // "26 Nov 2026 06:00 GMT to 27 Nov 2026 06:00 GMT"
    std::string status;       // ok | warn | critical | incomplete (unknown: older score files)
    std::string status_label;
    std::string colour;
    int score = 0;
    bool has_score = true;      // false: nothing that reads data could be checked, no score at all
    std::string score_note;     // "over 78% of the checks" when part could not be checked, else ""
    std::string verdict;        // one sentence
    std::string headline;       // the money at stake and the top issue, or a healthy phrase
    std::string at_stake_text;  // "about £20,650" (every finding's money, counted once), "" when none
    std::int64_t at_stake_minor = 0;
    std::string currency;         // the store's (ISO 4217)
    std::string confidence_text;  // how sure the verdict is, in words
    bool no_orders = false;       // no order was placed in the period: nothing judged order by order
    std::vector<std::string> operator_notes;  // operator's copy: coverage notes and raw platform errors
    std::string money_basis_text;             // operator's copy: currency, average order, typical day
    std::string subject;  // "[frr] CRITICAL 54/100 — My store: 14 orders missing in Klaviyo"
    ChangesView changes;
    std::vector<IssueView> issues;  // ranked by business impact, highest first
    AutomatedEmailsView automated_emails;
    TrendView trend;
    std::vector<CoverageLine> coverage;   // empty when everything was checked
    std::optional<std::string> gap_note;  // the catch-up note, or a missed-report note
    std::string gap_title;                // "Catch-up." or "Missed report."
    AppendixView appendix;
    // Every affected key per indicator, for the JSON report's integrations.
    std::vector<std::pair<std::string, std::vector<checks::Affected>>> affected;
};

// Builds the view model. Pure: no I/O, no clock. Every text taken from the
// inputs is scrubbed by the redactor (when set) and has any e-mail address in
// it masked ("j***@example.com").
ReportView build_view(const ReportInput& input);

// The headline noun phrase for `count` items of a CONTRACTS.md section 4 kind:
// (3, "order_missing_event") -> "3 orders missing in Klaviyo".
std::string describe_count(const model::Vocabulary& words, std::size_t count, const std::string& kind,
                           const std::string& fallback_title);
// "HEALTHY", "WARNING", "CRITICAL", "INCOMPLETE", "PAUSED", "UNKNOWN".
std::string status_label(const std::string& status);
std::string status_colour(const std::string& status);
// "about £20" -> "About £20"
std::string upper_first(std::string text);
// Masks every e-mail address inside free text.
std::string mask_emails_in(std::string_view text);

}  // namespace frr::report
