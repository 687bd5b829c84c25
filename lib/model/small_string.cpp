#include "model/small_string.hpp"

#include <cstring>
#include <limits>
#include <stdexcept>

namespace frr::model {

SmallString::SmallString(std::string_view text)
{
    set(text);
}

SmallString::SmallString(SmallString&& other) noexcept
{
    std::memcpy(m_bytes, other.m_bytes, sizeof m_bytes);
    other.m_bytes[0] = '\0';
    other.m_bytes[k_inline] = static_cast<char>(k_inline);
}

SmallString& SmallString::operator=(const SmallString& other)
{
    if (this != &other) {
        release();
        set(other.view());
    }
    return *this;
}

SmallString& SmallString::operator=(SmallString&& other) noexcept
{
    if (this != &other) {
        release();
        std::memcpy(m_bytes, other.m_bytes, sizeof m_bytes);
        other.m_bytes[0] = '\0';
        other.m_bytes[k_inline] = static_cast<char>(k_inline);
    }
    return *this;
}

SmallString& SmallString::assign(std::string_view text)
{
    if (on_heap() && text.data() >= heap_data() && text.data() <= heap_data() + heap_size())
        return *this = SmallString(text);  // a part of its own text: copied before it is freed
    release();
    set(text);
    return *this;
}

void SmallString::clear() noexcept
{
    release();
    m_bytes[0] = '\0';
    m_bytes[k_inline] = static_cast<char>(k_inline);
}

// Frees its heap block, if any, and leaves it empty (so an allocation that throws after it
// leaves a valid object).
void SmallString::release() noexcept
{
    if (on_heap()) {
        delete[] heap_data();
        m_bytes[0] = '\0';
        m_bytes[k_inline] = static_cast<char>(k_inline);
    }
}

void SmallString::set(std::string_view text)
{
    if (text.size() <= k_inline) {
        if (!text.empty())                                    // an empty view's data() may be null
            std::memmove(m_bytes, text.data(), text.size());  // may be a part of its own inline text
        m_bytes[text.size()] = '\0';
        m_bytes[k_inline] = static_cast<char>(k_inline - text.size());
        return;
    }
    if (text.size() > std::numeric_limits<std::uint32_t>::max())
        throw std::length_error("SmallString: text longer than 4 GiB");
    auto* block = new char[text.size() + 1];
    std::memcpy(block, text.data(), text.size());
    block[text.size()] = '\0';
    const auto size = static_cast<std::uint32_t>(text.size());
    std::memcpy(m_bytes, &block, sizeof block);
    std::memcpy(m_bytes + sizeof block, &size, sizeof size);
    m_bytes[k_inline] = static_cast<char>(k_heap_tag);
}

}  // namespace frr::model
