// The watermarks: where a run's window starts, and when a dataset's mark moves.
#include "core/error.hpp"
#include "core/time.hpp"
#include "pipeline/fetch_window.hpp"
#include "pipeline/watermarks.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

using namespace frr;
using namespace std::chrono_literals;

namespace {

core::TimePoint at(const char* iso)
{
    return core::parse_iso8601_or_throw(iso, "test time");
}

void mark_all(pipeline::Watermarks& marks, core::TimePoint t)
{
    for (const auto& id : pipeline::watermarked_datasets())
        marks.advance(id, t);
}

// Findings of a run in which every indicator was judged and every dataset complete.
checks::Findings judged_everything()
{
    checks::Findings f;
    for (const auto& d : model::k_datasets)
        f.datasets[std::string(d.id)] = {"", {model::Coverage::complete, "", {}}};
    checks::IndicatorResult order_sync;
    order_sync.id = "order_sync";
    order_sync.needs = {"orders", "events.placed_order"};
    checks::IndicatorResult customer_sync;
    customer_sync.id = "customer_sync";
    customer_sync.needs = {"customers", "profiles"};
    f.indicators = {order_sync, customer_sync};
    return f;
}

model::Manifest manifest(const char* as_of, core::TimePoint since)
{
    model::Manifest m;
    m.as_of = at(as_of);
    m.since = since;
    m.until = m.as_of;
    return m;
}

}  // namespace

TEST_CASE("the record-level datasets set the window, the look-backs do not", "[pipeline][watermarks]")
{
    const auto ids = pipeline::watermarked_datasets();
    const auto has = [&](const char* id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); };
    CHECK(has("orders"));
    CHECK(has("customers"));
    CHECK(has("events.placed_order"));
    CHECK(has("profiles"));
    CHECK_FALSE(has("daily_orders"));  // a look-back of its own
    CHECK_FALSE(has("audiences"));     // a snapshot compared with the previous one
    CHECK(has("checkouts"));           // judged record by record (checkouts), so it is caught up too
    CHECK_FALSE(has("flows"));         // compared with the previous run, not over a window
}

TEST_CASE("a run's window reaches back to the oldest watermark, capped by max_catch_up",
          "[pipeline][watermarks]")
{
    test::TempDir dir;
    core::StateDir state(dir.path());
    pipeline::Watermarks marks(state);
    core::ChecksConfig checks;  // window 24h, grace 1h, max_catch_up 7d

    // First run: no watermark, the configured window.
    auto plan = pipeline::plan_window(at("2026-11-27T06:00:00Z"), checks, marks, 0s);
    CHECK(plan.since == at("2026-11-26T06:00:00Z"));
    CHECK_FALSE(plan.watermark);

    // Daily runs join up: the hour the previous run could not judge yet is included.
    mark_all(marks, at("2026-11-27T05:00:00Z"));
    plan = pipeline::plan_window(at("2026-11-28T06:00:00Z"), checks, marks, 0s);
    CHECK(plan.since == at("2026-11-27T05:00:00Z"));
    CHECK(plan.nominal_since == at("2026-11-27T06:00:00Z"));

    // An hourly run keeps the whole configured window.
    plan = pipeline::plan_window(at("2026-11-27T07:00:00Z"), checks, marks, 0s);
    CHECK(plan.since == at("2026-11-26T07:00:00Z"));

    // Three days later (missed runs or an outage): all three days.
    plan = pipeline::plan_window(at("2026-11-30T06:00:00Z"), checks, marks, 0s);
    CHECK(plan.since == at("2026-11-27T05:00:00Z"));
    CHECK_FALSE(plan.skipped_since);

    // Ten days later: seven, and the rest is named as skipped.
    plan = pipeline::plan_window(at("2026-12-07T06:00:00Z"), checks, marks, 0s);
    CHECK(plan.since == at("2026-11-30T06:00:00Z"));
    CHECK(plan.skipped_since == at("2026-11-27T05:00:00Z"));

    // One dataset behind holds the window back for all.
    marks.advance("orders", at("2026-11-29T05:00:00Z"));
    plan = pipeline::plan_window(at("2026-11-30T06:00:00Z"), checks, marks, 0s);
    CHECK(plan.since == at("2026-11-27T05:00:00Z"));

    // --since forces its window.
    plan = pipeline::plan_window(at("2026-11-30T06:00:00Z"), checks, marks, 2h);
    CHECK(plan.explicit_window);
    CHECK(plan.since == at("2026-11-30T04:00:00Z"));
}

