// Indicators that compare with earlier runs (late events, audiences) and the
// volume indicator's Poisson rule.
#include "checks/poisson.hpp"
#include "fixture.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace frr;
using namespace frr::checks;
using namespace frr::checks::test;
using std::chrono::hours;
using std::chrono::minutes;
using Keys = std::vector<std::string>;

TEST_CASE("late events: missing at the previous run, present now, delay bounded by both runs",
          "[checks][event_delay]")
{
    // Run 1 at T-3h sees #1, #2 and #3 missing; run 2 at T sees #1 arrived and
    // #2 still missing. #3 left the current snapshot but arrived as well.
    StoreBuilder first;
    first.snapshot().manifest.as_of = k_as_of - hours(3);
    first.snapshot().manifest.since = k_as_of - hours(27);
    first.snapshot().manifest.until = k_as_of - hours(3);
    const auto c1 = k_as_of - hours(6);
    const auto c2 = k_as_of - hours(5);
    const auto c3 = k_as_of - hours(26);
    first.order("#1", c1, Sync::not_synced);
    first.order("#2", c2, Sync::not_synced);
    first.order("#3", c3, Sync::not_synced);
    const auto f1 = run(first.snapshot());
    REQUIRE(affected_keys(f1, "order_missing_event") == Keys{"#1", "#2", "#3"});

    StoreBuilder second;
    const auto& o1 = second.order("#1", c1);
    second.snapshot().source.orders[0].id = first.snapshot().source.orders[0].id;
    second.snapshot().destination.events.clear();
    second.sync_order(o1);
    second.order("#2", c2, Sync::not_synced).id = first.snapshot().source.orders[1].id;
    second.snapshot().destination.events.push_back(second.event(model::EventKind::placed_order, "M1",
                                                                first.snapshot().source.orders[2],
                                                                first.snapshot().source.orders[2].revenue));
    const auto f2 = run(second.snapshot(), {}, &first.snapshot(), &f1);

    CHECK(affected_keys(f2, "order_event_late") == Keys{"#1", "#3"});
    CHECK(affected_keys(f2, "order_missing_event") == Keys{"#2"});
    const auto* r = f2.find("event_delay");
    REQUIRE(r);
    const auto& late1 = r->affected[1];  // sorted by created_at: #3 first
    CHECK(late1.key == "#1");
    const auto detail = [&](const std::string& k) {
        for (const auto& [name, value] : late1.detail)
            if (name == k)
                return value;
        return std::string();
    };
    CHECK(detail("delay_min_seconds") == std::to_string(3 * 3600));
    CHECK(detail("delay_max_seconds") == std::to_string(6 * 3600));
    CHECK(detail("order_created") == core::format_iso8601(c1));
    CHECK(r->status == Status::warn);  // the data did arrive: never critical on its own
    CHECK(r->score >= 60);
    // Changes against run 1's order_sync: #2 persists; #1 and #3 resolved there.
    const auto* sync = f2.find("order_sync");
    CHECK(sync->changes.persisting == Keys{"order_missing_event #2"});
    CHECK(sync->changes.resolved.size() == 2);
    CHECK(sync->changes.added.empty());
}

TEST_CASE("audiences: drops to half or less from at least the minimum, and vanished ones",
          "[checks][audiences]")
{
    StoreBuilder before;
    auto& prev = before.snapshot().destination.audiences;
    prev.push_back({"A1", "Newsletter", model::AudienceKind::list, 100, false, k_as_of});
    prev.push_back({"A2", "VIP", model::AudienceKind::segment, 100, false, k_as_of});
    prev.push_back({"A3", "Tiny", model::AudienceKind::list, 9, false, k_as_of});
    prev.push_back({"A4", "Gone", model::AudienceKind::segment, 40, false, k_as_of});
    prev.push_back({"A5", "Exactly half", model::AudienceKind::list, 10, false, k_as_of});
    prev.push_back({"A6", "Processing", model::AudienceKind::segment, 50, false, k_as_of});
    StoreBuilder now;
    auto& cur = now.snapshot().destination.audiences;
    cur.push_back({"A1", "Newsletter", model::AudienceKind::list, 51, false, k_as_of});
    cur.push_back({"A2", "VIP", model::AudienceKind::segment, 0, false, k_as_of});
    cur.push_back({"A3", "Tiny", model::AudienceKind::list, 0, false, k_as_of});
    cur.push_back({"A5", "Exactly half", model::AudienceKind::list, 5, false, k_as_of});
    cur.push_back({"A6", "Processing", model::AudienceKind::segment, std::nullopt, true, k_as_of});
    const auto f = run(now.snapshot(), {}, &before.snapshot());
    CHECK(affected_keys(f, "audience_drop") == Keys{"A2", "A4", "A5"});
}

TEST_CASE("Poisson lower tail in log space", "[checks][volume]")
{
    CHECK(poisson_lower_tail(0, 10) == Approx(std::exp(-10.0)));
    CHECK(poisson_lower_tail(1, 10) == Approx(11 * std::exp(-10.0)));
    CHECK(poisson_lower_tail(-1, 10) == 0.0);
    CHECK(poisson_lower_tail(3, 0) == 1.0);
    CHECK(poisson_lower_tail(10, 10) == Approx(0.58303).epsilon(1e-4));
    // Large means neither underflow to 0 nor overflow.
    CHECK(poisson_lower_tail(100000, 100000) == Approx(0.5).epsilon(0.01));
    CHECK(poisson_lower_tail(99000, 100000) < 0.001);
    CHECK(poisson_lower_tail(99000, 100000) > 0.0);
    CHECK(poisson_lower_tail(0, 5000) == 0.0);
}

TEST_CASE("volume: a zero day is a gap, a quiet day and a noisy day are not", "[checks][volume]")
{
    StoreBuilder b;
    auto& src = b.snapshot().source.daily_orders;
    auto& dst = b.snapshot().destination.daily_placed_orders;
    // since = 2026-10-24T12:00Z, so the last complete day is 2026-10-23.
    src = {{"2026-10-23", 40}, {"2026-10-22", 9},  {"2026-10-21", 10}, {"2026-10-20", 30}, {"2026-10-19", 30},
           {"2026-09-26", 50}, {"2026-09-25", 50}, {"2026-10-24", 50}, {"2026-10-18", 4},  {"2026-10-17", 5}};
    dst = {{"2026-10-23", 0}, {"2026-10-21", 2}, {"2026-10-20", 22}, {"2026-10-19", 12}, {"2026-10-17", 1}};
    // 10-22: 9 orders, none synced: below the Poisson minimum, but a whole day lost (>= 5), a gap.
    // 10-18: 4 orders, none synced: too few to say, silent. 10-17: 5 orders, 1 synced: silent.
    // 10-21: 10 orders, 2 synced: P(X<=2) = 0.0028, plausible enough.
    // 10-20: 30 orders, 22 synced: noise.  10-19: 30 orders, 12 synced: P = 0.0002, a gap.
    // 09-26 is the 28th day back (in); 09-25 is outside; 10-24 is not complete.
    const auto f = run(b.snapshot());
    CHECK(affected_keys(f, "volume_gap") == Keys{"2026-09-26", "2026-10-19", "2026-10-22", "2026-10-23"});
    // checks.volume_min_orders_lost_day: 0 switches the small-store rule off.
    core::ChecksConfig off;
    off.volume_min_orders_lost_day = 0;
    CHECK(affected_keys(run(b.snapshot(), off), "volume_gap") ==
          Keys{"2026-09-26", "2026-10-19", "2026-10-23"});
}
