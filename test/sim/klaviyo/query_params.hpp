// Query-parameter validation of the Klaviyo operations (query_params.cpp has the tables).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "endpoints.hpp"
#include "revision.hpp"

namespace frr::sim::klaviyo {

// One query parameter of an operation; `values` lists the members an array parameter may take
// (empty: any value, checked by the handler).
struct QueryParam {
    std::string_view name;
    std::vector<std::string_view> values;
};

std::vector<QueryParam> query_params(Endpoint endpoint);

// Whether the operation takes `page[size]` at a revision (events from 2026-01-15, lists and
// segments from 2026-04-15, metrics never: it is not in query_params).
bool page_size_at_revision(Endpoint endpoint, Revision revision);

// 400 `invalid` (source.parameter) for a parameter the operation lacks at the revision, or a
// fields[...]/additional-fields[...]/include member outside its enum.
void validate_query(Endpoint endpoint, Revision revision,
                    const std::multimap<std::string, std::string>& params);

}  // namespace frr::sim::klaviyo
