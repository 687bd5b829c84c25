// Customer sync and the consent table.
#include "checks/consent_table.hpp"
#include "fixture.hpp"

#include <catch2/catch.hpp>

using namespace frr;
using namespace frr::checks;
using namespace frr::checks::test;
using std::chrono::hours;
using std::chrono::minutes;
using Keys = std::vector<std::string>;
using S = model::SourceConsent;
using D = model::DestinationConsent;

TEST_CASE("customer sync flags customers with email and no profile", "[checks][customer_sync]")
{
    StoreBuilder b;
    b.customer("1", k_as_of - hours(3));
    b.customer("2", k_as_of - hours(4), Sync::not_synced);
    b.customer("3", k_as_of - minutes(10), Sync::not_synced);  // grace
    b.customer("4", k_as_of - hours(25), Sync::not_synced);    // before the window
    auto& phone = b.customer("5", k_as_of - hours(5), Sync::not_synced);
    phone.email_hash.clear();
    const auto f = run(b.snapshot());
    CHECK(affected_keys(f, "customer_missing_profile") == Keys{"2"});
    CHECK(total_affected(f) == 1);
    const auto& examples = f.find("customer_sync")->examples;
    REQUIRE(examples.size() == 1);
    CHECK(examples[0] == "j***@example.com");  // for people: no customer id
}

TEST_CASE("consent table pairs", "[checks][consent]")
{
    const auto none = Suppression::none;
    const auto bounce = Suppression::deliverability;
    CHECK(consent_verdict(S::subscribed, D::subscribed, none) == ConsentVerdict::expected);
    CHECK(consent_verdict(S::subscribed, D::never_subscribed, bounce) == ConsentVerdict::expected);
    CHECK(consent_verdict(S::subscribed, D::unsubscribed, bounce) == ConsentVerdict::expected);
    CHECK(consent_verdict(S::subscribed, D::never_subscribed, none) == ConsentVerdict::mismatch);
    CHECK(consent_verdict(S::subscribed, D::unsubscribed, none) == ConsentVerdict::mismatch);
    CHECK(consent_verdict(S::not_subscribed, D::never_subscribed, none) == ConsentVerdict::expected);
    CHECK(consent_verdict(S::not_subscribed, D::unsubscribed, none) == ConsentVerdict::expected);
    CHECK(consent_verdict(S::not_subscribed, D::subscribed, none) == ConsentVerdict::mismatch);
    for (auto d : {D::subscribed, D::unsubscribed, D::never_subscribed})
        CHECK(consent_verdict(S::pending, d, none) == ConsentVerdict::expected);
    CHECK(consent_verdict(S::unsubscribed, D::unsubscribed, none) == ConsentVerdict::expected);
    CHECK(consent_verdict(S::unsubscribed, D::never_subscribed, none) == ConsentVerdict::expected);
    CHECK(consent_verdict(S::unsubscribed, D::subscribed, none) == ConsentVerdict::mismatch_critical);
    CHECK(consent_verdict(S::invalid, D::never_subscribed, bounce) == ConsentVerdict::expected);
    CHECK(consent_verdict(S::invalid, D::unsubscribed, none) == ConsentVerdict::expected);
    CHECK(consent_verdict(S::invalid, D::subscribed, none) == ConsentVerdict::mismatch);
    CHECK(consent_verdict(S::unknown, D::subscribed, none) == ConsentVerdict::not_judged);
    CHECK(consent_verdict(S::subscribed, D::unknown, none) == ConsentVerdict::not_judged);
    CHECK(suppression_of({"UNSUBSCRIBE"}) == Suppression::none);
    CHECK(suppression_of({"SPAM_COMPLAINT"}) == Suppression::deliverability);
    CHECK(suppression_of({}) == Suppression::none);
}

TEST_CASE("consent indicator: keys, severity and critical status", "[checks][consent]")
{
    StoreBuilder b;
    b.customer("1", k_as_of - hours(3));
    auto& opted_out = b.customer("2", k_as_of - hours(4), Sync::synced, S::unsubscribed);
    b.profile_of(opted_out).consent = D::subscribed;
    auto& lost = b.customer("3", k_as_of - hours(5));
    b.profile_of(lost).consent = D::never_subscribed;
    auto& young = b.customer("4", k_as_of - minutes(5), Sync::synced, S::unsubscribed);
    b.profile_of(young).consent = D::subscribed;  // grace: not judged yet
    const auto f = run(b.snapshot());
    CHECK(affected_keys(f, "consent_mismatch") == Keys{"2", "3"});
    const auto* r = f.find("consent");
    REQUIRE(r);
    CHECK(r->status == Status::critical);
    CHECK(r->score <= 50);
    const auto& a = r->affected[0];
    CHECK(a.key == "2");
    CHECK(a.detail[0] == std::pair<std::string, std::string>{"shopify", "UNSUBSCRIBED"});
    CHECK(a.detail[2].second == "critical");
    CHECK(r->examples[0].find('@') != std::string::npos);
    CHECK(r->examples[0].find("***") != std::string::npos);
}

TEST_CASE("consent warn-only mismatch stays warn", "[checks][consent]")
{
    StoreBuilder b;
    for (int i = 0; i < 20; ++i)
        b.customer(std::to_string(100 + i), k_as_of - hours(2 + i));
    auto& lost = b.customer("3", k_as_of - hours(5));
    b.profile_of(lost).consent = D::never_subscribed;
    const auto f = run(b.snapshot());
    CHECK(f.find("consent")->status == Status::warn);
}
