#include "checks/indicators.hpp"
#include "checks/trigger_support.hpp"

namespace frr::checks {

std::vector<std::string_view> CancellationsIndicator::needs() const
{
    return {model::dataset::order_changes, "events.cancelled_order"};
}

// A cancelled order's Cancelled Order event (matched by the order id) starts cancellation
// emails and keeps the order out of purchase-based segments.
IndicatorResult CancellationsIndicator::evaluate(const CheckInput& input) const
{
    static const OrderChangeRule k_rule{
        "cancellation_missing_event",
        {{model::OrderChangeKind::cancelled, model::EventKind::cancelled_order}},
        "cancellation",
        "cancellations",
        "cancellation event",
        "no cancellation email and may still get post-purchase emails",
        "Check {integration} ({settings}) for errors; contact {destination} support with the order numbers."};
    return evaluate_order_changes(input, id(), title(), k_rule);
}

}  // namespace frr::checks
