#include "checks/evaluate.hpp"

#include "checks/indicator.hpp"
#include "checks/indicators.hpp"
#include "checks/weights.hpp"
#include "core/time.hpp"

#include <fmt/format.h>
#include <unordered_set>

namespace frr::checks {

std::vector<std::unique_ptr<Indicator>> all_indicators()
{
    std::vector<std::unique_ptr<Indicator>> all;
    all.push_back(std::make_unique<OrderSyncIndicator>());
    all.push_back(std::make_unique<LineItemsIndicator>());
    all.push_back(std::make_unique<ValueIntegrityIndicator>());
    all.push_back(std::make_unique<DuplicatesIndicator>());
    all.push_back(std::make_unique<EventDelayIndicator>());
    all.push_back(std::make_unique<FreshnessIndicator>());
    all.push_back(std::make_unique<CustomerSyncIndicator>());
    all.push_back(std::make_unique<ConsentIndicator>());
    all.push_back(std::make_unique<AudiencesIndicator>());
    all.push_back(std::make_unique<VolumeIndicator>());
    all.push_back(std::make_unique<ConnectionIndicator>());
    return all;
}

namespace {

IndicatorResult unknown_result(const Indicator& indicator, const CheckInput& input)
{
    IndicatorResult r;
    r.id = indicator.id();
    r.title = indicator.title();
    r.status = Status::unknown;
    r.score = 0;
    std::string missing;
    for (auto p : indicator.needs()) {
        if (input.usable(p))
            continue;
        missing += fmt::format("{}{} ({})", missing.empty() ? "" : ", ", input.platform_name(p),
                               model::to_string(input.coverage(p)));
    }
    r.value = "not checked";
    r.summary = fmt::format("Not checked: no data from {}.", missing);
    r.impact = "Problems of this kind would go unnoticed until the data can be fetched again.";
    r.action = "See the connection indicator for why the platform's data is missing.";
    return r;
}

// Escalates by the indicator's configured score thresholds.
void apply_thresholds(IndicatorResult& r, const core::Threshold& t)
{
    if (r.status == Status::unknown)
        return;
    const double score = r.score;
    if (score < t.critical)
        r.status = worse(r.status, Status::critical);
    else if (score < t.warn)
        r.status = worse(r.status, Status::warn);
}

std::vector<std::string> coverage_notes(const CheckInput& input)
{
    std::vector<std::string> notes;
    const auto& manifest = input.current().manifest;
    for (const auto& [name, p] : manifest.platforms) {
        if (p.status != model::Coverage::complete)
            notes.push_back(fmt::format(
                "{} coverage is {}: findings that need its data are {}.", name, model::to_string(p.status),
                p.status == model::Coverage::partial ? "judged on what was fetched" : "unknown"));
        if (p.data_since && *p.data_since > input.as_of() - input.config().window)
            notes.push_back(fmt::format("{} data covers only from {}; older records were not judged.", name,
                                        core::format_iso8601(*p.data_since)));
        for (const auto& n : p.notes)
            notes.push_back(fmt::format("{}: {}", name, n));
    }
    for (auto p : {Platform::source, Platform::destination})
        if (!manifest.platforms.count(input.platform_name(p)))
            notes.push_back(fmt::format("{} was not fetched in this run.", input.platform_name(p)));
    return notes;
}

}  // namespace

void diff_against(IndicatorResult& current, const IndicatorResult& previous)
{
    if (current.status == Status::unknown || previous.status == Status::unknown)
        return;
    const auto label = [](const Affected& a) { return a.kind + " " + a.key; };
    std::unordered_set<std::string> before;
    before.reserve(previous.affected.size());
    for (const auto& a : previous.affected)
        before.insert(label(a));
    std::unordered_set<std::string> now;
    now.reserve(current.affected.size());
    for (const auto& a : current.affected) {
        auto l = label(a);
        (before.count(l) ? current.changes.persisting : current.changes.added).push_back(l);
        now.insert(std::move(l));
    }
    for (const auto& a : previous.affected)
        if (!now.count(label(a)))
            current.changes.resolved.push_back(label(a));
}

Findings evaluate(const CheckInput& input, const std::string& store_name)
{
    const auto& manifest = input.current().manifest;
    Findings f;
    f.run_id = manifest.run_id;
    f.as_of = input.as_of();
    f.since = input.as_of() - input.config().window;
    f.until = input.window().until;
    f.store_name = manifest.store.empty() ? store_name : manifest.store;
    f.timezone = input.timezone();
    for (auto p : {Platform::source, Platform::destination})
        f.coverage[input.platform_name(p)] = input.coverage(p);
    for (const auto& indicator : all_indicators()) {
        bool usable = true;
        for (auto p : indicator->needs())
            usable = usable && input.usable(p);
        auto r = usable ? indicator->evaluate(input) : unknown_result(*indicator, input);
        r.weight = weight_of(input.config(), r.id);
        apply_thresholds(r, threshold_of(input.config(), r.id));
        if (input.previous_findings())
            if (const auto* before = input.previous_findings()->find(r.id))
                diff_against(r, *before);
        f.indicators.push_back(std::move(r));
    }
    f.exclusions = input.exclusions();
    f.coverage_notes = coverage_notes(input);
    return f;
}

}  // namespace frr::checks
