#include "checks/indicators.hpp"
#include "checks/trigger_support.hpp"

namespace frr::checks {

std::vector<std::string_view> RefundsIndicator::needs() const
{
    return {model::dataset::order_changes, "events.refunded_order"};
}

// Klaviyo tracks Refunded Order for full refunds only (no event for a partial refund), so each
// order fully refunded in the window needs one, matched by the order id.
IndicatorResult RefundsIndicator::evaluate(const CheckInput& input) const
{
    static const OrderChangeRule k_rule{
        "refund_missing_event",
        {{model::OrderChangeKind::refunded, model::EventKind::refunded_order}},
        "full refund",
        "full refunds",
        "refund event",
        "no refund confirmation and still counts as a buyer in {destination}",
        "Check {integration} ({settings}) for errors; contact {destination} support with the order numbers."};
    return evaluate_order_changes(input, id(), title(), k_rule);
}

}  // namespace frr::checks
