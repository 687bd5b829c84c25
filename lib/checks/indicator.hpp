#pragma once
// The one interface every health indicator implements. An indicator reads the
// prepared CheckInput only (canonical records, never platform JSON) and
// returns its verdict; it is stateless, so one instance serves every run.
#include "checks/check_input.hpp"
#include "checks/findings.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace frr::checks {

class Indicator {
public:
    virtual ~Indicator() = default;
    virtual const char* id() const = 0;
    virtual const char* title() const = 0;
    // The datasets (model/datasets.hpp ids) the indicator reads. When one was
    // not read completely the result is `unknown` and says what could not be
    // read: a finding never comes from data that was not read.
    virtual std::vector<std::string_view> needs() const = 0;
    // Called only when every needed dataset is complete. Fills everything but
    // `weight`, `needs` and `changes` (evaluate() adds those).
    virtual IndicatorResult evaluate(const CheckInput& input) const = 0;
};

// Every indicator, in report order.
std::vector<std::unique_ptr<Indicator>> all_indicators();

}  // namespace frr::checks
