#pragma once
// The Shopify → Klaviyo pair's words (model::Vocabulary), for the tests of layers that do not link
// the connectors (checks, report). connectors_test holds it equal to what
// connectors::vocabulary gives for that pair.
#include "model/vocabulary.hpp"

namespace frr::test {

inline const model::Vocabulary k_pair_words{"shopify",
                                            "klaviyo",
                                            "Shopify",
                                            "Klaviyo",
                                            "the Shopify integration in Klaviyo",
                                            "Integrations > Shopify",
                                            "Sync your Shopify email subscribers to Klaviyo",
                                            "klaviyo.subscriber_list"};

}  // namespace frr::test
