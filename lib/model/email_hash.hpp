#pragma once
// A record's keyed email hash (EmailHasher::hash): HMAC-SHA256 as 64 lowercase hex digits in the
// snapshot and wherever it is shown, held as its 32 bytes. A std::string of it cost its 32 bytes
// plus an 80-byte heap block, for each of millions of orders, customers and profiles. Any other
// text (empty, hand-written or older snapshots, tests) is kept as it is, so every hash reads back,
// compares and is written as the same text.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace frr::model {

class EmailHash {
public:
    EmailHash() = default;
    EmailHash(std::string_view text);  // NOLINT(google-explicit-constructor): assigned from text
    EmailHash(const std::string& text) : EmailHash(std::string_view(text)) { }
    EmailHash(const char* text) : EmailHash(std::string_view(text)) { }
    EmailHash(const EmailHash& other);
    EmailHash(EmailHash&& other) noexcept;
    EmailHash& operator=(const EmailHash& other);
    EmailHash& operator=(EmailHash&& other) noexcept;
    ~EmailHash();

    bool empty() const { return kind() == Kind::empty; }
    void clear();
    // The text it was made from.
    std::string str() const;
    // The text, in `buffer` for a hash held as bytes; the view lives as long as both.
    std::string_view text(std::array<char, 64>& buffer) const;
    // Equal for equal texts and different otherwise (not the text itself): for indexes and sets
    // of views over the records. Lives as long as this object, unmoved.
    std::string_view key() const;

    friend bool operator==(const EmailHash& a, const EmailHash& b) { return a.key() == b.key(); }

private:
    enum class Kind : unsigned char { empty, bytes, text };
    static constexpr std::size_t k_bytes = 32;
    Kind kind() const { return static_cast<Kind>(m_data[k_bytes]); }
    std::string* heap() const;  // Kind::text: the text followed by its kind byte
    void take(EmailHash& other) noexcept;

    // bytes: the hash's 32 bytes, then the kind (key() views all 33); text: a std::string* at
    // the start (aligned, so leak checkers see it), then the kind at the end; empty: all zero.
    alignas(std::string*) std::array<unsigned char, k_bytes + 1> m_data{};
};

}  // namespace frr::model
