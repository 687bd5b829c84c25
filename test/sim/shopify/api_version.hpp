#pragma once
// Admin API versions: "YYYY-MM" stables plus "unstable". A request for an
// unsupported or unknown version falls forward to the oldest supported
// stable version (api/shopify.md section 1); the served version is what
// X-Shopify-API-Version reports and what gates version-specific fields.
#include <string>
#include <string_view>
#include <vector>

namespace frr::sim::shopify {

class ApiVersion {
public:
    ApiVersion() = default;
    // "2025-04" -> 202504; "unstable" sorts after every stable.
    static ApiVersion parse(std::string_view handle);
    const std::string& handle() const { return m_handle; }
    bool at_least(std::string_view handle) const { return m_rank >= parse(handle).m_rank; }
    bool valid() const { return m_rank > 0; }
    int rank() const { return m_rank; }

private:
    std::string m_handle;
    int m_rank = 0;
};

// Versions served when the store lists none (a 2026-11 view of the world).
std::vector<std::string> default_supported_versions();

// The version that serves a request for `requested`, given the supported list.
ApiVersion serving_version(std::string_view requested, const std::vector<std::string>& supported);

}  // namespace frr::sim::shopify
