#include "checks/indicator_support.hpp"
#include "checks/indicators.hpp"

#include "core/time.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace frr::checks {

namespace {

// Rates above this share of requests are worth a warning (with enough requests to judge).
constexpr double k_rate_warn = 0.25;
constexpr std::int64_t k_min_requests = 20;
// Tokens expiring within a day are short-lived access tokens the connector
// refreshes every run; a token expiring in one to seven days needs a person.
constexpr auto k_token_short_lived = std::chrono::hours(24);
constexpr auto k_token_warn = std::chrono::hours(24 * 7);

struct PlatformVerdict {
    Status status = Status::ok;
    std::vector<std::string> issues;
    void raise(Status s, std::string issue)
    {
        status = worse(status, s);
        issues.push_back(std::move(issue));
    }
};

// A platform that did not answer (unavailable, paused, not fetched) is not a
// connection finding: an outage is not a data problem, and the report's
// coverage says what could not be checked. Judged here are the facts about a
// platform that did answer: scopes, token expiry and, when the fetch was
// complete, throttling and retries (an incomplete fetch's retries are its failure).
// Examples are read by the client: "Klaviyo", not "klaviyo"; the raw errors and
// scope names are in the operator's copy (the manifest).
std::string label(const std::string& name)
{
    std::string out = name;
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
        out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out;
}

PlatformVerdict judge(const std::string& platform, const model::PlatformManifest* p, TimePoint as_of,
                      const std::string& timezone)
{
    PlatformVerdict v;
    const auto name = label(platform);
    if (!p)
        return v;
    if (!p->missing_scopes.empty()) {
        v.raise(Status::critical,
                fmt::format("{}: frr lacks {} it needs", name,
                            plural(static_cast<std::int64_t>(p->missing_scopes.size()), "permission",
                                   "permissions")));
    }
    if (p->status == model::Coverage::complete && p->requests >= k_min_requests) {
        const double requests = static_cast<double>(p->requests);
        if (static_cast<double>(p->throttled) / requests > k_rate_warn)
            v.raise(Status::warn,
                    fmt::format("{}: {} of {} requests slowed down by its rate limit", name, p->throttled,
                                p->requests));
        if (static_cast<double>(p->retries) / requests > k_rate_warn)
            v.raise(Status::warn,
                    fmt::format("{}: {} of {} requests had to be repeated", name, p->retries, p->requests));
    }
    if (p->token_expires_at) {
        const auto left = *p->token_expires_at - as_of;
        if (left > k_token_short_lived && left <= k_token_warn)
            v.raise(Status::warn,
                    fmt::format("{}: frr's access expires on {}", name,
                                core::format_local(*p->token_expires_at, timezone)));
    }
    return v;
}

bool answered(const model::PlatformManifest* p)
{
    return p && (p->status == model::Coverage::complete || p->status == model::Coverage::partial);
}

int score_of(Status s)
{
    switch (s) {
    case Status::ok: return 100;
    case Status::warn: return 70;
    case Status::critical: return 0;
    case Status::unknown:
    case Status::not_applicable: return 0;
    }
    return 0;
}

}  // namespace

std::vector<std::string_view> ConnectionIndicator::needs() const
{
    return {};
}

// Judged from the manifest's per-platform fetch record, so it works exactly
// when the data indicators cannot: it says why they are unknown.
IndicatorResult ConnectionIndicator::evaluate(const CheckInput& input) const
{
    auto r = start_result(id(), title());
    const auto& platforms = input.current().manifest.platforms;
    std::int64_t problems = 0;
    std::vector<std::string> silent;
    bool any_answered = false;
    for (auto p : {Platform::source, Platform::destination}) {
        const auto& name = input.platform_name(p);
        const auto found = platforms.find(name);
        const auto* manifest = found == platforms.end() ? nullptr : &found->second;
        if (!answered(manifest))
            silent.push_back(label(name));
        any_answered = any_answered || answered(manifest);
        const auto verdict = judge(name, manifest, input.as_of(), input.timezone());
        r.status = worse(r.status, verdict.status);
        r.score = std::min(r.score, score_of(verdict.status));
        for (const auto& issue : verdict.issues)
            add_example(r, issue);
        problems += static_cast<std::int64_t>(verdict.issues.size());
        if (manifest) {
            add_count(r, name + "_requests", manifest->requests);
            add_count(r, name + "_retries", manifest->retries);
            add_count(r, name + "_throttled", manifest->throttled);
        }
    }
    add_count(r, "problems", problems);
    std::string not_answered;
    for (const auto& name : silent)
        not_answered += (not_answered.empty() ? "" : " and ") + name;
    if (!any_answered && problems == 0) {
        r.status = Status::unknown;
        r.value = "not checked";
        r.summary = fmt::format("Not checked: {} did not answer.", not_answered);
        return r;
    }
    r.value = problems == 0 ? "no connection problem" : plural(problems, "problem", "problems");
    const std::string silent_note = silent.empty()
        ? ""
        : fmt::format(" ({} did not answer: see what could not be checked.)", not_answered);
    if (problems == 0) {
        r.summary = (silent.empty() ? "Both platforms answered, fully authorised, without heavy throttling."
                                    : "The platforms that answered did so fully authorised, without heavy "
                                      "throttling.") +
            silent_note;
        return r;
    }
    r.summary = fmt::format("{}: {}.{}", plural(problems, "connection problem", "connection problems"),
                            r.examples.front(), silent_note);
    r.impact = r.status == Status::critical
        ? "Part of the store's data could not be checked, so sync problems there go unseen."
        : "Checks ran, but slowly or close to a limit; a worse day may cut them short.";
    r.action = "Check frr's access to the platform named (its app installation, key and permissions); "
               "the next run checks again on its own.";
    return r;
}

}  // namespace frr::checks
