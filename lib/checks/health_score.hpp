#pragma once
// The health score: 0-100 from the weighted indicator scores, capped when an
// indicator is critical, with every deduction itemised and the data coverage
// beside it (docs/health-model.md "Score").
#include "checks/findings.hpp"
#include "core/config.hpp"
#include "core/error.hpp"

#include <string>
#include <vector>

namespace frr::checks {

// full: every platform complete and every indicator judged; reduced: some
// data missing or partial; none: nothing could be judged.
enum class Confidence { full, reduced, none };
const char* to_string(Confidence c);

struct Deduction {
    std::string indicator;  // indicator id, or "cap"
    int points = 0;         // positive: points taken off
    std::string reason;     // plain words
};

struct HealthScore {
    int score = 100;
    Status status = Status::ok;
    Confidence confidence = Confidence::full;
    std::vector<Deduction> deductions;
};

// score = 100 - sum of deductions. Each judged indicator i deducts
// w_i / sum(w_judged) * (100 - score_i) points, rounded, at least 1 when the
// indicator is not ok; `unknown` indicators are left out of the weighting
// (and lower the confidence). A critical indicator caps the score at
// score_critical_below - 1 (59 by default). The status is the worse of the
// score's band (score_warn_below, score_critical_below) and the worst indicator.
HealthScore compute_score(const Findings& findings, const core::ChecksConfig& config);

// "−12: 14 orders in the window never reached Klaviyo as Placed Order."
std::string describe(const Deduction& d);

// CONTRACTS.md section 1 for check and score: 4 when a platform was paused,
// 3 when one was partial or unavailable, else 2/1/0 from the health status.
core::ExitCode exit_code_for(const Findings& findings, const HealthScore& score);

// score.json: {"run_id","as_of","score","status","confidence","coverage",
// "deductions":[{"indicator","points","reason"}],"indicators":[{"id","title",
// "score","weight","status"}]}
std::string score_json(const Findings& findings, const HealthScore& score);

}  // namespace frr::checks
