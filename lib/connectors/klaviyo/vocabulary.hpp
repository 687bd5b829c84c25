#pragma once
// Klaviyo's words as the destination of an integration pair (model/vocabulary.hpp).
#include "model/vocabulary.hpp"

#include <string>

namespace frr::connectors::klaviyo {

// For Klaviyo fed by its integration with the source platform `source_key`, which people call
// `source_name` ("shopify", "Shopify").
model::Vocabulary vocabulary(const std::string& source_key, const std::string& source_name);

}  // namespace frr::connectors::klaviyo
