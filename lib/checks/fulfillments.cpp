#include "checks/indicators.hpp"
#include "checks/trigger_support.hpp"

namespace frr::checks {

std::vector<std::string_view> FulfillmentsIndicator::needs() const
{
    return {model::dataset::order_changes, "events.fulfilled_order", "events.fulfilled_partial_order"};
}

// Klaviyo tracks Fulfilled Order when an order syncs as fulfilled, and Fulfilled Partial Order
// for each earlier partial fulfilment (Shopify data reference). Each fulfilment in the window of
// an eligible order needs its event, matched by the order id; shipping confirmations start on them.
IndicatorResult FulfillmentsIndicator::evaluate(const CheckInput& input) const
{
    static const OrderChangeRule k_rule{
        "fulfillment_missing_event",
        {{model::OrderChangeKind::fulfilled, model::EventKind::fulfilled_order},
         {model::OrderChangeKind::partially_fulfilled, model::EventKind::fulfilled_partial_order}},
        "fulfilment",
        "fulfilments",
        "fulfilment event",
        "no shipping confirmation",
        "Check {integration} ({settings}) for errors; contact {destination} support with the order numbers "
        "so the fulfilments are synced again."};
    return evaluate_order_changes(input, id(), title(), k_rule);
}

}  // namespace frr::checks
