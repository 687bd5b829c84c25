// Score weighting, the critical cap, deduction text, coverage and exit codes,
// the checks.json round trip and the terminal table.
#include "checks/findings_json.hpp"
#include "checks/health_score.hpp"
#include "checks/render.hpp"
#include "core/error.hpp"
#include "fixture.hpp"

#include <catch2/catch.hpp>

using namespace frr;
using namespace frr::checks;
using namespace frr::checks::test;
using std::chrono::hours;
using Keys = std::vector<std::string>;

namespace {

IndicatorResult indicator(const char* id, Status status, int score, double weight, const char* summary = "")
{
    IndicatorResult r;
    r.id = id;
    r.title = id;
    r.status = status;
    r.score = score;
    r.weight = weight;
    r.summary = summary;
    if (std::string_view(id) != "connection")
        r.needs = {"orders"};  // an indicator that reads data (connection reads only the fetch record)
    return r;
}

Findings findings_of(std::vector<IndicatorResult> indicators)
{
    Findings f;
    f.coverage = {{"shopify", model::Coverage::complete}, {"klaviyo", model::Coverage::complete}};
    f.indicators = std::move(indicators);
    return f;
}

}  // namespace

TEST_CASE("score: weighted deductions, itemised", "[checks][score]")
{
    const auto f =
        findings_of({indicator("order_sync", Status::warn, 52, 25, "14 orders missing in Klaviyo."),
                     indicator("consent", Status::ok, 100, 10),
                     indicator("volume", Status::warn, 96, 65, "1 day short.")});
    const auto s = compute_score(f, {});
    // 25/100 * 48 = 12 and 65/100 * 4 = 2.6 -> 3.
    REQUIRE(s.deductions.size() == 2);
    CHECK(s.deductions[0].points == 12);
    CHECK(describe(s.deductions[0]) == "\u221212: 14 orders missing in Klaviyo.");
    CHECK(s.deductions[1].points == 3);
    CHECK(s.score == 85);
    CHECK(s.status == Status::warn);
    CHECK(s.confidence == Confidence::full);
}

TEST_CASE("score: a finding always costs at least a point", "[checks][score]")
{
    const auto f =
        findings_of({indicator("order_sync", Status::warn, 99, 1), indicator("x", Status::ok, 100, 99)});
    const auto s = compute_score(f, {});
    CHECK(s.score == 99);
    CHECK(s.status == Status::warn);  // the worst indicator, not just the band
}

TEST_CASE("score: a critical indicator caps the score at 59", "[checks][score]")
{
    const auto f = findings_of({indicator("consent", Status::critical, 50, 10, "1 customer opted out."),
                                indicator("order_sync", Status::ok, 100, 90)});
    const auto s = compute_score(f, {});
    CHECK(s.score == 59);
    CHECK(s.status == Status::critical);
    REQUIRE(s.deductions.size() == 2);
    CHECK(s.deductions[1].indicator == "cap");
    CHECK(s.deductions[1].points == 95 - 59);
    CHECK(s.deductions[1].cause == "consent");  // the report ranks the cap with the finding behind it
    CHECK(exit_code_for(f, s) == core::ExitCode::health_critical);
}

TEST_CASE("score: unknown indicators leave the weighting and reduce confidence", "[checks][score]")
{
    auto f = findings_of({indicator("order_sync", Status::unknown, 0, 50),
                          indicator("audiences", Status::ok, 100, 5),
                          indicator("connection", Status::critical, 0, 5)});
    f.coverage["shopify"] = model::Coverage::unavailable;
    const auto s = compute_score(f, {});
    CHECK(s.confidence == Confidence::reduced);
    CHECK(s.score == 50);
    CHECK(exit_code_for(f, s) == core::ExitCode::partial);  // partial outranks critical
    f.coverage["klaviyo"] = model::Coverage::paused;
    CHECK(exit_code_for(f, compute_score(f, {})) == core::ExitCode::paused);
}

TEST_CASE("score: an outage is incomplete, never critical, and scores nothing it could not check",
          "[checks][score]")
{
    auto f = findings_of({indicator("order_sync", Status::unknown, 0, 50),
                          indicator("consent", Status::unknown, 0, 45),
                          indicator("connection", Status::ok, 100, 5)});
    f.coverage["klaviyo"] = model::Coverage::unavailable;
    auto s = compute_score(f, {});
    CHECK_FALSE(s.scored);  // only the connection was judged: no score at all
    CHECK_FALSE(s.complete);
    CHECK(s.checked_percent == 0);
    CHECK(s.confidence == Confidence::none);
    CHECK(std::string(verdict_name(s)) == "incomplete");
    CHECK(exit_code_for(f, s) == core::ExitCode::partial);
    const auto json = score_json(f, s);
    CHECK(json.find("\"score\": null") != std::string::npos);
    CHECK(json.find("\"status\": \"incomplete\"") != std::string::npos);

    // Half checked and healthy: a score over what was checked, incomplete, 52 % of the checks.
    f.indicators[1].status = Status::ok;
    f.indicators[1].score = 100;
    s = compute_score(f, {});
    CHECK(s.scored);
    CHECK(s.score == 100);
    CHECK(s.checked_percent == 47);
    CHECK(s.confidence == Confidence::reduced);
    CHECK(std::string(verdict_name(s)) == "incomplete");
    // A real problem in what was checked still counts.
    f.indicators[1].status = Status::critical;
    f.indicators[1].score = 50;
    CHECK(std::string(verdict_name(compute_score(f, {}))) == "critical");
}

