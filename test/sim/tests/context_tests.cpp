// The seam shared by the route modules: clock, credentials, fault injection, helpers.
#include <catch2/catch.hpp>

#include "sim_context.hpp"

using namespace frr::sim;
using namespace std::chrono_literals;

namespace {
Time at(const char* iso)
{
    return *parse_iso(iso);
}
}  // namespace

TEST_CASE("iso times parse and print round trip", "[sim][core]")
{
    CHECK(iso_utc(at("2026-10-25T01:30:00Z")) == "2026-10-25T01:30:00Z");
    CHECK(at("2026-10-25T02:30:00+01:00") == at("2026-10-25T01:30:00Z"));
    CHECK(at("2026-10-25T01:30:00.123456Z") == at("2026-10-25T01:30:00Z"));
    CHECK_FALSE(parse_iso("2026-10-25T01:30:00"));
    CHECK_FALSE(parse_iso("2026-13-25T01:30:00Z"));
    CHECK(money_string(1234) == "12.34");
    CHECK(money_string(-5) == "-0.05");
    CHECK(normalise_email("  Ann.Smith@Example.COM \t") == "ann.smith@example.com");
}

TEST_CASE("a fixed clock moves only when told, and drags the limiter clock along", "[sim][core]")
{
    SimClock clock(at("2026-11-27T06:00:00Z"));
    CHECK(clock.now() == at("2026-11-27T06:00:00Z"));
    auto before = clock.limiter_now();
    clock.advance(3600s);
    CHECK(clock.now() == at("2026-11-27T07:00:00Z"));
    CHECK(clock.limiter_now() - before >= 3600s);
    clock.set(at("2026-11-28T00:00:00Z"));
    CHECK(clock.now() == at("2026-11-28T00:00:00Z"));
}

TEST_CASE("refresh tokens rotate and the old one stops working", "[sim][core]")
{
    CredentialRegistry reg(7);
    OAuthClient c;
    c.platform = Platform::klaviyo;
    c.client_id = "cid";
    c.client_secret = "secret";
    c.scopes = {"events:read"};
    c.access_lifetime = 3600s;
    reg.add_client(c);
    Time now = at("2026-11-27T06:00:00Z");
    reg.add_refresh_token(Platform::klaviyo, "cid", "r0", now + 24h);

    CHECK(reg.refresh(Platform::klaviyo, "cid", "wrong", "r0", now).error == GrantError::invalid_client);
    auto first = reg.refresh(Platform::klaviyo, "cid", "secret", "r0", now);
    REQUIRE(first.error == GrantError::none);
    CHECK(first.token.refresh_token != "r0");
    CHECK(reg.refresh(Platform::klaviyo, "cid", "secret", "r0", now).error == GrantError::invalid_grant);
    CHECK(reg.check(Platform::klaviyo, first.token.access_token, now).status == TokenStatus::ok);
    CHECK(reg.check(Platform::klaviyo, first.token.access_token, now + 3600s).status == TokenStatus::expired);
    CHECK(reg.check(Platform::shopify, first.token.access_token, now).status == TokenStatus::unknown);

    reg.expire_all(Platform::klaviyo, now);
    CHECK(reg.check(Platform::klaviyo, first.token.access_token, now).status == TokenStatus::expired);
}

TEST_CASE("counted faults fire exactly N times on matching paths only", "[sim][core]")
{
    Store store;
    SimClock clock(at("2026-11-27T06:00:00Z"));
    SimContext ctx(store, clock, 1);
    FaultSpec spec;
    spec.platform = Platform::klaviyo;
    spec.endpoint = "/api/events";
    spec.fault.kind = FaultKind::http_status;
    spec.fault.status = 500;
    spec.count = 2;
    ctx.faults().add(spec);

    CHECK_FALSE(ctx.take_fault(Platform::klaviyo, "/api/profiles"));
    CHECK_FALSE(ctx.take_fault(Platform::shopify, "/api/events"));
    auto f = ctx.take_fault(Platform::klaviyo, "/api/events");
    REQUIRE(f);
    CHECK(f->status == 500);
    CHECK(ctx.take_fault(Platform::klaviyo, "/api/events/"));
    CHECK_FALSE(ctx.take_fault(Platform::klaviyo, "/api/events"));
    CHECK(ctx.stats(Platform::klaviyo).requests == 4);
    CHECK(ctx.stats(Platform::klaviyo).faults == 2);
}

