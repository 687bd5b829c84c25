#pragma once
// Internal to build_view: the helpers its section builders share.
#include "report/view.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace frr::report::detail {

// Scrubs secrets (when a redactor is set) and masks e-mail addresses.
class Cleaner {
public:
    explicit Cleaner(const core::Redactor* redactor) : m_redactor(redactor) { }
    std::string operator()(std::string_view text) const;

private:
    const core::Redactor* m_redactor;
};

int severity(const std::string& status);
bool is_order_kind(const std::string& kind);
std::pair<std::string, std::size_t> main_kind(const std::vector<AffectedItem>& items);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
std::vector<std::string> example_keys(const std::vector<AffectedItem>& items, const Cleaner& clean);

ChangesView build_changes(const ReportInput& in, const ReportView& view, const Cleaner& clean);
TrendView build_trend(const ReportInput& in, const ReportView& view);
std::vector<CoverageLine> build_coverage(const ReportInput& in, const Cleaner& clean);
std::optional<std::string> build_gap_note(const ReportInput& in, const ReportView& view);
// "Monitoring paused: Klaviyo unavailable since ..." while a circuit breaker is
// open, "Monitoring resumed: ..." on the first run after it closed.
std::optional<std::string> build_breaker_notice(const ReportInput& in, const ReportView& view);
AppendixView build_appendix(const ReportInput& in, const ReportView& view, const Cleaner& clean);

}  // namespace frr::report::detail
