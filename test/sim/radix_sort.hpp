#pragma once
// A stable LSD radix sort on a 64-bit integer key, for the million-element time sorts of
// generation. Stable, so elements with equal keys keep their input order: sorting values gives
// exactly std::sort's result, and sorting (key, index) pairs built in index order gives exactly
// std::sort's result on the pairs. Only as many 11-bit passes as the key range needs (a store's
// times span a few years of seconds: 3 passes).
#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace frr::sim {

template <typename T, typename Key> void radix_sort(std::vector<T>& v, Key key)
{
    if (v.size() < 2)
        return;
    std::int64_t lo = key(v[0]);
    std::int64_t hi = lo;
    for (const T& x : v) {
        lo = std::min(lo, key(x));
        hi = std::max(hi, key(x));
    }
    const auto range = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
    if (range == 0)
        return;
    constexpr int k_bits = 11;
    constexpr std::size_t k_buckets = std::size_t{1} << k_bits;
    std::vector<T> buffer(v.size());
    std::vector<T>* from = &v;
    std::vector<T>* to = &buffer;
    for (int shift = 0; shift < 64 && (range >> shift) != 0; shift += k_bits) {
        auto digit = [&](const T& x) {
            return static_cast<std::size_t>(
                ((static_cast<std::uint64_t>(key(x)) - static_cast<std::uint64_t>(lo)) >> shift) &
                (k_buckets - 1));
        };
        std::array<std::size_t, k_buckets> start{};
        for (const T& x : *from)
            ++start[digit(x)];
        std::size_t sum = 0;
        for (std::size_t& s : start)
            sum += std::exchange(s, sum);
        for (const T& x : *from)
            (*to)[start[digit(x)]++] = x;
        std::swap(from, to);
    }
    if (from != &v)
        v.swap(buffer);
}

}  // namespace frr::sim
