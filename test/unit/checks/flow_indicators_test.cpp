// The flow-trigger and flow indicators: each flags exactly its affected keys, names the flows a
// missing trigger starves, and is `unknown` when the data it needs was not read whole.
#include "checks/trigger_support.hpp"
#include "fixture.hpp"

#include <catch2/catch.hpp>

using namespace frr;
using namespace frr::checks;
using namespace frr::checks::test;
using std::chrono::hours;
using std::chrono::minutes;
using Keys = std::vector<std::string>;

namespace {

model::Event subject_event(StoreBuilder& b, model::EventKind kind, const char* metric,
                           const std::string& subject, core::TimePoint at)
{
    model::Order o;
    o.id = subject;
    o.created_at = at;
    auto e = b.event(kind, metric, o, {});
    return e;
}

void add_metrics(StoreBuilder& b)
{
    auto& m = b.snapshot().destination.metrics;
    m.push_back({"M3", "Checkout Started", "shopify", model::EventKind::checkout_started});
    m.push_back({"M4", "Fulfilled Order", "shopify", model::EventKind::fulfilled_order});
    m.push_back({"M5", "Fulfilled Partial Order", "shopify", model::EventKind::fulfilled_partial_order});
    m.push_back({"M6", "Cancelled Order", "shopify", model::EventKind::cancelled_order});
    m.push_back({"M7", "Refunded Order", "shopify", model::EventKind::refunded_order});
}

model::Flow flow(const char* id, const char* name, model::TriggerKind trigger, const char* trigger_id,
                 model::FlowStatus status = model::FlowStatus::live)
{
    model::Flow f;
    f.id = id;
    f.name = name;
    f.status = status;
    f.status_text = model::to_string(status);
    f.trigger = trigger;
    f.trigger_id = trigger_id;
    f.trigger_type = trigger == model::TriggerKind::list ? "Added to List" : "Metric";
    return f;
}

model::Checkout checkout(const char* id, core::TimePoint created, bool email = true)
{
    model::Checkout c;
    c.id = id;
    c.created_at = created;
    c.email_hash = email ? std::string("chk") + id : "";
    c.total = {4599, "GBP"};
    return c;
}

model::OrderChange change(const char* order, model::OrderChangeKind kind, core::TimePoint at)
{
    model::OrderChange c;
    c.order_id = std::string("9") + order;
    c.order_name = std::string("#") + order;
    c.kind = kind;
    c.at = at;
    c.order_created_at = at - hours(30);
    c.source_name = "web";
    c.email_hash = std::string("o") + order;
    c.total = {2000, "GBP"};
    return c;
}

}  // namespace

TEST_CASE("checkouts: every abandoned checkout with an email needs its checkout event", "[checks][flows]")
{
    StoreBuilder b;
    add_metrics(b);
    auto& s = b.snapshot();
    s.source.checkouts = {checkout("101", k_as_of - hours(3)), checkout("102", k_as_of - hours(5)),
                          checkout("103", k_as_of - hours(6), false),  // no email: never synced
                          checkout("104", k_as_of - minutes(20)),      // grace
                          checkout("105", k_as_of - hours(30))};       // before the window
    s.destination.events.push_back(
        subject_event(b, model::EventKind::checkout_started, "M3", "101", k_as_of - hours(3)));
    s.destination.flows = {flow("F1", "Abandoned Checkout", model::TriggerKind::metric, "M3")};
    const auto f = run(s);
    CHECK(affected_keys(f, "checkout_missing_event") == Keys{"102"});
    const auto* r = f.find("checkouts");
    REQUIRE(r);
    CHECK(r->status != Status::ok);  // 1 of 2 missing: critical by its score
    CHECK(r->summary.find("Checkout Started") != std::string::npos);
    CHECK(r->impact.find("“Abandoned Checkout”") != std::string::npos);
}

