#include "base64.hpp"

#include <openssl/evp.h>

namespace frr::sim {

std::string base64_encode(std::string_view bytes)
{
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int written =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                        reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(written));
    return out;
}

std::optional<std::string> base64_decode(std::string_view text)
{
    if (text.empty() || text.size() % 4 != 0)
        return std::nullopt;
    std::string out(3 * (text.size() / 4) + 1, '\0');
    const int written =
        EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                        reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (written < 0)
        return std::nullopt;
    // EVP_DecodeBlock counts padding bytes as zeros; drop one per trailing '=' (at most two).
    std::size_t length = static_cast<std::size_t>(written);
    for (std::size_t i = text.size(); i > 0 && i + 2 >= text.size() && text[i - 1] == '='; --i)
        --length;
    out.resize(length);
    return out;
}

}  // namespace frr::sim
