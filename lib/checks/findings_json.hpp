#pragma once
// checks.json: CONTRACTS.md section 5, extended with per indicator `title`,
// `value`, `weight`, `examples`, `impact`, `counts`, `changes{new,persisting,
// resolved}` and `affected[].detail`, and top-level `store{name,timezone}`,
// `exclusions[{reason,count}]` and `coverage_notes[]`. The same text is
// `frr check --format json`.
#include "checks/findings.hpp"

#include <string>
#include <string_view>

namespace frr::checks {

std::string to_json(const Findings& findings);
// Throws core::Error(bad_input) naming `where` (a path) for malformed JSON or
// a missing required field (run_id, as_of, indicators[].id).
Findings findings_from_json(std::string_view json, const std::string& where);

}  // namespace frr::checks
