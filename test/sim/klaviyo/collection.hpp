// The JSON:API collection document: `data`, `links.self/next/prev` (absolute, built from the
// request's Host so they lead back to this server; `null` at either end), optional `included`.
#pragma once

#include <functional>
#include <string>

#include "api.hpp"
#include "json.hpp"
#include "pager.hpp"
#include "request.hpp"

namespace frr::sim::klaviyo {

using ItemWriter = std::function<void(JsonWriter&, std::uint32_t)>;
using IncludedWriter = std::function<void(JsonWriter&)>;

std::string collection_document(const ApiRequest& request, const PageSlice& slice,
                                const ItemWriter& write_item, const IncludedWriter& write_included = {});

// The page size to serve: the injected `short_page` fault halves it (the next link stays).
std::size_t served_page_size(const HandlerEnv& env, int requested);

// Microsecond instant of a store time, for comparing with filter literals.
inline Instant instant_of(Time t)
{
    return std::chrono::time_point_cast<std::chrono::microseconds>(t);
}

// Whether `t` satisfies a comparison condition (greater-than etc.) against a datetime literal.
bool compare_time(FilterOp op, Time t, Instant bound);

// True when a string condition (`equals` with a scalar or list, or `any`) holds for `value`.
bool string_matches(const FilterCondition& condition, std::string_view value);

}  // namespace frr::sim::klaviyo
