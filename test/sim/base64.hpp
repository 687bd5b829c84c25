#pragma once
// Standard base64 (RFC 4648, with padding) through OpenSSL, for both APIs' opaque cursors and
// Klaviyo's Basic credentials: one codec for the simulator.
#include <optional>
#include <string>
#include <string_view>

namespace frr::sim {

std::string base64_encode(std::string_view bytes);
// nullopt for anything that is not whole padded base64 (empty text included).
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace frr::sim
