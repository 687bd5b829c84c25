#include "pager.hpp"

namespace frr::sim::shopify {

namespace {

struct Range {
    std::size_t lo = 0;
    std::size_t hi = 0;
};

class View {
public:
    View(const StoreIndex& index, Collection collection, SortKey key)
        : m_index(index),
          m_collection(collection),
          m_key(key),
          m_items(index.sorted(collection, key))
    {
    }

    std::size_t size() const { return m_items.size(); }
    Index at(std::size_t position) const { return m_items[position]; }

    // First position whose (value, id) is >= (value, id) (or > when `strict`).
    std::size_t bound(std::int64_t value, std::int64_t id, bool strict) const
    {
        auto it = std::partition_point(m_items.begin(), m_items.end(), [&](Index i) {
            std::int64_t v = m_index.sort_value(m_collection, m_key, i);
            std::int64_t d = m_index.id(m_collection, i);
            if (v != value)
                return v < value;
            return strict ? d <= id : d < id;
        });
        return static_cast<std::size_t>(it - m_items.begin());
    }
    std::size_t value_bound(std::int64_t value) const
    {
        auto it = std::partition_point(m_items.begin(), m_items.end(), [&](Index i) {
            return m_index.sort_value(m_collection, m_key, i) < value;
        });
        return static_cast<std::size_t>(it - m_items.begin());
    }

    Range range(const TimeBounds& bounds) const
    {
        Range r{0, size()};
        if (bounds.lower)
            r.lo = value_bound(*bounds.lower);
        if (bounds.upper)
            r.hi = std::max(r.lo, value_bound(*bounds.upper));
        return r;
    }

private:
    const StoreIndex& m_index;
    Collection m_collection;
    SortKey m_key;
    std::span<const Index> m_items;
};

// Collects up to `wanted` matches walking [lo, hi) upward or downward.
std::vector<Index> collect(const View& view, Range r, bool ascending, std::size_t wanted,
                           const std::function<bool(Index)>& matches)
{
    std::vector<Index> out;
    if (ascending) {
        for (std::size_t p = r.lo; p < r.hi && out.size() < wanted; ++p) {
            if (matches(view.at(p)))
                out.push_back(view.at(p));
        }
    } else {
        for (std::size_t p = r.hi; p > r.lo && out.size() < wanted; --p) {
            if (matches(view.at(p - 1)))
                out.push_back(view.at(p - 1));
        }
    }
    return out;
}

}  // namespace

Page fetch_page(const StoreIndex& index, const PageRequest& request,
                const std::function<bool(Index)>& matches)
{
    View view(index, request.collection, request.sort_key);
    const Range all = view.range(request.bounds);
    Range r = all;
    // In ascending storage order, `after` moves the start up unless the
    // connection is reversed, where it moves the end down; `before` mirrors it.
    if (request.after) {
        std::size_t p = view.bound(request.after->value, request.after->id, !request.reverse);
        if (request.reverse)
            r.hi = std::min(r.hi, p);
        else
            r.lo = std::max(r.lo, p);
    }
    if (request.before) {
        std::size_t p = view.bound(request.before->value, request.before->id, request.reverse);
        if (request.reverse)
            r.lo = std::max(r.lo, p);
        else
            r.hi = std::min(r.hi, p);
    }
    r.hi = std::max(r.hi, r.lo);
    const bool ascending = request.reverse == request.from_end;
    std::size_t size = static_cast<std::size_t>(std::max(request.size, 0));
    Page page;
    page.items = collect(view, r, ascending, size + 1, matches);
    bool more = page.items.size() > size;
    if (more)
        page.items.pop_back();
    // Whether anything lies beyond the range on the cursor's side.
    Range below{all.lo, r.lo};
    Range above{r.hi, all.hi};
    bool beyond_start = !collect(view, ascending ? below : above, !ascending, 1, matches).empty();
    bool beyond_end_cursor = request.from_end ? request.before.has_value() : request.after.has_value();
    if (request.from_end) {
        std::reverse(page.items.begin(), page.items.end());
        page.has_previous = more;
        page.has_next = beyond_end_cursor && beyond_start;
    } else {
        page.has_next = more;
        page.has_previous = beyond_end_cursor && beyond_start;
    }
    return page;
}

std::pair<std::size_t, bool> count_matches(const StoreIndex& index, Collection collection, SortKey sort_key,
                                           const TimeBounds& bounds, std::optional<std::size_t> limit,
                                           const std::function<bool(Index)>& matches)
{
    View view(index, collection, sort_key);
    Range r = view.range(bounds);
    std::size_t count = 0;
    for (std::size_t p = r.lo; p < r.hi; ++p) {
        if (!matches(view.at(p)))
            continue;
        if (limit && count >= *limit)
            return {count, true};
        ++count;
    }
    return {count, false};
}

}  // namespace frr::sim::shopify