TEST_CASE("order changes: fulfilments, cancellations and full refunds need their events", "[checks][flows]")
{
    StoreBuilder b;
    add_metrics(b);
    auto& s = b.snapshot();
    using K = model::OrderChangeKind;
    s.source.order_changes = {change("1", K::fulfilled, k_as_of - hours(2)),
                              change("2", K::partially_fulfilled, k_as_of - hours(3)),
                              change("2", K::fulfilled, k_as_of - hours(2)),
                              change("3", K::cancelled, k_as_of - hours(4)),
                              change("4", K::refunded, k_as_of - hours(5)),
                              change("5", K::fulfilled, k_as_of - minutes(10))};  // grace
    s.source.order_changes.back().test = false;
    auto test_order = change("6", K::cancelled, k_as_of - hours(4));
    test_order.test = true;  // never synced: excluded
    s.source.order_changes.push_back(test_order);
    s.destination.events.push_back(
        subject_event(b, model::EventKind::fulfilled_order, "M4", "91", k_as_of - hours(2)));
    s.destination.events.push_back(
        subject_event(b, model::EventKind::fulfilled_order, "M4", "92", k_as_of - hours(2)));
    // #2's partial fulfilment never arrived; #3's cancellation and #4's refund neither.
    s.destination.flows = {flow("F2", "Shipping Confirmation", model::TriggerKind::metric, "M4")};
    const auto f = run(s);
    CHECK(affected_keys(f, "fulfillment_missing_event") == Keys{"#2"});
    CHECK(affected_keys(f, "cancellation_missing_event") == Keys{"#3"});
    CHECK(affected_keys(f, "refund_missing_event") == Keys{"#4"});
    const auto* fulfilments = f.find("fulfillments");
    REQUIRE(fulfilments);
    CHECK(fulfilments->impact.find("“Shipping Confirmation”") != std::string::npos);
    // Only the partial fulfilment missed, so only its event is named.
    CHECK(fulfilments->summary.find("never reached Klaviyo as Fulfilled Partial Order.") !=
          std::string::npos);
    bool excluded_test = false;
    for (const auto& c : f.find("cancellations")->counts)
        excluded_test = excluded_test || (c.name == "excluded: test order" && c.value == 1);
    CHECK(excluded_test);
}

TEST_CASE("order changes: the summary names the events of the kinds the store had", "[checks][flows]")
{
    StoreBuilder b;
    add_metrics(b);
    auto& s = b.snapshot();
    // A store with whole fulfilments only (WooCommerce has no partial ones): the summary does not
    // name Fulfilled Partial Order, nor a fallback for a metric the account may not have.
    s.source.order_changes = {change("1", model::OrderChangeKind::fulfilled, k_as_of - hours(2))};
    s.destination.events.push_back(
        subject_event(b, model::EventKind::fulfilled_order, "M4", "91", k_as_of - hours(2)));
    const auto f = run(s);
    const auto* fulfilments = f.find("fulfillments");
    REQUIRE(fulfilments);
    CHECK(fulfilments->summary == "All 1 fulfilment reached Klaviyo as Fulfilled Order.");
}

TEST_CASE("an event dataset that was not read whole makes its indicator unknown", "[checks][flows]")
{
    StoreBuilder b;
    add_metrics(b);
    auto& s = b.snapshot();
    s.source.checkouts = {checkout("101", k_as_of - hours(3))};
    s.manifest.platforms["klaviyo"].status = model::Coverage::partial;
    // A manifest that tracks datasets lists every one the run read; only this one was partial.
    s.manifest.platforms["shopify"].mark_all(model::Role::source, model::Coverage::complete, "");
    s.manifest.platforms["klaviyo"].mark_all(model::Role::destination, model::Coverage::complete, "");
    s.manifest.platforms["klaviyo"].mark("events.checkout_started", model::Coverage::partial, "HTTP 503");
    const auto f = run(s);
    CHECK(f.find("checkouts")->status == Status::unknown);
    CHECK(affected_keys(f, "checkout_missing_event").empty());
    CHECK(f.find("order_sync")->status == Status::ok);  // the rest is judged as before
}

TEST_CASE("subscribers: new email subscribers must be on the subscriber list", "[checks][flows]")
{
    StoreBuilder b;
    auto& s = b.snapshot();
    auto opt_in = [&](const char* id, core::TimePoint at) {
        auto& c = b.customer(id, at);
        c.consent_updated_at = at - minutes(5);
        return c.email_hash.str();
    };
    const auto on = opt_in("C1", k_as_of - hours(3));
    const auto off = opt_in("C2", k_as_of - hours(4));
    const auto young = opt_in("C3", k_as_of - minutes(10));  // grace
    auto& old = b.customer("C4", k_as_of - hours(2));        // opted in long ago
    old.consent_updated_at = k_as_of - hours(24 * 40);
    s.destination.subscriber_list = {"L1", "Newsletter", "discovered", {on, off, young}, {on}};
    s.destination.flows = {flow("F3", "Welcome Series", model::TriggerKind::list, "L1")};
    const auto f = run(s);
    CHECK(affected_keys(f, "subscriber_missing_from_list") == Keys{"C2"});
    const auto* r = f.find("subscribers");
    CHECK(r->summary.find("“Newsletter”") != std::string::npos);
    CHECK(r->impact.find("“Welcome Series”") != std::string::npos);

    // No list configured or discovered: not judged, and it says how to configure one.
    s.destination.subscriber_list.id.clear();
    const auto g = run(s);
    CHECK(g.find("subscribers")->status == Status::unknown);
    CHECK(g.find("subscribers")->action.find("klaviyo.subscriber_list") != std::string::npos);
}