TEST_CASE("a dataset's mark moves only when everything that reads it was judged", "[pipeline][watermarks]")
{
    test::TempDir dir;
    core::StateDir state(dir.path());
    core::ChecksConfig checks;
    {
        pipeline::Watermarks marks(state);
        mark_all(marks, at("2026-11-27T05:00:00Z"));
        auto f = judged_everything();
        // Profiles not read: customer sync unknown; customers and profiles stay behind.
        f.datasets["profiles"].coverage.status = model::Coverage::unavailable;
        f.indicators[1].status = checks::Status::unknown;
        pipeline::advance_watermarks(marks, manifest("2026-11-28T06:00:00Z", at("2026-11-27T05:00:00Z")), f,
                                     checks);
        CHECK(marks.of("orders") == at("2026-11-28T05:00:00Z"));
        CHECK(marks.of("events.placed_order") == at("2026-11-28T05:00:00Z"));
        CHECK(marks.of("customers") == at("2026-11-27T05:00:00Z"));
        CHECK(marks.of("profiles") == at("2026-11-27T05:00:00Z"));
        marks.save();
    }
    pipeline::Watermarks marks(state);  // read back from watermarks.json
    CHECK(marks.of("orders") == at("2026-11-28T05:00:00Z"));
    CHECK(marks.of("customers") == at("2026-11-27T05:00:00Z"));

    // An explicit window that starts after the mark leaves a gap: no move.
    pipeline::advance_watermarks(marks, manifest("2026-11-29T06:00:00Z", at("2026-11-29T04:00:00Z")),
                                 judged_everything(), checks);
    CHECK(marks.of("customers") == at("2026-11-27T05:00:00Z"));
    // A window capped by max_catch_up says what it skipped, and moves it.
    auto capped = manifest("2026-12-07T06:00:00Z", at("2026-11-30T06:00:00Z"));
    capped.catch_up.skipped_since = at("2026-11-27T05:00:00Z");
    pipeline::advance_watermarks(marks, capped, judged_everything(), checks);
    CHECK(marks.of("customers") == at("2026-12-07T05:00:00Z"));
    // A back-dated run never moves a mark back.
    pipeline::advance_watermarks(marks, manifest("2026-11-20T06:00:00Z", at("2026-11-19T06:00:00Z")),
                                 judged_everything(), checks);
    CHECK(marks.of("customers") == at("2026-12-07T05:00:00Z"));
}

TEST_CASE("a corrupt watermarks file is bad input that says how to recover", "[pipeline][watermarks]")
{
    test::TempDir dir;
    core::StateDir state(dir.path());
    test::write_text(dir / "watermarks.json", R"({"orders": "yesterday"})");
    try {
        pipeline::Watermarks marks(state);
        FAIL("accepted a corrupt file");
    } catch (const core::Error& e) {
        CHECK(e.code() == core::ExitCode::bad_input);
        CHECK(e.remedy().find("delete it") != std::string::npos);
    }
}

TEST_CASE("the time between runs is read from the last runs, for the next attempt's date",
          "[pipeline][breaker]")
{
    test::TempDir dir;
    core::StateDir state(dir.path());
    const auto configured = std::chrono::seconds{24h};
    // Too few runs: the configured interval.
    CHECK(pipeline::run_interval(state, at("2026-11-27T06:00:00Z"), configured) == configured);
    // An hourly cron, with one run missed: still an hour.
    for (const char* t :
         {"2026-11-27T01:00:00Z", "2026-11-27T02:00:00Z", "2026-11-27T03:00:00Z", "2026-11-27T05:00:00Z"})
        state.create_run(at(t));
    CHECK(pipeline::run_interval(state, at("2026-11-27T06:00:00Z"), configured) == std::chrono::seconds{1h});
    // Dry runs are not runs of the schedule.
    state.create_run(at("2026-11-27T05:30:00Z"), core::RunPlace::dry_run);
    CHECK(pipeline::run_interval(state, at("2026-11-27T06:00:00Z"), configured) == std::chrono::seconds{1h});
}
