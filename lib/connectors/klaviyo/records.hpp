#pragma once
// Klaviyo JSON:API resources to canonical records. A metric's meaning comes
// from its integration (the source's, connectors/klaviyo/integration.hpp), never
// from its name alone: an API-integration "Placed Order" is a decoy and maps to `other`.
#include "connectors/klaviyo/integration.hpp"
#include "model/email.hpp"
#include "model/records.hpp"

#include <map>
#include <optional>
#include <rapidjson/document.h>
#include <string>
#include <vector>

namespace frr::connectors::klaviyo {

// A metric of `source`'s integration has that integration's key and the kind its name means;
// any other metric keeps its own integration key (lower case) and is `other`.
std::optional<model::Metric> parse_metric(const rapidjson::Value& resource, const Integration& source);

// The source order an event refers to (docs/sync-semantics.md): $extra.id,
// else $extra.order_id, else the digits of $event_id before the first ':'.
struct OrderRef {
    std::string id;  // "" when no property gave one
    model::OrderIdSource source = model::OrderIdSource::none;
};
OrderRef order_ref_of(const rapidjson::Value* event_properties);
std::string order_id_of(const rapidjson::Value* event_properties);
// Units the event lists: the sum of $extra.line_items[].quantity; nullopt without line items.
std::optional<int> listed_units(const rapidjson::Value* event_properties);
// `kinds` maps metric id -> kind (events of unknown metrics are `other`).
std::optional<model::Event> parse_event(const rapidjson::Value& resource,
                                        const std::map<std::string, model::EventKind>& kinds,
                                        const std::string& fallback_metric_id);

std::optional<model::Profile> parse_profile(const rapidjson::Value& resource,
                                            const model::EmailHasher& hasher);
std::optional<model::Audience> parse_audience(const rapidjson::Value& resource);

// metric-aggregates: the first row's `count` per bucket, keyed by store-local date.
std::vector<model::DailyCount> parse_daily_counts(const rapidjson::Document& doc,
                                                  const std::string& timezone);

}  // namespace frr::connectors::klaviyo
