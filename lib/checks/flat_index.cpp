#include "checks/flat_index.hpp"

#include <functional>

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

}  // namespace

void FlatIndex::reserve(std::size_t n)
{
    m_keys.reserve(n);
    m_positions.reserve(n);
    if (m_slots.size() < capacity_for(n)) {
        m_slots.assign(capacity_for(n), 0);
        for (std::size_t e = 0; e < m_keys.size(); ++e)
            m_slots[slot_of(m_keys[e])] = static_cast<std::uint32_t>(e + 1);
    }
}

void FlatIndex::grow()
{
    reserve(m_keys.size() < 8 ? 8 : m_keys.size() * 2);
}

std::size_t FlatIndex::slot_of(std::string_view key) const
{
    const std::size_t mask = m_slots.size() - 1;
    std::size_t slot = std::hash<std::string_view>{}(key)&mask;
    while (m_slots[slot] != 0 && m_keys[m_slots[slot] - 1] != key)
        slot = (slot + 1) & mask;
    return slot;
}

void FlatIndex::insert(std::string_view key, std::uint32_t position)
{
    if (m_slots.empty() || 2 * (m_keys.size() + 1) > m_slots.size())
        grow();
    const auto slot = slot_of(key);
    if (m_slots[slot] != 0)
        return;
    m_keys.push_back(key);
    m_positions.push_back(position);
    m_slots[slot] = static_cast<std::uint32_t>(m_keys.size());
}

std::optional<std::uint32_t> FlatIndex::find(std::string_view key) const
{
    if (m_slots.empty())
        return std::nullopt;
    const auto slot = slot_of(key);
    if (m_slots[slot] == 0)
        return std::nullopt;
    return m_positions[m_slots[slot] - 1];
}

}  // namespace frr::checks
