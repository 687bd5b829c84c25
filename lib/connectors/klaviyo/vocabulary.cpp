#include "connectors/klaviyo/vocabulary.hpp"

#include <fmt/format.h>

namespace frr::connectors::klaviyo {

model::Vocabulary vocabulary(const std::string& source_key, const std::string& source_name)
{
    model::Vocabulary v;
    v.source_key = source_key;
    v.destination_key = "klaviyo";
    v.source = source_name;
    v.destination = "Klaviyo";
    v.integration = fmt::format("the {} integration in Klaviyo", source_name);
    v.integration_settings = fmt::format("Integrations > {}", source_name);
    // The setting's label in Klaviyo's integration settings (help article "Sync your Shopify email
    // subscribers to Klaviyo"; the WooCommerce integration's has the same form).
    v.subscriber_sync_setting = fmt::format("Sync your {} email subscribers to Klaviyo", source_name);
    v.subscriber_list_key = "klaviyo.subscriber_list";
    return v;
}

}  // namespace frr::connectors::klaviyo
