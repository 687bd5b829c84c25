#include "core/hmac.hpp"

#include "core/error.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace frr::core {

std::string hmac_sha256(std::string_view key, std::string_view data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
             reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &len) == nullptr)
        throw Error(ExitCode::internal, "HMAC-SHA256 failed", "OpenSSL");
    return std::string(reinterpret_cast<const char*>(out), len);
}

std::string hex(std::string_view bytes)
{
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out += k_digits[c >> 4];
        out += k_digits[c & 0xf];
    }
    return out;
}

std::string hmac_sha256_hex(std::string_view key, std::string_view data)
{
    return hex(hmac_sha256(key, data));
}

std::string base64(std::string_view bytes)
{
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    int n =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                        reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

}  // namespace frr::core
