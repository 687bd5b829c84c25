#include "connectors/connector.hpp"

#include <algorithm>

namespace frr::connectors {

bool eligible(const model::Order& order, const std::vector<std::string>& exclude_channels)
{
    return !order.test && !order.email_hash.empty() &&
        std::find(exclude_channels.begin(), exclude_channels.end(), order.source_name) ==
        exclude_channels.end();
}

}  // namespace frr::connectors
