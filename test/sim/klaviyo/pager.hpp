// Key-based paging over a sorted index vector (api/klaviyo.md §9.8): the cursor holds the
// position of the last (or first) record served, so a resumed page is a binary search, and
// records that become visible later never shift pages or repeat.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "cursor.hpp"

namespace frr::sim::klaviyo {

// A record's place in an order: (number, text, id), compared lexicographically.
struct OrderKey {
    std::int64_t number = 0;
    std::string_view text;
    std::string_view id;
    auto operator<=>(const OrderKey&) const = default;
};

inline OrderKey key_of(const CursorPosition& p)
{
    return OrderKey{p.number, p.text, p.id};
}
inline CursorPosition position_of(const OrderKey& k)
{
    return CursorPosition{k.number, std::string(k.text), std::string(k.id)};
}

struct PageSlice {
    std::vector<std::uint32_t> items;           // record indices in served order
    std::optional<CursorPosition> next_after;   // set when more accepted records follow
    std::optional<CursorPosition> prev_before;  // set when accepted records precede
};

// `order` is ascending by `key(record)`; `descending` serves it back to front. `accept` is the
// residual filter (visibility, conditions the order cannot narrow). Work is O(log n) plus the
// records scanned for one page and one look-ahead each way.
template <typename KeyFn, typename AcceptFn>
PageSlice page_sorted(std::span<const std::uint32_t> order, KeyFn key, AcceptFn accept, bool descending,
                      const std::optional<Cursor>& cursor, std::size_t page_size)
{
    const std::size_t n = order.size();
    auto at = [&](std::size_t logical) { return order[descending ? n - 1 - logical : logical]; };
    // Logical order: ascending keys, or descending ones when serving back to front.
    auto before = [&](const OrderKey& a, const OrderKey& b) { return descending ? b < a : a < b; };
    // First logical position whose key is not `before` the bound (strict: not <= the bound).
    auto partition = [&](const OrderKey& bound, bool strictly_after) {
        std::size_t lo = 0;
        std::size_t hi = n;
        while (lo < hi) {
            const std::size_t mid = lo + (hi - lo) / 2;
            const OrderKey k = key(at(mid));
            const bool left = strictly_after ? !before(bound, k) : before(k, bound);
            if (left) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    };

    PageSlice slice;
    if (cursor && cursor->direction == CursorDirection::before) {
        // Walk backwards from the bound, then serve in forward order.
        std::size_t pos = partition(key_of(cursor->position), false);
        std::vector<std::uint32_t> reversed;
        while (pos > 0 && reversed.size() < page_size) {
            --pos;
            if (accept(at(pos))) {
                reversed.push_back(static_cast<std::uint32_t>(descending ? n - 1 - pos : pos));
            }
        }
        slice.items.assign(reversed.rbegin(), reversed.rend());
    } else {
        std::size_t pos = cursor ? partition(key_of(cursor->position), true) : 0;
        while (pos < n && slice.items.size() < page_size) {
            if (accept(at(pos))) {
                slice.items.push_back(static_cast<std::uint32_t>(descending ? n - 1 - pos : pos));
            }
            ++pos;
        }
    }
    // items currently hold physical positions in `order`; look around, then map to records.
    if (!slice.items.empty()) {
        const std::size_t last_logical = descending ? n - 1 - slice.items.back() : slice.items.back();
        for (std::size_t pos = last_logical + 1; pos < n; ++pos) {
            if (accept(at(pos))) {
                slice.next_after = position_of(key(order[slice.items.back()]));
                break;
            }
        }
        const std::size_t first_logical = descending ? n - 1 - slice.items.front() : slice.items.front();
        for (std::size_t pos = first_logical; pos > 0; --pos) {
            if (accept(at(pos - 1))) {
                slice.prev_before = position_of(key(order[slice.items.front()]));
                break;
            }
        }
    }
    for (auto& item : slice.items) {
        item = order[item];
    }
    return slice;
}

}  // namespace frr::sim::klaviyo