TEST_CASE("score.json reads back as the score that wrote it", "[checks][score]")
{
    auto f = findings_of({indicator("order_sync", Status::critical, 30, 50),
                          indicator("consent", Status::unknown, 0, 45),
                          indicator("connection", Status::ok, 100, 5)});
    f.coverage["klaviyo"] = model::Coverage::partial;
    f.run_id = "20261127T060000Z-000001";
    const auto s = compute_score(f, {});
    const auto file = score_from_json(score_json(f, s), "score.json");
    CHECK(file.run_id == f.run_id);
    CHECK(file.verdict == verdict_name(s));
    CHECK(file.coverage.at("klaviyo") == model::Coverage::partial);
    REQUIRE(file.indicators.size() == 3);
    CHECK(file.indicators[0].id == "order_sync");
    CHECK(file.indicators[0].score == std::optional<double>(30));
    CHECK_FALSE(file.indicators[1].score.has_value());  // unknown: not judged
    CHECK(file.indicators[1].weight == 45);
    const auto& back = file.score;
    CHECK(back.score == s.score);
    CHECK(back.scored == s.scored);
    CHECK(back.complete == s.complete);
    CHECK(back.checked_percent == s.checked_percent);
    CHECK(back.confidence == s.confidence);
    CHECK(std::string(verdict_name(back)) == verdict_name(s));
    REQUIRE(back.deductions.size() == s.deductions.size());
    for (std::size_t i = 0; i < s.deductions.size(); ++i) {
        CHECK(back.deductions[i].indicator == s.deductions[i].indicator);
        CHECK(back.deductions[i].points == s.deductions[i].points);
        CHECK(back.deductions[i].reason == s.deductions[i].reason);
        CHECK(back.deductions[i].cause == s.deductions[i].cause);
    }
    // Nothing scored: the verdict stays "incomplete", the score null.
    f.indicators[0].status = Status::unknown;
    const auto none = compute_score(f, {});
    const auto none_back = score_from_json(score_json(f, none), "score.json").score;
    CHECK_FALSE(none_back.scored);
    CHECK(std::string(verdict_name(none_back)) == "incomplete");
    CHECK(none_back.confidence == Confidence::none);
    CHECK_THROWS_AS(score_from_json("{\"score\": ", "score.json"), core::Error);
}

TEST_CASE("unavailable platform: dependent indicators are unknown and say why", "[checks][coverage]")
{
    StoreBuilder b;
    b.order("#1", k_as_of - hours(3), Sync::not_synced);
    b.snapshot().manifest.platforms["klaviyo"].status = model::Coverage::unavailable;
    b.snapshot().manifest.platforms["klaviyo"].errors = {"connection refused"};
    const auto f = run(b.snapshot());
    CHECK(total_affected(f) == 0);
    const auto* r = f.find("order_sync");
    CHECK(r->status == Status::unknown);
    CHECK(r->summary == "Not checked: the Placed Order events could not be read from Klaviyo.");
    CHECK(r->needs == std::vector<std::string>{"orders", "events.placed_order"});
    // A manifest from before datasets were tracked: each dataset takes its platform's status.
    CHECK(f.datasets.at("events.placed_order").coverage.status == model::Coverage::unavailable);
    CHECK(f.datasets.at("orders").coverage.status == model::Coverage::complete);
    // Not answering is not a connection finding: Shopify answered normally.
    CHECK(f.find("connection")->status == Status::ok);
    CHECK(f.find("connection")->summary.find("Klaviyo did not answer") != std::string::npos);
    const auto s = compute_score(f, {});
    CHECK(s.confidence == Confidence::none);
    CHECK(std::string(verdict_name(s)) == "incomplete");
    CHECK(exit_code_for(f, s) == core::ExitCode::partial);
}

