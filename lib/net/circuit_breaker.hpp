#pragma once
// A circuit breaker per platform across RUNS. frr is cron-run, so the state
// lives in a JSON file the caller reads before the run and writes after it.
//
//   closed    -- every run fetches; consecutive failed runs are counted.
//   open      -- after `failure_threshold` consecutive failed runs: runs skip
//                the platform (exit 4) for the cool-down: `cool_down_runs`
//                runs (the default, so an hourly and a daily cron both work),
//                or, when that is 0, until `cool_down` has passed.
//   half_open -- the first run after the cool-down is a probe: its success
//                closes the breaker, its failure opens it again for a full
//                cool-down.
// One "episode" runs from the first failed run to the success that closes the
// breaker; the paused notice goes out once per episode (mark_notified).
// The breaker computes decisions; it never fetches, sleeps or touches files.
// A `now` earlier than opened_at (a back-dated --as-of) counts as cooling down.
#include "core/clock.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace frr::net {

enum class BreakerState { closed, open, half_open };
enum class BreakerDecision {
    run,    // fetch normally
    skip,   // open and cooling down: do not contact the platform
    probe,  // half-open: fetch once; the outcome decides
};

struct BreakerConfig {
    int failure_threshold = 3;
    std::chrono::seconds cool_down{0};
    int cool_down_runs = 1;  // > 0: count skipped runs instead of time
};

const char* breaker_state_name(BreakerState state);  // "closed", "open", "half_open"

class CircuitBreaker {
public:
    explicit CircuitBreaker(BreakerConfig config = {});

    // What this run should do. Moves open -> half_open once the cool-down has
    // passed; a skip counts one run of a cool-down counted in runs.
    BreakerDecision decide(core::TimePoint now);
    // Closes the breaker and ends the episode.
    void record_success(core::TimePoint now);
    // `reason` is a plain-words summary for the manifest; it must hold no secret.
    void record_failure(core::TimePoint now, std::string reason);

    BreakerState state() const { return m_state; }
    int consecutive_failures() const { return m_failures; }
    std::optional<core::TimePoint> opened_at() const { return m_opened_at; }
    // When an open breaker lets the next probe through, for a cool-down in time;
    // nullopt for one counted in runs (see runs_before_probe).
    std::optional<core::TimePoint> retry_at() const;
    // Open, cool-down in runs: how many more runs skip before the probe (0: the next run probes).
    int runs_before_probe() const;
    // The first failed run of the current episode (consecutive failures), if any.
    std::optional<core::TimePoint> first_failure_at() const { return m_first_failure_at; }
    // Whether the paused notice of the current episode went out.
    bool notified() const { return m_notified; }
    void mark_notified() { m_notified = true; }
    const std::string& last_failure() const { return m_last_failure; }
    std::optional<core::TimePoint> last_failure_at() const { return m_last_failure_at; }
    const BreakerConfig& config() const { return m_config; }

    // {"state":"open","consecutive_failures":3,"opened_at":"2026-11-27T06:00:00Z",
    //  "last_failure":"...","last_failure_at":"...","first_failure_at":"...",
    //  "skipped_runs":1,"notified":true} (absent times are null; the last three may be
    //  absent in files written before them).
    std::string to_json() const;
    // Throws core::Error(bad_input) naming `where` (the file) when `text` is not
    // a breaker state; the remedy says deleting the file resets the breaker.
    static CircuitBreaker from_json(std::string_view text, BreakerConfig config, std::string_view where);

private:
    BreakerConfig m_config;
    BreakerState m_state = BreakerState::closed;
    int m_failures = 0;
    std::optional<core::TimePoint> m_opened_at;
    std::string m_last_failure;
    std::optional<core::TimePoint> m_last_failure_at;
    std::optional<core::TimePoint> m_first_failure_at;
    int m_skipped_runs = 0;  // since the breaker last opened
    bool m_notified = false;
};

}  // namespace frr::net
