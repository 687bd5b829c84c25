#pragma once
// An open-addressing index from a string key to a record position: O(1)
// joins over millions of records (orders by id, profiles by email hash)
// without one heap node per record, so 1,000,000 keys cost ~36 MB.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace frr::checks {

class FlatIndex {
public:
    // Keeps the first position of a repeated key (emplace semantics). Keys are
    // views: the records they point into must outlive the index. At most
    // 2^32 - 2 positions.
    void reserve(std::size_t n);
    void insert(std::string_view key, std::uint32_t position);
    std::optional<std::uint32_t> find(std::string_view key) const;
    std::size_t size() const { return m_keys.size(); }

private:
    void grow();
    std::size_t slot_of(std::string_view key, std::size_t hash) const;

    std::vector<std::uint64_t> m_slots;      // entry number + 1 and a hash tag; 0 = empty
    std::vector<std::string_view> m_keys;    // per entry
    std::vector<std::uint32_t> m_positions;  // per entry
};

}  // namespace frr::checks
