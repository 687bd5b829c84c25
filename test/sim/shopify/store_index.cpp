#include "store_index.hpp"

#include <algorithm>
#include <numeric>

namespace frr::sim::shopify {

namespace {

std::int64_t seconds(Time t)
{
    return t.time_since_epoch().count();
}

template <class Record, class Key> std::vector<Index> sorted_by(const std::vector<Record>& records, Key key)
{
    std::vector<Index> out(records.size());
    std::iota(out.begin(), out.end(), Index{0});
    auto less = [&](Index a, Index b) {
        auto ka = key(records[a]);
        auto kb = key(records[b]);
        return ka != kb ? ka < kb : records[a].id < records[b].id;
    };
    // Generated customers and checkouts are stored in createdAt order already: then the
    // identity is the answer, without a million-element sort at start-up.
    if (!std::is_sorted(out.begin(), out.end(), less))
        std::stable_sort(out.begin(), out.end(), less);
    return out;
}

}  // namespace

StoreIndex::StoreIndex(const Store& store) : m_store(store)
{
    std::size_t largest = std::max({store.orders.size(), store.customers.size(), store.checkouts.size()});
    m_identity.resize(largest);
    std::iota(m_identity.begin(), m_identity.end(), Index{0});
    m_customers_by_created =
        sorted_by(store.customers, [](const Customer& c) { return seconds(c.created_at); });
    m_checkouts_by_created =
        sorted_by(store.checkouts, [](const AbandonedCheckout& c) { return seconds(c.created_at); });
    m_products_by_id = sorted_by(store.products, [](const Product&) { return 0; });
    m_products_by_created = sorted_by(store.products, [](const Product& p) { return seconds(p.created_at); });
    m_products_by_updated = sorted_by(store.products, [](const Product& p) { return seconds(p.updated_at); });
}

std::size_t StoreIndex::size(Collection collection) const
{
    switch (collection) {
    case Collection::Orders: return m_store.orders.size();
    case Collection::Customers: return m_store.customers.size();
    case Collection::Checkouts: return m_store.checkouts.size();
    case Collection::Products: return m_store.products.size();
    }
    return 0;
}

std::span<const Index> StoreIndex::sorted(Collection collection, SortKey key) const
{
    std::span<const Index> identity(m_identity.data(), size(collection));
    switch (collection) {
    case Collection::Orders:
        // Orders are stored by id, which ascends with createdAt.
        if (key == SortKey::Id || key == SortKey::CreatedAt)
            return identity;
        if (key == SortKey::UpdatedAt)
            return m_store.orders_by_updated;
        return m_store.orders_by_processed;
    case Collection::Customers:
        if (key == SortKey::Id)
            return identity;
        if (key == SortKey::CreatedAt)
            return m_customers_by_created;
        if (key == SortKey::UpdatedAt)
            return m_store.customers_by_updated;
        return {};
    case Collection::Checkouts:
        if (key == SortKey::Id)
            return identity;
        if (key == SortKey::CreatedAt)
            return m_checkouts_by_created;
        return {};
    case Collection::Products:
        if (key == SortKey::Id)
            return m_products_by_id;
        if (key == SortKey::CreatedAt)
            return m_products_by_created;
        if (key == SortKey::UpdatedAt)
            return m_products_by_updated;
        return {};
    }
    return {};
}

std::int64_t StoreIndex::id(Collection collection, Index index) const
{
    switch (collection) {
    case Collection::Orders: return m_store.orders[index].id;
    case Collection::Customers: return m_store.customers[index].id;
    case Collection::Checkouts: return m_store.checkouts[index].id;
    case Collection::Products: return m_store.products[index].id;
    }
    return 0;
}

std::int64_t StoreIndex::sort_value(Collection collection, SortKey key, Index index) const
{
    if (key == SortKey::Id)
        return id(collection, index);
    switch (collection) {
    case Collection::Orders: {
        const Order& o = m_store.orders[index];
        if (key == SortKey::CreatedAt)
            return seconds(o.created_at);
        if (key == SortKey::UpdatedAt)
            return seconds(o.updated_at);
        return seconds(o.processed_at);
    }
    case Collection::Customers: {
        const Customer& c = m_store.customers[index];
        return seconds(key == SortKey::CreatedAt ? c.created_at : c.updated_at);
    }
    case Collection::Checkouts: {
        const AbandonedCheckout& c = m_store.checkouts[index];
        return seconds(key == SortKey::CreatedAt ? c.created_at : c.updated_at);
    }
    case Collection::Products: {
        const Product& p = m_store.products[index];
        return seconds(key == SortKey::CreatedAt ? p.created_at : p.updated_at);
    }
    }
    return 0;
}

}  // namespace frr::sim::shopify
