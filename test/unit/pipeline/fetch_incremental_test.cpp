#include "pipeline/fetch_incremental.hpp"

#include <catch2/catch.hpp>

using namespace frr;
using namespace std::chrono_literals;

namespace {

const core::TimePoint k_as_of{std::chrono::seconds{1'800'000'000}};
const pipeline::Sides k_sides{"shopify", "klaviyo"};

model::Order order(const std::string& id, core::TimePoint created)
{
    model::Order o;
    o.id = id;
    o.name = "#" + id;
    o.created_at = created;
    o.source_name = "web";
    o.email_hash = "h" + id;
    return o;
}

model::Event placed(const std::string& order_id)
{
    model::Event e;
    e.id = "e" + order_id;
    e.kind = model::EventKind::placed_order;
    e.order_id = order_id;
    return e;
}

// A previous run at k_as_of with a 24 h window and both platforms complete.
model::Snapshot previous_snapshot()
{
    model::Snapshot s;
    s.manifest.as_of = k_as_of;
    s.manifest.since = k_as_of - 24h;
    s.manifest.until = k_as_of;
    s.manifest.platforms["shopify"].status = model::Coverage::complete;
    s.manifest.platforms["klaviyo"].status = model::Coverage::complete;
    return s;
}

}  // namespace

TEST_CASE(
    "the late look-back starts at the oldest judged order the previous run saw without its Placed Order",
    "[pipeline]")
{
    core::ChecksConfig checks;  // grace 1 h
    auto prev = previous_snapshot();
    const core::TimePoint floor = k_as_of - 48h;
    prev.source.orders = {order("1", k_as_of - 20h), order("2", k_as_of - 10h), order("3", k_as_of - 5h)};
    prev.destination.events = {placed("1")};
    CHECK(pipeline::oldest_missing_placed_order(prev, checks, floor, k_sides) == k_as_of - 10h);

    prev.destination.events.push_back(placed("2"));
    CHECK(pipeline::oldest_missing_placed_order(prev, checks, floor, k_sides) == k_as_of - 5h);

    prev.destination.events.push_back(placed("3"));
    CHECK(pipeline::oldest_missing_placed_order(prev, checks, floor, k_sides) == core::TimePoint::max());
}

TEST_CASE("the late look-back ignores orders that were never judged or cannot have an event", "[pipeline]")
{
    core::ChecksConfig checks;
    checks.exclude_channels = {"pos"};
    auto prev = previous_snapshot();
    const core::TimePoint floor = k_as_of - 48h;
    auto young = order("1", k_as_of - 30min);  // inside the previous grace period
    auto test_order = order("2", k_as_of - 20h);
    test_order.test = true;
    auto no_email = order("3", k_as_of - 19h);
    no_email.email_hash.clear();
    auto excluded = order("4", k_as_of - 18h);
    excluded.source_name = "pos";
    auto before_window = order("5", k_as_of - 25h);
    prev.source.orders = {young, test_order, no_email, excluded, before_window};
    CHECK(pipeline::oldest_missing_placed_order(prev, checks, floor, k_sides) == core::TimePoint::max());

    prev.source.orders.push_back(order("6", k_as_of - 17h));
    CHECK(pipeline::oldest_missing_placed_order(prev, checks, floor, k_sides) == k_as_of - 17h);
    // Never more than the floor back: an older missing order is not looked for.
    CHECK(pipeline::oldest_missing_placed_order(prev, checks, k_as_of - 12h, k_sides) ==
          core::TimePoint::max());
}

TEST_CASE("no late look-back from a previous run whose Klaviyo part was not complete", "[pipeline]")
{
    core::ChecksConfig checks;
    auto prev = previous_snapshot();
    prev.source.orders = {order("1", k_as_of - 20h)};
    prev.manifest.platforms["klaviyo"].status = model::Coverage::unavailable;
    CHECK(pipeline::oldest_missing_placed_order(prev, checks, k_as_of - 48h, k_sides) ==
          core::TimePoint::max());
    prev.manifest.platforms["klaviyo"].status = model::Coverage::complete;
    CHECK(pipeline::oldest_missing_placed_order(prev, checks, k_as_of - 48h, k_sides) == k_as_of - 20h);
}

namespace {

model::Customer customer(const std::string& id, core::TimePoint updated)
{
    model::Customer c;
    c.id = id;
    c.updated_at = updated;
    c.email_hash = "c" + id;
    return c;
}

model::Profile profile(const std::string& id, const std::string& hash, model::DestinationConsent consent)
{
    model::Profile p;
    p.id = id;
    p.email_hash = hash;
    p.consent = consent;
    return p;
}

pipeline::FetchWindow window_until(core::TimePoint until)
{
    pipeline::FetchWindow w;
    w.until = until;
    w.since = until - 24h;
    w.events_from = w.since - 1h;
    return w;
}

}  // namespace

TEST_CASE("a run an hour after the previous one reuses the overlap of the windows and nothing else",
          "[pipeline]")
{
    auto prev = previous_snapshot();  // window [as_of - 24h, as_of)
    prev.source.orders = {order("1", k_as_of - (23h + 30min)), order("2", k_as_of - 2h)};
    prev.source.customers = {customer("10", k_as_of - (23h + 30min)), customer("11", k_as_of - 3h)};
    prev.destination.profiles = {profile("p10", "c10", model::DestinationConsent::subscribed),
                                 profile("p11", "c11", model::DestinationConsent::subscribed)};
    const auto w = window_until(k_as_of + 1h);  // since = as_of - 23h
    auto reused = pipeline::reusable_window(prev, w, k_sides);
    CHECK(reused.resume_at == k_as_of);
    REQUIRE(reused.orders.size() == 1);
    CHECK(reused.orders[0].id == "2");
    REQUIRE(reused.customers.size() == 1);
    CHECK(reused.customers[0].id == "11");
    REQUIRE(reused.profiles.size() == 1);
    CHECK(reused.profiles[0].id == "p11");
}

TEST_CASE("no window reuse without overlap or from an incomplete previous run", "[pipeline]")
{
    auto prev = previous_snapshot();
    prev.source.orders = {order("2", k_as_of - 2h)};
    CHECK(pipeline::reusable_window(prev, window_until(k_as_of + 24h), k_sides).resume_at ==
          core::TimePoint::min());
    prev.manifest.platforms["klaviyo"].status = model::Coverage::partial;
    CHECK(pipeline::reusable_window(prev, window_until(k_as_of + 1h), k_sides).resume_at ==
          core::TimePoint::min());
}

TEST_CASE("merging: fetched records win, reused ones fill in, Klaviyo's updated profiles replace old ones",
          "[pipeline]")
{
    pipeline::ReusedWindow reused;
    reused.resume_at = k_as_of;
    reused.orders = {order("1", k_as_of - 5h), order("2", k_as_of - 4h)};
    reused.customers = {customer("10", k_as_of - 5h), customer("11", k_as_of - 4h),
                        customer("12", k_as_of - 3h)};
    reused.profiles = {profile("p10", "c10", model::DestinationConsent::subscribed),
                       profile("p11", "c11", model::DestinationConsent::subscribed)};
    pipeline::Incremental incremental("run-1", {}, core::TimePoint::max(), reused);
    const auto w = window_until(k_as_of + 1h);

    connectors::SourceWindow sw;
    sw.since = w.since;
    incremental.narrow(sw);
    CHECK(sw.orders_updated_from == k_as_of);
    CHECK(incremental.customers_from(w) == k_as_of);
    CHECK(incremental.profiles_updated_from() == k_as_of);

    connectors::SourceFetch source;
    source.manifest.status = model::Coverage::complete;
    auto updated_order = order("2", k_as_of - 4h);
    updated_order.cancelled_at = k_as_of + 10min;
    source.data.orders = {updated_order, order("3", k_as_of + 30min)};
    source.data.customers = {customer("11", k_as_of + 20min)};  // updated again: looked up again
    connectors::DestinationFetch destination;
    destination.manifest.status = model::Coverage::complete;
    destination.data.profiles = {profile("p11", "c11", model::DestinationConsent::unsubscribed)};
    destination.updated_profiles = {profile("p10", "c10", model::DestinationConsent::unsubscribed),
                                    profile("p12", "c12", model::DestinationConsent::subscribed),
                                    profile("p99", "c99", model::DestinationConsent::subscribed)};
    incremental.merge(w, source, destination);

    std::map<std::string, bool> cancelled;
    for (const auto& o : source.data.orders)
        cancelled[o.id] = o.cancelled_at.has_value();
    CHECK(cancelled == std::map<std::string, bool>{{"1", false}, {"2", true}, {"3", false}});
    CHECK(source.manifest.counts["orders"] == 3);
    std::map<std::string, core::TimePoint> customers;
    for (const auto& c : source.data.customers)
        customers[c.id] = c.updated_at;
    CHECK(customers ==
          std::map<std::string, core::TimePoint>{
              {"10", k_as_of - 5h}, {"11", k_as_of + 20min}, {"12", k_as_of - 3h}});
    std::map<std::string, model::DestinationConsent> profiles;
    for (const auto& p : destination.data.profiles)
        profiles[p.id] = p.consent;
    // p10 changed on Klaviyo's side only; p12 is new for a reused customer; p99 belongs to no
    // customer of the window; p11 came from this run's lookup.
    CHECK(profiles ==
          std::map<std::string, model::DestinationConsent>{{"p10", model::DestinationConsent::unsubscribed},
                                                           {"p11", model::DestinationConsent::unsubscribed},
                                                           {"p12", model::DestinationConsent::subscribed}});
    CHECK(destination.manifest.counts["profiles"] == 3);
}

TEST_CASE("merging adds nothing to a platform that did not answer", "[pipeline]")
{
    pipeline::ReusedWindow reused;
    reused.resume_at = k_as_of;
    reused.orders = {order("1", k_as_of - 5h)};
    reused.customers = {customer("10", k_as_of - 5h)};
    reused.profiles = {profile("p10", "c10", model::DestinationConsent::subscribed)};
    pipeline::Incremental incremental("run-1", {}, core::TimePoint::max(), reused);
    connectors::SourceFetch source;
    source.manifest.status = model::Coverage::unavailable;
    connectors::DestinationFetch destination;
    destination.manifest.status = model::Coverage::complete;
    incremental.merge(window_until(k_as_of + 1h), source, destination);
    CHECK(source.data.orders.empty());
    CHECK(source.data.customers.empty());
    CHECK(destination.data.profiles.empty());
}
