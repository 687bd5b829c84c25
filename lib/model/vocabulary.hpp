#pragma once
// The words of one integration pair, so that the checks and the report name no
// platform themselves: the pair's connectors supply them (for Shopify → Klaviyo,
// connectors/klaviyo/vocabulary.cpp), and every finding's text is written with them.
#include <string>

namespace frr::model {

struct Vocabulary {
    std::string source_key;       // the source's name in the manifest and checks.json: "shopify"
    std::string destination_key;  // the destination's: "klaviyo"
    std::string source;           // as people read it: "Shopify"
    std::string destination;      // "Klaviyo"
    // The destination's integration that copies the source's data, and where its settings are:
    // "the Shopify integration in Klaviyo", "Integrations > Shopify".
    std::string integration;
    std::string integration_settings;
    // The integration's setting that picks the list new subscribers join ("Sync your Shopify email
    // subscribers to Klaviyo"), and frr's configuration key naming that list.
    std::string subscriber_sync_setting;
    std::string subscriber_list_key;
};

}  // namespace frr::model
