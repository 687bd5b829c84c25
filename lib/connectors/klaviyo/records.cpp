#include "connectors/klaviyo/records.hpp"

#include "connectors/json_access.hpp"
#include "core/redact.hpp"
#include "core/time.hpp"
#include "text/utf8.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace frr::connectors::klaviyo {

std::optional<model::Metric> parse_metric(const rapidjson::Value& resource, const Integration& source)
{
    std::string id = text(member(&resource, "id"));
    if (id.empty())
        return std::nullopt;
    const auto* attributes = member(&resource, "attributes");
    const auto* integration = member(attributes, "integration");
    model::Metric m;
    m.id = std::move(id);
    m.name = text(member(attributes, "name"));
    const bool ours = source.owns(integration);
    m.integration = ours ? source.key : frr::text::ascii_lower(text(member(integration, "key")));
    m.kind = ours ? source.metric_kind(m.name) : model::EventKind::other;
    return m;
}

OrderRef order_ref_of(const rapidjson::Value* props)
{
    const auto* extra = member(props, "$extra");
    for (const auto& [field, source] : {std::pair{"id", model::OrderIdSource::extra_id},
                                        std::pair{"order_id", model::OrderIdSource::extra_order_id}}) {
        std::string id = text(member(extra, field));
        if (!id.empty())
            return {std::move(id), source};
    }
    std::string event_id = text(member(props, "$event_id"));
    std::string digits;
    for (char c : event_id) {
        if (c == ':')
            break;
        if (std::isdigit(static_cast<unsigned char>(c)))
            digits.push_back(c);
    }
    if (digits.empty())
        return {};
    return {std::move(digits), model::OrderIdSource::event_id};
}

std::string order_id_of(const rapidjson::Value* props)
{
    return order_ref_of(props).id;
}

std::optional<int> listed_units(const rapidjson::Value* props)
{
    const auto* items = member(member(props, "$extra"), "line_items");
    if (items == nullptr || !items->IsArray() || items->Empty())
        return std::nullopt;
    std::int64_t units = 0;
    for (const auto& item : items->GetArray()) {
        const auto quantity = integer(member(&item, "quantity"));
        if (!quantity || *quantity < 0 || *quantity > 1'000'000)
            return std::nullopt;
        units += *quantity;
    }
    return units > 1'000'000'000 ? std::nullopt : std::optional<int>(static_cast<int>(units));
}

std::optional<model::Event> parse_event(const rapidjson::Value& resource,
                                        const std::map<std::string, model::EventKind>& kinds,
                                        const std::string& fallback_metric_id)
{
    const auto* attributes = member(&resource, "attributes");
    std::optional<core::TimePoint> when = time_value(member(attributes, "datetime"));
    if (!when) {
        // Unix seconds, from 1970 to the end of year 9999 (what ISO 8601 can write back).
        if (auto ts = integer(member(attributes, "timestamp")); ts && *ts >= 0 && *ts <= 253402300799)
            when = core::TimePoint{std::chrono::seconds{*ts}};
    }
    std::string id = text(member(&resource, "id"));
    if (id.empty() || !when)
        return std::nullopt;
    model::Event e;
    e.id = std::move(id);
    e.occurred_at = *when;
    e.metric_id = text(path(&resource, {"relationships", "metric", "data", "id"}));
    if (e.metric_id.empty())
        e.metric_id = fallback_metric_id;
    auto kind = kinds.find(e.metric_id);
    e.kind = kind == kinds.end() ? model::EventKind::other : kind->second;
    e.profile_id = text(path(&resource, {"relationships", "profile", "data", "id"}));
    const auto* props = member(attributes, "event_properties");
    e.unique_id = text(member(props, "$event_id"));
    auto ref = order_ref_of(props);
    e.order_id = std::move(ref.id);
    e.order_id_source = ref.source;
    if (e.kind == model::EventKind::placed_order)
        e.item_units = listed_units(props);
    if (auto value = number(member(props, "$value")); value && std::isfinite(*value))
        e.value = model::Money{model::minor_units_from_double(*value), text(member(props, "$currency_code"))};
    return e;
}

std::optional<model::Profile> parse_profile(const rapidjson::Value& resource,
                                            const model::EmailHasher& hasher)
{
    std::string id = text(member(&resource, "id"));
    if (id.empty())
        return std::nullopt;
    const auto* attributes = member(&resource, "attributes");
    model::Profile p;
    p.id = std::move(id);
    std::string email = model::normalize_email(text(member(attributes, "email")));
    p.email_hash = hasher.hash(email);
    p.email_masked = core::mask_email(email);
    p.created_at = time_value(member(attributes, "created")).value_or(core::TimePoint{});
    p.updated_at = time_value(member(attributes, "updated")).value_or(p.created_at);
    const auto* marketing = path(attributes, {"subscriptions", "email", "marketing"});
    p.consent = model::destination_consent_from(text(member(marketing, "consent")));
    p.can_receive_marketing = truthy(member(marketing, "can_receive_email_marketing"));
    if (const auto* s = member(marketing, "suppression"); s && s->IsArray())
        for (const auto& entry : s->GetArray())
            p.suppressions.push_back(text(member(&entry, "reason")));
    return p;
}

std::optional<model::Audience> parse_audience(const rapidjson::Value& resource)
{
    std::string id = text(member(&resource, "id"));
    if (id.empty())
        return std::nullopt;
    const auto* attributes = member(&resource, "attributes");
    model::Audience a;
    a.id = std::move(id);
    a.kind = model::audience_kind_from(text(member(&resource, "type")));
    a.name = text(member(attributes, "name"));
    a.profile_count = integer(member(attributes, "profile_count"));
    a.is_processing = truthy(member(attributes, "is_processing"));
    a.updated_at = time_value(member(attributes, "updated")).value_or(core::TimePoint{});
    return a;
}

std::vector<model::DailyCount> parse_daily_counts(const rapidjson::Document& doc, const std::string& timezone)
{
    std::vector<model::DailyCount> out;
    const auto* attributes = path(&doc, {"data", "attributes"});
    const auto* dates = member(attributes, "dates");
    const auto* rows = member(attributes, "data");
    if (dates == nullptr || !dates->IsArray())
        return out;
    const rapidjson::Value* counts = nullptr;
    if (rows != nullptr && rows->IsArray() && !rows->Empty())
        counts = path(&(*rows)[0], {"measurements", "count"});
    for (rapidjson::SizeType i = 0; i < dates->Size(); ++i) {
        std::string raw = text(&(*dates)[i]);
        auto instant = core::parse_iso8601(raw);
        if (!instant)
            continue;
        // A bucket is a store-local day. Its start may be written as the UTC
        // instant of local midnight or as the local date at 00:00 with a zero
        // offset; a midnight stamp names its date directly.
        std::string date = raw.size() >= 19 && raw.substr(10, 9) == "T00:00:00"
            ? raw.substr(0, 10)
            : core::local_date(*instant, timezone);
        std::int64_t n = 0;
        if (counts != nullptr && counts->IsArray() && i < counts->Size())
            n = static_cast<std::int64_t>(std::llround(number(&(*counts)[i]).value_or(0)));
        out.push_back({date, n});
    }
    return out;
}

}  // namespace frr::connectors::klaviyo
