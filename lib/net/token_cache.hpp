#pragma once
// The token cache file of one platform's refresh-token grant: the newest
// (rotated) refresh token and the current access token, so the next run starts
// from them. A secret file: written 0600 through core::atomic_write and refused
// (core::Error config) when group or others may read it.
//
// The cache also remembers a SHA-256 of the refresh token the user configured
// when the cache was started. When the configured token changes (the user
// re-authorised the app), the cache is stale and is ignored.
#include "core/clock.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace frr::net {

struct CachedTokens {
    std::string refresh_token;
    std::string seed_sha256;  // SHA-256 of the configured refresh token it descends from
    std::string access_token;
    std::optional<core::TimePoint> access_expires_at;
};

// nullopt when the file does not exist. Throws core::Error(config) when the file
// is readable by others, core::Error(bad_input) when it is not a token cache.
std::optional<CachedTokens> load_token_cache(const std::filesystem::path& path);
// Atomic, mode 0600. Throws core::Error(cannot_write).
void save_token_cache(const std::filesystem::path& path, const CachedTokens& tokens);

}  // namespace frr::net
