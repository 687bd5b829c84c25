#pragma once
// The health score: 0-100 from the weighted indicator scores, capped when an
// indicator is critical, with every deduction itemised and the data coverage
// beside it (docs/health-model.md "Score").
#include "checks/findings.hpp"
#include "core/config.hpp"
#include "core/error.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace frr::checks {

// full: every dataset complete and every indicator judged; reduced: some
// data missing or partial; none: no indicator that reads data could be judged.
enum class Confidence { full, reduced, none };
const char* to_string(Confidence c);

struct Deduction {
    std::string indicator;  // indicator id, or "cap"
    int points = 0;         // positive: points taken off
    std::string reason;     // plain words
    std::string cause;      // for "cap": the critical indicator that caused it
};

// Points a finding's money costs the score: 1 point per 1% of a typical day's
// revenue at stake, at most k_money_points_cap (docs/health-model.md "Money
// at stake"). 0 for money another finding already counts (in_total false),
// and when the run saw no order to measure a day's revenue by.
inline constexpr int k_money_points_cap = 50;
int money_points(const AtStake& at_stake, const MoneyBasis& basis);

struct HealthScore {
    int score = 100;  // over the judged indicators only; meaningless when !scored
    Status status = Status::ok;
    Confidence confidence = Confidence::full;
    // At least one indicator that reads data was judged: the score means something.
    bool scored = true;
    // Every dataset was read completely and no indicator is unknown.
    bool complete = true;
    // Share of the data indicators' weight that was judged, 0-100.
    int checked_percent = 100;
    std::vector<Deduction> deductions;
};

// The run's verdict as one word: "ok", "warn", "critical", or "incomplete" when
// something could not be checked and nothing that was checked is wrong. An
// outage is never critical: it is a gap in what was checked, not a defect.
const char* verdict_name(const HealthScore& score);

// score = 100 - sum of deductions. Each judged indicator i deducts the larger
// of w_i / sum(w_judged) * (100 - score_i) points, rounded, and its money
// points (money_points), at least 1 when the indicator is not ok; `unknown` indicators are left out of the
// weighting (and lower the confidence): the score is over what was checked. A critical indicator caps the
// score at score_critical_below - 1 (59 by default). The status is the worse of the score's band
// (score_warn_below, score_critical_below) and the worst indicator.
HealthScore compute_score(const Findings& findings, const core::ChecksConfig& config);

// "−12: 14 orders in the window never reached Klaviyo as Placed Order."
std::string describe(const Deduction& d);

// CONTRACTS.md section 1 for check and score: 4 when a platform was paused,
// 3 when one was partial or unavailable, else 2/1/0 from the health status.
core::ExitCode exit_code_for(const Findings& findings, const HealthScore& score);

// score.json: {"run_id","as_of","score" (null when nothing was scored),"status"
// (verdict_name),"scored","complete","confidence","checked_percent","coverage",
// "deductions":[{"indicator","points","reason"}],"indicators":[{"id","title",
// "score" (null when unknown),"weight","status"}]}
std::string score_json(const Findings& findings, const HealthScore& score);
// One indicator's line of score.json.
struct IndicatorScore {
    std::string id;
    std::string title;
    std::optional<double> score;  // absent when not judged
    double weight = 0;
    std::string status;
};

// score.json read back whole: by `frr report`, which starts from the files, and
// for the trend of earlier runs.
struct ScoreFile {
    std::string run_id;
    std::optional<core::TimePoint> as_of;
    std::string verdict;  // "status" as written (verdict_name); "unknown" when an older file lacks it
    HealthScore score;
    std::map<std::string, model::Coverage> coverage;  // by platform
    std::vector<IndicatorScore> indicators;
};

// Lenient about what older files lack: "scored" (scored when there is a score),
// "complete" (true), "checked_percent", "status", and a confidence word other than
// full/reduced/none (derived from scored and complete). Throws
// core::Error(bad_input) naming `where` for malformed JSON or a wrong type.
ScoreFile score_from_json(std::string_view json, const std::string& where);

}  // namespace frr::checks
