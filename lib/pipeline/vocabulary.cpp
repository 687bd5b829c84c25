#include "pipeline/vocabulary.hpp"

#include "connectors/klaviyo/vocabulary.hpp"

namespace frr::pipeline {

model::Vocabulary pair_vocabulary()
{
    // The one pair frr has: its destination words its source's integration.
    return connectors::klaviyo::vocabulary("shopify", "Shopify");
}

}  // namespace frr::pipeline
