#pragma once
// Cursor pagination over a StoreIndex view: binary search to the cursor and
// to the time bounds the search query puts on the sort key, then a scan
// that stops at the first page size + 1 matches.
#include <algorithm>
#include <functional>
#include <optional>
#include <vector>

#include "cursor.hpp"
#include "search_query.hpp"
#include "store_index.hpp"

namespace frr::sim::shopify {

struct PageRequest {
    Collection collection = Collection::Orders;
    SortKey sort_key = SortKey::Id;
    bool reverse = false;
    bool from_end = false;  // `last` given instead of `first`
    int size = 0;
    std::optional<CursorPosition> after;
    std::optional<CursorPosition> before;
    TimeBounds bounds;  // on the sort key's value
};

struct Page {
    std::vector<Index> items;  // in response order
    bool has_next = false;
    bool has_previous = false;
};

// `matches(Index)` says whether a record is visible and passes the filter.
Page fetch_page(const StoreIndex& index, const PageRequest& request,
                const std::function<bool(Index)>& matches);

// Counts matches up to `limit` (nullopt: no limit); returns {count, reached_limit}.
std::pair<std::size_t, bool> count_matches(const StoreIndex& index, Collection collection, SortKey sort_key,
                                           const TimeBounds& bounds, std::optional<std::size_t> limit,
                                           const std::function<bool(Index)>& matches);

}  // namespace frr::sim::shopify