TEST_CASE("one dataset not read: only the indicators that need it are unknown", "[checks][coverage]")
{
    StoreBuilder b;
    b.order("#1", k_as_of - hours(3), Sync::not_synced);
    b.customer("7", k_as_of - hours(4), Sync::not_synced);
    auto& klaviyo = b.snapshot().manifest.platforms["klaviyo"];
    klaviyo.status = model::Coverage::partial;
    klaviyo.mark_all(model::Role::destination, model::Coverage::complete);
    klaviyo.mark("profiles", model::Coverage::unavailable, "profiles: HTTP 503");
    b.snapshot().manifest.platforms["shopify"].mark_all(model::Role::source, model::Coverage::complete);
    const auto f = run(b.snapshot());
    // The missing profile of customer 7 is not claimed: its profiles were not read.
    CHECK(affected_keys(f, "customer_missing_profile").empty());
    CHECK(f.find("customer_sync")->status == Status::unknown);
    CHECK(f.find("consent")->status == Status::unknown);
    CHECK(f.find("customer_sync")->summary == "Not checked: the profiles could not be read from Klaviyo.");
    // Everything else is judged: the order that truly lacks its event is found.
    CHECK(affected_keys(f, "order_missing_event") == Keys{"#1"});
    for (const char* id : {"order_sync", "line_items", "value_integrity", "duplicates", "freshness", "volume",
                           "audiences", "event_delay", "connection"})
        CHECK(f.find(id)->status != Status::unknown);
    const auto s = compute_score(f, {});
    CHECK(s.scored);
    CHECK_FALSE(s.complete);
    // 99 of the 125 weight points that read data: not customer sync (12), consent (10) and the
    // subscriber list (4), which need the profiles.
    CHECK(s.checked_percent == 79);
    CHECK(s.confidence == Confidence::reduced);
}

TEST_CASE("a dataset the source does not offer: its indicators are not applicable, not unchecked",
          "[checks][coverage]")
{
    StoreBuilder b;
    b.order("#1", k_as_of - hours(3), Sync::not_synced);
    b.customer("7", k_as_of - hours(4), Sync::not_synced);
    auto& source = b.snapshot().manifest.platforms["shopify"];
    source.mark_all(model::Role::source, model::Coverage::complete);
    source.not_offered("checkouts", "its API has no abandoned checkouts");
    source.not_offered("customer_consent", "its customers carry no email consent");
    b.snapshot().manifest.platforms["klaviyo"].mark_all(model::Role::destination, model::Coverage::complete);
    auto f = run(b.snapshot());
    const auto* checkouts = f.find("checkouts");
    REQUIRE(checkouts);
    CHECK(checkouts->status == Status::not_applicable);
    CHECK(checkouts->summary == "Not applicable to this store: its API has no abandoned checkouts.");
    CHECK(f.find("consent")->status == Status::not_applicable);
    CHECK(f.find("consent")->summary ==
          "Not applicable to this store: its customers carry no email consent.");
    CHECK(f.find("subscribers")->status == Status::not_applicable);
    // The customers themselves are offered: the missing profile is still found.
    CHECK(affected_keys(f, "customer_missing_profile") == Keys{"7"});
    CHECK(affected_keys(f, "order_missing_event") == Keys{"#1"});
    CHECK(f.datasets.at("customer_consent").coverage.not_offered == "its customers carry no email consent");
    // Neither checked nor left unchecked: the score is complete over what the pair can have.
    auto s = compute_score(f, {});
    CHECK(s.complete);
    CHECK(s.checked_percent == 100);
    CHECK(s.confidence == Confidence::full);
    CHECK(std::string(verdict_name(s)) != "incomplete");
    // checks.json says so and reads back the same.
    const auto json = to_json(f);
    CHECK(json.find("\"status\": \"not_applicable\"") != std::string::npos);
    const auto back = findings_from_json(json, "checks.json");
    CHECK(back.find("consent")->status == Status::not_applicable);
    CHECK(back.datasets.at("checkouts").coverage.not_offered == "its API has no abandoned checkouts");

    // The customers not read: consent is unknown with them (its part), not applicable still
    // wins for what the source cannot have.
    source.mark("customers", model::Coverage::unavailable, "customers: HTTP 503");
    f = run(b.snapshot());
    CHECK(f.find("customer_sync")->status == Status::unknown);
    CHECK(f.find("consent")->status == Status::not_applicable);
    CHECK(f.datasets.at("customer_consent").coverage.status == model::Coverage::unavailable);
}

TEST_CASE("customers' consent is as complete as the customers it is part of", "[checks][coverage]")
{
    StoreBuilder b;
    auto& source = b.snapshot().manifest.platforms["shopify"];
    source.mark_all(model::Role::source, model::Coverage::complete);
    b.snapshot().manifest.platforms["klaviyo"].mark_all(model::Role::destination, model::Coverage::complete);
    source.mark("customers", model::Coverage::partial, "customers page 2: HTTP 503");
    const auto f = run(b.snapshot());
    CHECK(f.find("consent")->status == Status::unknown);
    // Said once, with the customers, not again for their consent.
    CHECK(f.find("consent")->summary ==
          "Not checked: only part of the customers could be read from Shopify.");
    // A manifest from before the consent dataset existed: it follows the customers.
    source.datasets.erase("customer_consent");
    source.datasets["customers"] = {};
    const auto g = run(b.snapshot());
    CHECK(g.find("consent")->status == Status::ok);
    CHECK(g.datasets.at("customer_consent").coverage.status == model::Coverage::complete);
}

