// A healthy store reports nothing: every expected exclusion is honoured and
// counted, edge cases of the window and the DST switch are judged correctly.
#include "checks/health_score.hpp"
#include "fixture.hpp"

#include <catch2/catch.hpp>

using namespace frr;
using namespace frr::checks;
using namespace frr::checks::test;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

model::Snapshot healthy_store()
{
    StoreBuilder b;
    const auto since = k_as_of - hours(24);
    const auto judge_before = k_as_of - hours(1);
    b.order("#1001", since);                                   // exactly at the window's start: judged
    b.order("#1002", at("2026-10-25T00:30:00Z"));              // 01:30 BST, before the clocks go back
    b.order("#1003", at("2026-10-25T01:30:00Z"));              // 01:30 GMT, the repeated hour
    b.order("#1004", judge_before - seconds(1));               // last judged second
    b.order("#1005", judge_before, Sync::not_synced);          // exactly at judge_before: grace
    b.order("#1006", k_as_of - minutes(5), Sync::not_synced);  // younger than grace
    b.order("#1007", since - seconds(1), Sync::not_synced);    // before the window
    auto& test_order = b.order("#1008", since + hours(3), Sync::not_synced);
    test_order.test = true;
    auto& phone_only = b.order("#1009", since + hours(4), Sync::not_synced);
    phone_only.email_hash.clear();
    phone_only.email_masked.clear();
    auto& cancelled = b.order("#1010", since + hours(5));
    cancelled.cancelled_at = since + hours(6);
    cancelled.financial_status = "REFUNDED";
    auto& pos = b.order("#1011", since + hours(6));
    pos.source_name = "pos";
    auto& draft = b.order("#1012", since + hours(7), Sync::synced, 5);
    draft.source_name = "shopify_draft_order";
    // An order presented in EUR: revenue and $value both in the shop currency.
    b.order("#1013", since + hours(8)).total = {14444, "EUR"};
    // An event carrying another currency cannot be compared, so is not judged.
    auto& eur = b.order("#1014", since + hours(9), Sync::not_synced);
    b.sync_order(eur);
    b.snapshot().destination.events.back().kind = model::EventKind::ordered_product;
    for (auto& e : b.snapshot().destination.events)
        if (e.order_id == eur.id && e.kind == model::EventKind::placed_order)
            e.value = model::Money{14444, "EUR"};
    // Decoy metric events (another integration's "Placed Order") are not Shopify data.
    auto decoy =
        b.event(model::EventKind::other, "M9", b.snapshot().source.orders[0], model::Money{1, "GBP"});
    b.snapshot().destination.events.push_back(decoy);
    auto decoy_for_test = b.event(model::EventKind::other, "M9", test_order, model::Money{1, "GBP"});
    b.snapshot().destination.events.push_back(decoy_for_test);
    // Newest event must be recent: an order 70 minutes old is synced.
    b.order("#1015", k_as_of - minutes(70));

    b.customer("101", since + hours(1));
    b.customer("102", since + hours(2), Sync::synced, model::SourceConsent::not_subscribed);
    b.customer("103", since + hours(3), Sync::synced, model::SourceConsent::unsubscribed);
    auto& pending = b.customer("104", since + hours(4), Sync::synced, model::SourceConsent::pending);
    b.profile_of(pending).consent = model::DestinationConsent::subscribed;  // double opt-in in flight
    auto& bounced = b.customer("105", since + hours(5));
    b.profile_of(bounced).consent = model::DestinationConsent::never_subscribed;
    b.profile_of(bounced).suppressions = {"HARD_BOUNCE"};
    auto& invalid = b.customer("106", since + hours(6), Sync::synced, model::SourceConsent::invalid);
    b.profile_of(invalid).suppressions = {"INVALID_EMAIL"};
    auto& phone = b.customer("107", since + hours(7), Sync::not_synced);
    phone.email_hash.clear();
    phone.has_phone = true;
    b.customer("108", k_as_of - minutes(20), Sync::not_synced);  // inside grace
    b.customer("109", since - hours(2), Sync::not_synced);       // updated before the window
    model::Profile klaviyo_only;
    klaviyo_only.id = "PX";
    klaviyo_only.email_hash = "signup-form";
    klaviyo_only.consent = model::DestinationConsent::subscribed;
    b.snapshot().destination.profiles.push_back(klaviyo_only);

    // 28 days of volume: busy days synced within noise, quiet days with no
    // Placed Order at all (3 orders cannot speak), and the DST day itself.
    for (int back = 1; back <= 28; ++back) {
        const auto day = core::add_days("2026-10-24", -(back - 1));
        const std::int64_t n = back % 7 == 2 ? 3 : 40;
        const std::int64_t k = back % 7 == 2 ? 0 : n - 3;
        b.snapshot().source.daily_orders.push_back({day, n});
        b.snapshot().destination.daily_placed_orders.push_back({day, k});
    }
    b.snapshot().source.daily_orders.push_back({"2026-10-25", 40});  // today: not complete, not judged
    b.snapshot().destination.audiences.push_back(
        {"L1", "Newsletter", model::AudienceKind::list, 120, false, k_as_of});
    return b.snapshot();
}

}  // namespace

TEST_CASE("a healthy store reports no finding and scores 100", "[checks][healthy]")
{
    const auto current = healthy_store();
    auto previous = current;
    previous.manifest.as_of = k_as_of - hours(24);
    previous.destination.audiences[0].profile_count = 118;
    Findings previous_findings;
    previous_findings.as_of = previous.manifest.as_of;
    const auto f = run(current, {}, &previous, &previous_findings);

    for (const auto& r : f.indicators) {
        INFO(r.id << ": " << r.summary);
        CHECK(r.status == Status::ok);
        CHECK(r.score == 100);
        CHECK(r.affected.empty());
    }
    const auto score = compute_score(f, {});
    CHECK(score.score == 100);
    CHECK(score.status == Status::ok);
    CHECK(score.confidence == Confidence::full);
    CHECK(score.deductions.empty());
    CHECK(exit_code_for(f, score) == core::ExitCode::ok);
}

TEST_CASE("expected exclusions are counted per reason", "[checks][healthy]")
{
    const auto f = run(healthy_store());
    const auto count = [&](std::string_view prefix) -> std::int64_t {
        for (const auto& e : f.exclusions)
            if (e.reason.rfind(prefix, 0) == 0)
                return e.count;
        return 0;
    };
    CHECK(count("test order") == 1);
    CHECK(count("order without email") == 1);
    CHECK(count("order younger than the grace period") == 2);
    CHECK(count("event of another integration") == 2);
    CHECK(count("customer without email") == 1);
    CHECK(count("customer updated within the grace period") == 1);
    const auto* order_sync = f.find("order_sync");
    REQUIRE(order_sync);
    CHECK(order_sync->value == "0 of 10 missing");
}

TEST_CASE("excluded channels and the history start are not expected in Klaviyo", "[checks][healthy]")
{
    StoreBuilder b;
    auto& pos = b.order("#2001", k_as_of - hours(5), Sync::not_synced);
    pos.source_name = "pos";
    b.order("#2002", k_as_of - hours(20), Sync::not_synced);
    b.order("#2003", k_as_of - hours(2));
    core::ChecksConfig config;
    config.exclude_channels = {"pos"};
    config.history_start = "2026-10-24T18:00:00Z";
    const auto f = run(b.snapshot(), config);
    CHECK(affected_keys(f, "order_missing_event").empty());
    CHECK(f.exclusions.size() == 2);
}
