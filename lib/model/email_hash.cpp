#include "model/email_hash.hpp"

#include <cstring>

namespace frr::model {

namespace {

constexpr char k_hex[] = "0123456789abcdef";

// 0-15 for a lowercase hex digit, else 0xFF (uppercase would not be written back as it was read).
constexpr std::array<unsigned char, 256> k_hex_value = [] {
    std::array<unsigned char, 256> table{};
    table.fill(0xFF);
    for (int c = '0'; c <= '9'; ++c)
        table[static_cast<std::size_t>(c)] = static_cast<unsigned char>(c - '0');
    for (int c = 'a'; c <= 'f'; ++c)
        table[static_cast<std::size_t>(c)] = static_cast<unsigned char>(c - 'a' + 10);
    return table;
}();

}  // namespace

EmailHash::EmailHash(std::string_view text)
{
    if (text.empty())
        return;
    if (text.size() == 2 * k_bytes) {
        unsigned bad = 0;
        for (std::size_t i = 0; i < k_bytes; ++i) {
            const unsigned hi = k_hex_value[static_cast<unsigned char>(text[2 * i])];
            const unsigned lo = k_hex_value[static_cast<unsigned char>(text[2 * i + 1])];
            bad |= hi | lo;
            m_data[i] = static_cast<unsigned char>((hi << 4) | (lo & 0xF));
        }
        if ((bad & 0xF0) == 0) {
            m_data[k_bytes] = static_cast<unsigned char>(Kind::bytes);
            return;
        }
        m_data = {};
    }
    auto* s = new std::string(text);
    s->push_back(static_cast<char>(Kind::text));
    std::memcpy(m_data.data(), &s, sizeof s);
    m_data[k_bytes] = static_cast<unsigned char>(Kind::text);
}

EmailHash::EmailHash(const EmailHash& other)
{
    if (other.kind() == Kind::text) {
        auto* s = new std::string(*other.heap());
        std::memcpy(m_data.data(), &s, sizeof s);
        m_data[k_bytes] = static_cast<unsigned char>(Kind::text);
    } else {
        m_data = other.m_data;
    }
}

EmailHash::EmailHash(EmailHash&& other) noexcept
{
    take(other);
}

EmailHash& EmailHash::operator=(const EmailHash& other)
{
    if (this != &other) {
        EmailHash copy(other);
        clear();
        take(copy);
    }
    return *this;
}

EmailHash& EmailHash::operator=(EmailHash&& other) noexcept
{
    if (this != &other) {
        clear();
        take(other);
    }
    return *this;
}

EmailHash::~EmailHash()
{
    clear();
}

void EmailHash::clear()
{
    if (kind() == Kind::text)
        delete heap();
    m_data = {};
}

void EmailHash::take(EmailHash& other) noexcept
{
    m_data = other.m_data;
    other.m_data = {};
}

std::string* EmailHash::heap() const
{
    std::string* s = nullptr;
    std::memcpy(&s, m_data.data(), sizeof s);
    return s;
}

std::string EmailHash::str() const
{
    std::array<char, 64> buffer;
    return std::string(text(buffer));
}

std::string_view EmailHash::text(std::array<char, 64>& buffer) const
{
    switch (kind()) {
    case Kind::empty: return {};
    case Kind::bytes:
        for (std::size_t i = 0; i < k_bytes; ++i) {
            buffer[2 * i] = k_hex[m_data[i] >> 4];
            buffer[2 * i + 1] = k_hex[m_data[i] & 0xF];
        }
        return {buffer.data(), buffer.size()};
    case Kind::text: {
        const std::string_view s = *heap();
        return s.substr(0, s.size() - 1);
    }
    }
    return {};
}

std::string_view EmailHash::key() const
{
    switch (kind()) {
    case Kind::empty: return {};
    case Kind::bytes: return {reinterpret_cast<const char*>(m_data.data()), m_data.size()};
    case Kind::text: return *heap();
    }
    return {};
}

}  // namespace frr::model