TEST_CASE("connection: scopes, throttling and token expiry", "[checks][connection]")
{
    StoreBuilder b;
    auto& shopify = b.snapshot().manifest.platforms["shopify"];
    shopify.requests = 100;
    shopify.throttled = 40;
    auto& klaviyo = b.snapshot().manifest.platforms["klaviyo"];
    klaviyo.token_expires_at = k_as_of + hours(1);  // a short-lived access token: fine
    auto f = run(b.snapshot());
    CHECK(f.find("connection")->status == Status::warn);
    CHECK(f.find("connection")->examples ==
          Keys{"Shopify: 40 of 100 requests slowed down by its rate limit"});
    klaviyo.token_expires_at = k_as_of + hours(72);
    klaviyo.missing_scopes = {"profiles:read"};
    f = run(b.snapshot());
    CHECK(f.find("connection")->status == Status::critical);
    CHECK(f.find("connection")->examples.size() == 3);
    CHECK(total_affected(f) == 0);
}

TEST_CASE("checks.json round trip", "[checks][json]")
{
    StoreBuilder b;
    b.order("#1", k_as_of - hours(3), Sync::not_synced);
    auto& c = b.customer("7", k_as_of - hours(4), Sync::synced, model::SourceConsent::unsubscribed);
    b.profile_of(c).consent = model::DestinationConsent::subscribed;
    const auto f = run(b.snapshot());
    const auto text = to_json(f);
    const auto back = findings_from_json(text, "checks.json");
    CHECK(to_json(back) == text);
    CHECK(back.run_id == f.run_id);
    CHECK(back.as_of == k_as_of);
    CHECK(back.store_name == "Test store");
    CHECK(back.find("consent")->affected[0].detail.size() == 3);
    CHECK(text.find("\"new\"") != std::string::npos);
    CHECK(text.find("\"exclusions\"") != std::string::npos);
    CHECK_THROWS_AS(findings_from_json("{\"run_id\": 1", "x.json"), core::Error);
    CHECK_THROWS_AS(findings_from_json("{\"run_id\": \"r\", \"as_of\": \"2026-01-01T00:00:00Z\"}", "x.json"),
                    core::Error);
}

TEST_CASE("terminal table: aligned, colour only when asked", "[checks][render]")
{
    StoreBuilder b;
    b.order("#1", k_as_of - hours(3), Sync::not_synced);
    const auto f = run(b.snapshot());
    const auto plain = render_check_table(f, Color::never);
    CHECK(plain.find('\x1b') == std::string::npos);
    CHECK(plain.find("Order sync") != std::string::npos);
    CHECK(plain.find("1 order worth \u00a3123.45 never reached Klaviyo") != std::string::npos);
    // Every table row starts its status column at the same offset.
    const auto header_at = plain.find("INDICATOR");
    const auto status_col = plain.find("STATUS", header_at) - header_at;
    const auto row = plain.find("Customer sync");
    CHECK(plain.compare(row + status_col, 2, "ok") == 0);
    const auto colored = render_check_table(f, Color::always);
    CHECK(colored.find("\x1b[31m") /* critical: 1 of 1 missing */ != std::string::npos);
}

TEST_CASE("partial coverage: records before the data's start are not judged", "[checks][coverage]")
{
    StoreBuilder b;
    b.order("#1", k_as_of - hours(10), Sync::not_synced);  // before klaviyo's data_since
    b.order("#2", k_as_of - hours(3), Sync::not_synced);
    auto& klaviyo = b.snapshot().manifest.platforms["klaviyo"];
    klaviyo.status = model::Coverage::partial;
    klaviyo.data_since = k_as_of - hours(6);
    klaviyo.mark_all(model::Role::destination, model::Coverage::complete);
    klaviyo.mark("audiences", model::Coverage::partial, "list L1 count: HTTP 503");
    const auto f = run(b.snapshot());
    CHECK(affected_keys(f, "order_missing_event") == Keys{"#2"});
    CHECK(f.find("order_sync")->status != Status::unknown);
    CHECK(f.find("audiences")->status == Status::unknown);
    CHECK(f.coverage_notes.size() == 1);
    const auto s = compute_score(f, {});
    CHECK(s.confidence == Confidence::reduced);
    CHECK(exit_code_for(f, s) == core::ExitCode::partial);
}
