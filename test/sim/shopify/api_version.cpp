#include "api_version.hpp"

#include <algorithm>
#include <cctype>

namespace frr::sim::shopify {

namespace {
constexpr int k_unstable_rank = 999999;
}

ApiVersion ApiVersion::parse(std::string_view handle)
{
    ApiVersion version;
    version.m_handle = std::string(handle);
    if (handle == "unstable") {
        version.m_rank = k_unstable_rank;
        return version;
    }
    if (handle.size() != 7 || handle[4] != '-')
        return version;
    int rank = 0;
    for (std::size_t i = 0; i < handle.size(); ++i) {
        if (i == 4)
            continue;
        if (!std::isdigit(static_cast<unsigned char>(handle[i])))
            return version;
        rank = rank * 10 + (handle[i] - '0');
    }
    int month = rank % 100;
    if (month < 1 || month > 12)
        return version;
    version.m_rank = rank;
    return version;
}

std::vector<std::string> default_supported_versions()
{
    return {"2025-01", "2025-04", "2025-07", "2025-10", "2026-01",
            "2026-04", "2026-07", "2026-10", "unstable"};
}

ApiVersion serving_version(std::string_view requested, const std::vector<std::string>& supported)
{
    const std::vector<std::string> fallback = default_supported_versions();
    const std::vector<std::string>& list = supported.empty() ? fallback : supported;
    if (std::find(list.begin(), list.end(), requested) != list.end()) {
        ApiVersion version = ApiVersion::parse(requested);
        if (version.valid())
            return version;
    }
    ApiVersion oldest;
    for (const auto& handle : list) {
        ApiVersion candidate = ApiVersion::parse(handle);
        if (!candidate.valid() || handle == "unstable")
            continue;
        if (!oldest.valid() || candidate.rank() < oldest.rank())
            oldest = candidate;
    }
    return oldest.valid() ? oldest : ApiVersion::parse(fallback.front());
}

}  // namespace frr::sim::shopify
