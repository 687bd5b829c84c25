#pragma once
// An open-addressing index from a string key to a record position: O(1)
// joins over millions of records (orders by id, profiles by email hash)
// without one heap node per record, so 1,000,000 keys cost ~32 MB.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace frr::checks {

class FlatIndex {
public:
    // Keeps the first position of a repeated key (emplace semantics). Keys are
    // views: the records they point into must outlive the index. At most
    // 2^32 - 2 positions, and keys shorter than 4 GiB.
    void reserve(std::size_t n);
    void insert(std::string_view key, std::uint32_t position);
    std::optional<std::uint32_t> find(std::string_view key) const;
    std::size_t size() const { return m_entries.size(); }

private:
    // A key and its position side by side: a look-up reads one entry, not two arrays (each a
    // cache miss at a million keys).
    struct Entry {
        const char* data;
        std::uint32_t size;
        std::uint32_t position;
        std::string_view key() const { return {data, size}; }
    };
    void grow();
    std::size_t slot_of(std::string_view key, std::size_t hash) const;

    std::vector<std::uint64_t> m_slots;  // entry number + 1 and a hash tag; 0 = empty
    std::vector<Entry> m_entries;
};

}  // namespace frr::checks
