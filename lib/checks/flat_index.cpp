#include "checks/flat_index.hpp"

#include <functional>
#include <limits>
#include <stdexcept>

namespace frr::checks {

namespace {

// Load factor at most 1/2 keeps linear probes short.
std::size_t capacity_for(std::size_t n)
{
    std::size_t capacity = 16;
    while (capacity < 2 * n)
        capacity *= 2;
    return capacity;
}

std::size_t hash_of(std::string_view key)
{
    return std::hash<std::string_view>{}(key);
}

// A slot holds its entry number + 1 in the low half and the upper half of the key's hash as a
// tag: a probe past another key is told apart by the tag, without reading that key's text (a
// cache miss into the records for each probe).
std::uint32_t tag_of(std::size_t hash)
{
    return static_cast<std::uint32_t>(static_cast<std::uint64_t>(hash) >> 32);
}

std::uint64_t slot_value(std::size_t entry, std::size_t hash)
{
    return (static_cast<std::uint64_t>(tag_of(hash)) << 32) | static_cast<std::uint64_t>(entry + 1);
}

std::size_t entry_of(std::uint64_t slot)
{
    return static_cast<std::size_t>(slot & 0xFFFF'FFFFU) - 1;
}

}  // namespace

void FlatIndex::reserve(std::size_t n)
{
    m_entries.reserve(n);
    if (m_slots.size() < capacity_for(n)) {
        m_slots.assign(capacity_for(n), 0);
        for (std::size_t e = 0; e < m_entries.size(); ++e) {
            const auto hash = hash_of(m_entries[e].key());
            m_slots[slot_of(m_entries[e].key(), hash)] = slot_value(e, hash);
        }
    }
}

void FlatIndex::grow()
{
    reserve(m_entries.size() < 8 ? 8 : m_entries.size() * 2);
}

std::size_t FlatIndex::slot_of(std::string_view key, std::size_t hash) const
{
    const std::size_t mask = m_slots.size() - 1;
    const auto tag = tag_of(hash);
    std::size_t slot = hash & mask;
    for (auto s = m_slots[slot]; s != 0; s = m_slots[slot]) {
        if (static_cast<std::uint32_t>(s >> 32) == tag && m_entries[entry_of(s)].key() == key)
            break;
        slot = (slot + 1) & mask;
    }
    return slot;
}

void FlatIndex::insert(std::string_view key, std::uint32_t position)
{
    if (key.size() > std::numeric_limits<std::uint32_t>::max())
        throw std::length_error("FlatIndex: a key of 4 GiB or more");
    if (m_slots.empty() || 2 * (m_entries.size() + 1) > m_slots.size())
        grow();
    const auto hash = hash_of(key);
    const auto slot = slot_of(key, hash);
    if (m_slots[slot] != 0)
        return;
    m_entries.push_back({key.data(), static_cast<std::uint32_t>(key.size()), position});
    m_slots[slot] = slot_value(m_entries.size() - 1, hash);
}

std::optional<std::uint32_t> FlatIndex::find(std::string_view key) const
{
    if (m_slots.empty())
        return std::nullopt;
    const auto slot = slot_of(key, hash_of(key));
    if (m_slots[slot] == 0)
        return std::nullopt;
    return m_entries[entry_of(m_slots[slot])].position;
}

}  // namespace frr::checks
