#pragma once
// Sorted views of the store's collections for every supported sort key,
// built once at registration, so a page is a binary search plus a short
// scan (never a full scan per page). Each view lists record indices by
// (sort value, id) ascending; the store already holds several of them.
#include <cstdint>
#include <span>
#include <vector>

#include "../store.hpp"

namespace frr::sim::shopify {

enum class Collection { Orders, Customers, Checkouts, Products };
enum class SortKey { Id, CreatedAt, UpdatedAt, ProcessedAt };

class StoreIndex {
public:
    explicit StoreIndex(const Store& store);

    // Empty span when the collection has no such sort key.
    std::span<const Index> sorted(Collection collection, SortKey key) const;
    std::int64_t sort_value(Collection collection, SortKey key, Index index) const;
    std::int64_t id(Collection collection, Index index) const;
    std::size_t size(Collection collection) const;
    const Store& store() const { return m_store; }

private:
    const Store& m_store;
    std::vector<Index> m_identity;  // 0..max(size)-1, shared by the by-id views
    std::vector<Index> m_customers_by_created;
    std::vector<Index> m_checkouts_by_created;
    std::vector<Index> m_products_by_id;
    std::vector<Index> m_products_by_created;
    std::vector<Index> m_products_by_updated;
};

}  // namespace frr::sim::shopify
