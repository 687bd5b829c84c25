#pragma once
// HMAC-SHA256 (OpenSSL): keyed hashes of emails in snapshots, webhook signatures.
#include <string>
#include <string_view>

namespace frr::core {

std::string hmac_sha256(std::string_view key, std::string_view data);  // raw 32 bytes
std::string hex(std::string_view bytes);
std::string hmac_sha256_hex(std::string_view key, std::string_view data);
std::string base64(std::string_view bytes);

}  // namespace frr::core
