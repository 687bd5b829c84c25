#include "model/records.hpp"

#include <cmath>
#include <fmt/format.h>

namespace frr::model {

std::optional<std::int64_t> parse_minor_units(std::string_view s)
{
    if (s.empty())
        return std::nullopt;
    bool negative = false;
    std::size_t i = 0;
    if (s[0] == '-' || s[0] == '+') {
        negative = s[0] == '-';
        i = 1;
    }
    std::int64_t whole = 0;
    std::size_t digits = 0;
    for (; i < s.size() && s[i] != '.'; ++i, ++digits) {
        if (s[i] < '0' || s[i] > '9' || whole > 1'000'000'000'000'000)
            return std::nullopt;
        whole = whole * 10 + (s[i] - '0');
    }
    std::int64_t frac = 0;
    int frac_digits = 0;
    bool round_up = false;
    if (i < s.size()) {
        ++i;
        for (; i < s.size(); ++i) {
            if (s[i] < '0' || s[i] > '9')
                return std::nullopt;
            if (frac_digits < 2) {
                frac = frac * 10 + (s[i] - '0');
                ++frac_digits;
            } else if (frac_digits == 2) {
                round_up = s[i] >= '5';
                ++frac_digits;
            }
            ++digits;
        }
    }
    if (digits == 0)
        return std::nullopt;
    while (frac_digits < 2) {
        frac *= 10;
        ++frac_digits;
    }
    std::int64_t minor = whole * 100 + frac + (round_up ? 1 : 0);
    return negative ? -minor : minor;
}

std::int64_t minor_units_from_double(double value)
{
    return static_cast<std::int64_t>(std::llround(value * 100.0));
}

std::string format_minor_units(std::int64_t minor)
{
    auto sign = minor < 0 ? "-" : "";
    auto a = minor < 0 ? -minor : minor;
    return fmt::format("{}{}.{:02}", sign, a / 100, a % 100);
}

const char* to_string(SourceConsent c)
{
    switch (c) {
    case SourceConsent::subscribed: return "SUBSCRIBED";
    case SourceConsent::not_subscribed: return "NOT_SUBSCRIBED";
    case SourceConsent::pending: return "PENDING";
    case SourceConsent::unsubscribed: return "UNSUBSCRIBED";
    case SourceConsent::invalid: return "INVALID";
    case SourceConsent::redacted: return "REDACTED";
    case SourceConsent::unknown: return "UNKNOWN";
    }
    return "UNKNOWN";
}

const char* to_string(DestinationConsent c)
{
    switch (c) {
    case DestinationConsent::subscribed: return "SUBSCRIBED";
    case DestinationConsent::unsubscribed: return "UNSUBSCRIBED";
    case DestinationConsent::never_subscribed: return "NEVER_SUBSCRIBED";
    case DestinationConsent::unknown: return "UNKNOWN";
    }
    return "UNKNOWN";
}

const char* to_string(EventKind k)
{
    switch (k) {
    case EventKind::placed_order: return "placed_order";
    case EventKind::ordered_product: return "ordered_product";
    case EventKind::fulfilled_order: return "fulfilled_order";
    case EventKind::fulfilled_partial_order: return "fulfilled_partial_order";
    case EventKind::cancelled_order: return "cancelled_order";
    case EventKind::refunded_order: return "refunded_order";
    case EventKind::checkout_started: return "checkout_started";
    case EventKind::other: return "other";
    }
    return "other";
}

const char* to_string(AudienceKind k)
{
    return k == AudienceKind::list ? "list" : "segment";
}

SourceConsent source_consent_from(std::string_view s)
{
    if (s == "SUBSCRIBED")
        return SourceConsent::subscribed;
    if (s == "NOT_SUBSCRIBED")
        return SourceConsent::not_subscribed;
    if (s == "PENDING")
        return SourceConsent::pending;
    if (s == "UNSUBSCRIBED")
        return SourceConsent::unsubscribed;
    if (s == "INVALID")
        return SourceConsent::invalid;
    if (s == "REDACTED")
        return SourceConsent::redacted;
    return SourceConsent::unknown;
}

DestinationConsent destination_consent_from(std::string_view s)
{
    if (s == "SUBSCRIBED")
        return DestinationConsent::subscribed;
    if (s == "UNSUBSCRIBED")
        return DestinationConsent::unsubscribed;
    if (s == "NEVER_SUBSCRIBED")
        return DestinationConsent::never_subscribed;
    return DestinationConsent::unknown;
}

EventKind event_kind_from(std::string_view s)
{
    for (auto k : {EventKind::placed_order, EventKind::ordered_product, EventKind::fulfilled_order,
                   EventKind::fulfilled_partial_order, EventKind::cancelled_order, EventKind::refunded_order,
                   EventKind::checkout_started})
        if (s == to_string(k))
            return k;
    return EventKind::other;
}

AudienceKind audience_kind_from(std::string_view s)
{
    return s == "segment" ? AudienceKind::segment : AudienceKind::list;
}

const char* to_string(OrderIdSource s)
{
    switch (s) {
    case OrderIdSource::extra_id: return "extra_id";
    case OrderIdSource::extra_order_id: return "extra_order_id";
    case OrderIdSource::event_id: return "event_id";
    case OrderIdSource::none: break;
    }
    return "none";
}

const char* to_string(OrderChangeKind k)
{
    switch (k) {
    case OrderChangeKind::fulfilled: return "fulfilled";
    case OrderChangeKind::partially_fulfilled: return "partially_fulfilled";
    case OrderChangeKind::cancelled: return "cancelled";
    case OrderChangeKind::refunded: return "refunded";
    }
    return "fulfilled";
}

OrderChangeKind order_change_kind_from(std::string_view s)
{
    for (auto k :
         {OrderChangeKind::partially_fulfilled, OrderChangeKind::cancelled, OrderChangeKind::refunded})
        if (s == to_string(k))
            return k;
    return OrderChangeKind::fulfilled;
}

const char* to_string(FlowStatus s)
{
    switch (s) {
    case FlowStatus::live: return "live";
    case FlowStatus::manual: return "manual";
    case FlowStatus::draft: return "draft";
    case FlowStatus::other: return "other";
    }
    return "other";
}

FlowStatus flow_status_from(std::string_view s)
{
    for (auto k : {FlowStatus::live, FlowStatus::manual, FlowStatus::draft})
        if (s == to_string(k))
            return k;
    return FlowStatus::other;
}

const char* to_string(TriggerKind k)
{
    switch (k) {
    case TriggerKind::none: return "none";
    case TriggerKind::metric: return "metric";
    case TriggerKind::list: return "list";
    case TriggerKind::segment: return "segment";
    }
    return "none";
}

OrderIdSource order_id_source_from(std::string_view s)
{
    if (s == "extra_id")
        return OrderIdSource::extra_id;
    if (s == "extra_order_id")
        return OrderIdSource::extra_order_id;
    if (s == "event_id")
        return OrderIdSource::event_id;
    return OrderIdSource::none;
}

TriggerKind trigger_kind_from(std::string_view s)
{
    for (auto k : {TriggerKind::metric, TriggerKind::list, TriggerKind::segment})
        if (s == to_string(k))
            return k;
    return TriggerKind::none;
}

}  // namespace frr::model
