// The lookup indices routes page on (Store::*_by_*). Each is a pure function of records that are
// final when it is built, and each sort key is a total order (ties broken by index), so the
// result does not depend on the sort algorithm: generate_store builds them on helper threads
// beside the sequential, seeded part of generation without changing a byte of the world.
#include <algorithm>
#include <cstring>

#include "generator.hpp"
#include "radix_sort.hpp"

namespace frr::sim {

namespace {

// Indices sorted by (time, index) via a flat key array (cache-friendly at 1M records); the
// identity when the records are already in that order (orders by processedAt usually are).
template <typename Vec, typename Key> std::vector<Index> index_by_time(const Vec& v, Key key)
{
    std::vector<std::pair<std::int64_t, Index>> keys(v.size());
    for (Index i = 0; i < keys.size(); ++i)
        keys[i] = {key(v[i]).time_since_epoch().count(), i};
    // Built in index order, so a stable sort on the time alone equals std::sort on the pairs.
    if (!std::is_sorted(keys.begin(), keys.end()))
        radix_sort(keys, [](const auto& k) { return k.first; });
    std::vector<Index> idx(v.size());
    for (std::size_t i = 0; i < keys.size(); ++i)
        idx[i] = keys[i].second;
    return idx;
}

// The first 8 bytes of `s` as a big-endian integer, zero-padded: comparing two of these orders
// the strings exactly as their first 8 bytes do (a proper prefix first), so only strings with
// the same 8-byte key need a full comparison.
std::uint64_t prefix_key(std::string_view s, std::size_t offset)
{
    unsigned char bytes[8] = {};
    if (offset < s.size())
        std::memcpy(bytes, s.data() + offset, std::min<std::size_t>(8, s.size() - offset));
    std::uint64_t key = 0;
    for (unsigned char b : bytes)
        key = key << 8 | b;
    return key;
}

// Profiles by (email, index), the order of std::sort over (email, index) pairs. Three 8-byte
// prefix keys decide almost every comparison without touching the strings (generated emails
// share long "first.last" prefixes); ties fall back to the full string.
std::vector<Index> index_by_email(const std::vector<Profile>& profiles)
{
    struct Entry {
        std::uint64_t key[3];
        Index index;
    };
    std::vector<Entry> entries(profiles.size());
    for (Index i = 0; i < entries.size(); ++i) {
        const std::string& e = profiles[i].email;
        entries[i] = {{prefix_key(e, 0), prefix_key(e, 8), prefix_key(e, 16)}, i};
    }
    std::sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
        for (int k = 0; k < 3; ++k)
            if (a.key[k] != b.key[k])
                return a.key[k] < b.key[k];
        int c = std::string_view(profiles[a.index].email).compare(profiles[b.index].email);
        return c != 0 ? c < 0 : a.index < b.index;
    });
    std::vector<Index> idx(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i)
        idx[i] = entries[i].index;
    return idx;
}

}  // namespace

void build_shopify_indices(Store& s)
{
    s.customers_by_updated = index_by_time(s.customers, [](const Customer& c) { return c.updated_at; });
    s.orders_by_updated = index_by_time(s.orders, [](const Order& o) { return o.updated_at; });
    s.orders_by_processed = index_by_time(s.orders, [](const Order& o) { return o.processed_at; });
}

void build_profile_indices(Store& s)
{
    s.profiles_by_updated = index_by_time(s.profiles, [](const Profile& p) { return p.updated_at; });
    s.profiles_by_email = index_by_email(s.profiles);
    // Addresses Klaviyo holds in another spelling than their identity (upper case, spaces, non-ASCII).
    s.profile_identity_aliases.clear();
    for (Index i = 0; i < s.profiles.size(); ++i) {
        const std::string& e = s.profiles[i].email;
        const bool plain = std::all_of(e.begin(), e.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x80 && !(c >= 'A' && c <= 'Z') && c != ' ' && c != '\t';
        });
        if (plain)
            continue;
        std::string identity = normalise_email(e);
        if (identity != e)
            s.profile_identity_aliases.emplace_back(std::move(identity), i);
    }
    std::sort(s.profile_identity_aliases.begin(), s.profile_identity_aliases.end());
}

}  // namespace frr::sim