TEST_CASE("flow status: a flow live at the last run and no longer live", "[checks][flows]")
{
    StoreBuilder before;
    before.snapshot().destination.flows = {
        flow("F1", "Abandoned Checkout", model::TriggerKind::metric, "M3"),
        flow("F2", "Shipping", model::TriggerKind::metric, "M4"),
        flow("F3", "Welcome", model::TriggerKind::list, "L1"),
        flow("F4", "Win-back", model::TriggerKind::none, "", model::FlowStatus::draft)};
    StoreBuilder now;
    now.snapshot().destination.flows = {
        flow("F1", "Abandoned Checkout", model::TriggerKind::metric, "M3", model::FlowStatus::draft),
        flow("F3", "Welcome", model::TriggerKind::list, "L1"),  // F2 deleted or archived
        flow("F4", "Win-back", model::TriggerKind::none, "", model::FlowStatus::draft)};
    const auto f = run(now.snapshot(), {}, &before.snapshot());
    CHECK(affected_keys(f, "flow_not_live") == Keys{"F1", "F2"});
    CHECK(f.find("flow_status")->summary.find("“Abandoned Checkout”") != std::string::npos);
    // The report's summary lists the switched-off flows with their state.
    bool deleted = false;
    for (const auto& s : f.flows)
        deleted =
            deleted || (s.id == "F2" && s.verdict == "switched_off" && s.status == "deleted or archived");
    CHECK(deleted);
    // Without a previous run nothing can be switched off.
    CHECK(affected_keys(run(now.snapshot()), "flow_not_live").empty());
}

TEST_CASE("flow sends: silent only when the trigger arrived and nothing was sent", "[checks][flows]")
{
    StoreBuilder b;
    add_metrics(b);
    auto& s = b.snapshot();
    s.destination.flows = {flow("F1", "Abandoned Checkout", model::TriggerKind::metric, "M3"),
                           flow("F2", "Shipping", model::TriggerKind::metric, "M4")};
    core::ChecksConfig config;
    CheckInput input(s, nullptr, nullptr, config, k_words, k_zone);
    const auto days = flow_days(input);
    REQUIRE(days.baseline.size() == 14);
    REQUIRE(days.window.size() == 2);  // 24 Oct and 25 Oct
    for (const auto& d : days.baseline) {
        s.destination.trigger_days.push_back({"M3", d, 20});
        s.destination.trigger_days.push_back({"M4", d, 3});
        s.destination.flow_report.push_back({"F1", "MSG1", "email", d, 14});
        s.destination.flow_report.push_back({"F2", "MSG2", "email", d, 3});
    }
    for (const auto& d : days.window) {
        s.destination.trigger_days.push_back({"M3", d, 12});  // 24 triggers, ~17 expected sends
        s.destination.trigger_days.push_back({"M4", d, 2});   // 4 triggers: too few to judge
    }
    const auto f = run(s, config);
    CHECK(affected_keys(f, "flow_silent") == Keys{"F1"});
    const auto silence = flow_silence(input, s.destination.flows[0], days);
    CHECK(silence.window_triggers == 24);
    CHECK(silence.send_rate == Approx(0.7));
    CHECK(silence.probability < 0.001);

    // A few sends in the window: not silent.
    s.destination.flow_report.push_back({"F1", "MSG1", "email", days.window[0], 2});
    CHECK(affected_keys(run(s, config), "flow_silent").empty());

    // A flow report that could not be read (a 429): the flow indicators are unknown, no other.
    s.manifest.platforms["klaviyo"].mark_all(model::Role::destination, model::Coverage::complete);
    s.manifest.platforms["klaviyo"].mark("flow_report", model::Coverage::unavailable,
                                         "HTTP 429: Request was throttled.");
    const auto g = run(s, config);
    CHECK(g.find("flow_sends")->status == Status::unknown);
    CHECK(g.find("flow_status")->status != Status::unknown);
    CHECK(g.find("order_sync")->status == Status::ok);
}
