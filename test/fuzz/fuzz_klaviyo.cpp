// Fuzz target: Klaviyo JSON:API response parsing. Every object of the body is
// offered to the resource parsers; the body also goes to the aggregates parser.
#include "connectors/klaviyo/records.hpp"
#include "core/error.hpp"
#include "fuzz/json_walk.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    namespace klaviyo = frr::connectors::klaviyo;
    rapidjson::Document doc;
    doc.Parse(reinterpret_cast<const char*>(data), size);
    if (doc.HasParseError())
        return 0;
    static const frr::model::EmailHasher hasher(std::string(32, 'k'));
    static const std::map<std::string, frr::model::EventKind> kinds{
        {"PLACED", frr::model::EventKind::placed_order}};
    static const auto integration = klaviyo::integration_with({"shopify", "Shopify"});
    try {
        (void)klaviyo::parse_daily_counts(doc, "Europe/London");
        frr::fuzz::each_object(doc, [](const rapidjson::Value& r) {
            (void)integration.owns(&r);
            (void)klaviyo::order_id_of(&r);
            (void)klaviyo::parse_metric(r, integration);
            (void)klaviyo::parse_event(r, kinds, "PLACED");
            (void)klaviyo::parse_profile(r, hasher);
            (void)klaviyo::parse_audience(r);
        });
    } catch (const frr::core::Error&) {
    }
    return 0;
}