TEST_CASE("a fault with `contains` fires only on requests whose parameters or body hold it", "[sim][core]")
{
    Store store;
    SimClock clock(at("2026-11-27T06:00:00Z"));
    SimContext ctx(store, clock, 1);
    FaultSpec spec;
    spec.platform = Platform::shopify;
    spec.endpoint = "graphql.json";
    spec.contains = "AbandonedCheckoutsPage";
    spec.fault.kind = FaultKind::http_status;
    spec.fault.status = 503;
    ctx.faults().add(spec);

    const std::string path = "/admin/api/2026-10/graphql.json";
    CHECK_FALSE(ctx.take_fault(Platform::shopify, path, "\n{\"query\":\"query OrdersPage { orders }\"}"));
    CHECK_FALSE(ctx.take_fault(Platform::shopify, path));
    auto f = ctx.take_fault(Platform::shopify, path, "\n{\"query\":\"query AbandonedCheckoutsPage { }\"}");
    REQUIRE(f);
    CHECK(f->status == 503);
    CHECK_FALSE(ctx.take_fault(Platform::shopify, "/admin/oauth/access_token", "AbandonedCheckoutsPage"));
}

TEST_CASE("an outage answers 503 only inside its sim-time window", "[sim][core]")
{
    Store store;
    SimClock clock(at("2026-11-27T06:00:00Z"));
    SimContext ctx(store, clock, 1);
    FaultSpec spec;
    spec.platform = Platform::shopify;
    spec.fault.kind = FaultKind::outage;
    spec.from = at("2026-11-27T07:00:00Z");
    spec.until = at("2026-11-27T08:00:00Z");
    ctx.faults().add(spec);
    CHECK_FALSE(ctx.take_fault(Platform::shopify, "/admin/api/2026-01/graphql.json"));
    clock.advance(3600s);
    auto f = ctx.take_fault(Platform::shopify, "/admin/api/2026-01/graphql.json");
    REQUIRE(f);
    CHECK(f->status == 503);
    clock.advance(3600s);
    CHECK_FALSE(ctx.take_fault(Platform::shopify, "/admin/api/2026-01/graphql.json"));
}

TEST_CASE("a fractional fault fires for roughly that share, reproducibly", "[sim][core]")
{
    auto run = [] {
        Store store;
        SimClock clock(at("2026-11-27T06:00:00Z"));
        SimContext ctx(store, clock, 99);
        FaultSpec spec;
        spec.platform = Platform::klaviyo;
        spec.fault.kind = FaultKind::rate_limit;
        spec.fraction = 0.25;
        ctx.faults().add(spec);
        int hits = 0;
        for (int i = 0; i < 2000; ++i)
            if (ctx.take_fault(Platform::klaviyo, "/api/events"))
                ++hits;
        auto stats = ctx.stats(Platform::klaviyo);
        CHECK(stats.throttled == static_cast<std::uint64_t>(hits));
        CHECK(stats.limited == 0);  // an injected 429 is not the platform's limiter
        return hits;
    };
    int hits = run();
    CHECK(hits > 400);
    CHECK(hits < 600);
    CHECK(run() == hits);
}

TEST_CASE("rate-limit scale shrinks time spans", "[sim][core]")
{
    Store store;
    SimClock clock;
    SimContext ctx(store, clock, 1, 0.05);
    CHECK(ctx.scaled(60s) == 3s);
}
