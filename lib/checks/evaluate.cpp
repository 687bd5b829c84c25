#include "checks/evaluate.hpp"

#include "checks/flow_summary.hpp"
#include "checks/health_score.hpp"
#include "checks/indicator.hpp"
#include "checks/indicators.hpp"
#include "checks/weights.hpp"
#include "core/time.hpp"
#include "core/two_threads.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <map>
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
    all.push_back(std::make_unique<CheckoutsIndicator>());
    all.push_back(std::make_unique<FulfillmentsIndicator>());
    all.push_back(std::make_unique<CancellationsIndicator>());
    all.push_back(std::make_unique<RefundsIndicator>());
    all.push_back(std::make_unique<SubscribersIndicator>());
    all.push_back(std::make_unique<FlowStatusIndicator>());
    all.push_back(std::make_unique<FlowSendsIndicator>());
    all.push_back(std::make_unique<ConnectionIndicator>());
    return all;
}

namespace {

std::string display_name(const std::string& platform)
{
    std::string out = platform;
    if (!out.empty())
        out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    return out;
}

std::string join_labels(const std::vector<std::string>& labels)
{
    std::string out;
    for (std::size_t i = 0; i < labels.size(); ++i)
        out += (i == 0 ? "" : i + 1 == labels.size() ? " and " : ", ") + labels[i];
    return out;
}

// "Not checked: the profiles could not be read from Klaviyo." One sentence per
// platform and coverage, naming the datasets in plain words.
std::string not_checked_summary(const Indicator& indicator, const CheckInput& input)
{
    std::map<std::pair<std::string, model::Coverage>, std::vector<std::string>> groups;
    const auto needs = indicator.needs();
    for (auto id : needs) {
        // A part of records the indicator also needs is said with them ("the customers").
        if (const auto* info = model::find_dataset(id); info && !info->part_of.empty() &&
            std::find(needs.begin(), needs.end(), info->part_of) != needs.end())
            continue;
        const auto state = input.dataset(id);
        if (state.coverage.status != model::Coverage::complete)
            groups[{state.platform, state.coverage.status}].push_back(model::dataset_label(id));
    }
    std::string out = "Not checked:";
    for (const auto& [key, labels] : groups) {
        const auto platform = display_name(key.first);
        const auto what = join_labels(labels);
        switch (key.second) {
        case model::Coverage::paused:
            out += fmt::format(" {} is paused after repeated failures, so its {} were not read.", platform,
                               what);
            break;
        case model::Coverage::partial:
            out += fmt::format(" only part of the {} could be read from {}.", what, platform);
            break;
        default: out += fmt::format(" the {} could not be read from {}.", what, platform); break;
        }
    }
    return out;
}

IndicatorResult unknown_result(const Indicator& indicator, const CheckInput& input)
{
    IndicatorResult r;
    r.id = indicator.id();
    r.title = indicator.title();
    r.status = Status::unknown;
    r.score = 0;
    r.value = "not checked";
    r.summary = not_checked_summary(indicator, input);
    r.impact = "Nothing was judged from data that could not be read. This period is checked in full "
               "by the next run that can read it.";
    r.action = "Nothing, if the platform answers again soon; if it keeps failing, see what could not be "
               "checked.";
    return r;
}

// A dataset the pair does not offer at all (the connector says why): the indicator has
// nothing to judge, now or later, so it is not applicable rather than not checked.
bool offered_inputs(const Indicator& indicator, const CheckInput& input)
{
    for (auto id : indicator.needs())
        if (!input.dataset(id).coverage.not_offered.empty())
            return false;
    return true;
}

IndicatorResult not_applicable_result(const Indicator& indicator, const CheckInput& input)
{
    IndicatorResult r;
    r.id = indicator.id();
    r.title = indicator.title();
    r.status = Status::not_applicable;
    r.score = 0;
    r.value = "not applicable";
    std::vector<std::string> reasons;
    for (auto id : indicator.needs()) {
        const auto& why = input.dataset(id).coverage.not_offered;
        if (!why.empty() && std::find(reasons.begin(), reasons.end(), why) == reasons.end())
            reasons.push_back(why);
    }
    r.summary = "Not applicable to this store: " + join_labels(reasons) + ".";
    r.impact = "Nothing to check here for this pair of platforms.";
    r.action = "Nothing.";
    return r;
}

bool complete_inputs(const Indicator& indicator, const CheckInput& input)
{
    for (auto id : indicator.needs())
        if (input.dataset(id).coverage.status != model::Coverage::complete)
            return false;
    return true;
}

// Escalates by the indicator's configured score thresholds.
void apply_thresholds(IndicatorResult& r, const core::Threshold& t)
{
    if (!judged(r.status))
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
        if (p.data_since && *p.data_since > input.window().run_since)
            notes.push_back(fmt::format("{}'s data covers only from {}; older records were not judged.",
                                        display_name(name),
                                        core::format_local(*p.data_since, input.timezone())));
        for (const auto& n : p.notes)
            notes.push_back(fmt::format("{}: {}", display_name(name), n));
    }
    for (auto p : {Platform::source, Platform::destination})
        if (!manifest.platforms.count(input.platform_name(p)))
            notes.push_back(
                fmt::format("{} was not fetched in this run.", display_name(input.platform_name(p))));
    return notes;
}

// Each indicator's own result. They only read the input, so two threads share the list, each
// taking the next indicator when it is free: at a million orders the ones that go through every
// order, customer or profile take about as long as each other. The results keep the list's
// order; when several throw, the first in the list is the error thrown.
std::vector<IndicatorResult> evaluate_all(const std::vector<std::unique_ptr<Indicator>>& indicators,
                                          const CheckInput& input)
{
    std::vector<IndicatorResult> results(indicators.size());
    core::run_on_two_threads(indicators.size(), [&](std::size_t i) {
        const auto& indicator = *indicators[i];
        results[i] = !offered_inputs(indicator, input) ? not_applicable_result(indicator, input)
            : complete_inputs(indicator, input)        ? indicator.evaluate(input)
                                                       : unknown_result(indicator, input);
    });
    return results;
}

}  // namespace

void diff_against(IndicatorResult& current, const IndicatorResult& previous)
{
    if (!judged(current.status) || !judged(previous.status))
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
    f.since = input.window().since;
    f.until = input.window().until;
    f.store_name = manifest.store.empty() ? store_name : manifest.store;
    f.timezone = input.timezone();
    for (auto p : {Platform::source, Platform::destination})
        f.coverage[input.platform_name(p)] = input.coverage(p);
    f.datasets = input.datasets();
    const auto indicators = all_indicators();
    auto results = evaluate_all(indicators, input);
    for (std::size_t i = 0; i < indicators.size(); ++i) {
        const auto& indicator = indicators[i];
        auto r = std::move(results[i]);
        for (auto id : indicator->needs())
            r.needs.emplace_back(id);
        r.weight = weight_of(input.config(), r.id);
        // Money at stake lowers the indicator's own score as it lowers the
        // overall one, so its status follows what it costs (health-model.md).
        if (judged(r.status) && !r.affected.empty())
            r.score = std::min(r.score, 100 - money_points(r.at_stake, input.money()));
        apply_thresholds(r, threshold_of(input.config(), r.id));
        if (input.previous_findings())
            if (const auto* before = input.previous_findings()->find(r.id))
                diff_against(r, *before);
        f.indicators.push_back(std::move(r));
    }
    f.exclusions = input.exclusions();
    f.coverage_notes = coverage_notes(input);
    f.money = input.money();
    f.flows = summarise_flows(input, f.indicators);
    return f;
}

}  // namespace frr::checks
