#pragma once
// The answer key: every defect a correct checker sees at `now`, computed from the data by the
// rules of docs/sync-semantics.md (not echoed from the scenario), in the vocabulary of
// CONTRACTS.md section 4. Also the ground truth counts fetch tests compare against.
#include <string>
#include <vector>

#include "generator.hpp"
#include "sim_context.hpp"
#include "store.hpp"

namespace frr::sim {

struct Defect {
    std::string kind;
    std::string key;
    std::string detail_json;  // a compact JSON object with the facts the defect depends on
};

// Sorted by (kind, key).
std::vector<Defect> compute_answer_key(const Store& store, Time now, const AnswerKeyConfig& config);
// {"scenario","seed","as_of","window":{since,until,judge_before},"defects":[{kind,key,detail}]}
std::string answer_key_json(const Store& store, Time now, const AnswerKeyConfig& config);
// Counts per dataset for records in [since, until) as visible at `now`.
std::string ground_truth_json(const Store& store, Time now, Time since, Time until);

// The flow-trigger and flow kinds (answer_key_flows.cpp), appended to `out`.
void flow_trigger_defects(const Store& store, Time now, const AnswerKeyConfig& config,
                          std::vector<Defect>& out);

// Poisson lower tail P(X <= k) for mean `lambda`.
double poisson_lower_tail(std::uint64_t k, double lambda);

}  // namespace frr::sim
