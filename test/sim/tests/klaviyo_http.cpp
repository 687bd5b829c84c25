// The Klaviyo REST surface of frr-sim, end to end over loopback (port 0, sim clock, no sleeps):
// paging, filters, visibility of late events, auth/scopes/revision, rate-limit tiers, OAuth.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include <fmt/format.h>
#include <httplib.h>
#include <rapidjson/document.h>

#include "base64.hpp"
#include "klaviyo/cursor.hpp"
#include "routes.hpp"
#include "sim_context.hpp"

namespace {

using namespace frr::sim;
using namespace std::chrono_literals;

Time at(const char* iso)
{
    return *parse_iso(iso);
}

// A small hand-built Klaviyo account: 250 profiles, a Shopify "Placed Order" with 600 events
// (some sharing a second, some arriving late), the API-integration decoy of the same name, a
// Shopify "Checkout Started", an API "Started Checkout", one list and one segment.
Store make_store()
{
    Store s;
    s.scenario = "klaviyo-http-test";
    s.seed = 11;
    s.start = at("2026-11-05T12:00:00Z");
    s.shop.timezone = "Europe/London";
    for (int i = 0; i < 250; ++i) {
        Profile p;
        const std::string id = fmt::format("01JABCDEFGH{:015d}", i);
        std::copy(id.begin(), id.end(), p.id.begin());
        p.email = fmt::format("user{:03d}@example.com", (i * 7) % 250);
        p.first_name = "User";
        p.created_at = at("2026-01-01T00:00:00Z") + std::chrono::hours(i);
        p.updated_at = at("2026-10-01T00:00:00Z") + std::chrono::minutes((i * 37) % 400);  // ties
        p.consent = i % 3 == 0 ? Consent::subscribed : Consent::never_subscribed;
        if (i % 40 == 0) {
            p.suppression = Suppression::hard_bounce;
            p.suppressed_at = p.updated_at;
        }
        s.profiles.push_back(p);
    }
    for (Index i = 0; i < s.profiles.size(); ++i) {
        s.profiles_by_updated.push_back(i);
        s.profiles_by_email.push_back(i);
    }
    std::sort(s.profiles_by_updated.begin(), s.profiles_by_updated.end(), [&](Index a, Index b) {
        return std::pair(s.profiles[a].updated_at, s.profiles[a].id_view()) <
            std::pair(s.profiles[b].updated_at, s.profiles[b].id_view());
    });
    std::sort(s.profiles_by_email.begin(), s.profiles_by_email.end(),
              [&](Index a, Index b) { return s.profiles[a].email < s.profiles[b].email; });
    const std::string shopify =
        R"({"object":"integration","id":"0eMvjm","key":"shopify","name":"Shopify","category":"eCommerce"})";
    const std::string api =
        R"({"object":"integration","id":"7FtS4J","key":"api","name":"API","category":"API"})";
    auto metric = [&](const char* id, const char* name, const std::string& integration, EventKind kind) {
        Metric m;
        m.id = id;
        m.name = name;
        m.integration = integration == shopify ? Integration::shopify : Integration::api;
        m.integration_json = integration;
        m.created_at = m.updated_at = at("2025-01-01T00:00:00Z");
        m.kind = kind;  // decoy kinds: event_properties without Shopify orders behind them
        s.metrics.push_back(m);
    };
    metric("Y6Hmxn", "Placed Order", shopify, EventKind::decoy_placed_order);
    metric("U7yLfB", "Placed Order", api, EventKind::decoy_placed_order);
    metric("Q2chkS", "Checkout Started", shopify, EventKind::decoy_started_checkout);
    metric("R9stcK", "Started Checkout", api, EventKind::decoy_started_checkout);
    s.events.resize(s.metrics.size());
    const Time first = at("2026-10-22T00:00:00Z");
    for (std::uint32_t i = 0; i < 600; ++i) {
        Event e;
        e.datetime = first + std::chrono::minutes(17 * (i / 2 * 2));  // pairs share a datetime
        e.arrival = i % 50 == 7 ? s.start + 2h : e.datetime + 5s;
        e.profile = (i * 13) % 250;
        e.line_item = i;
        e.value = 1000 + i * 3;
        s.events[0].push_back(e);
    }
    for (std::uint32_t m = 1; m < 4; ++m) {
        for (std::uint32_t i = 0; i < 150; ++i) {
            Event e;
            e.datetime = first + std::chrono::minutes(53 * i + static_cast<int>(m));
            e.arrival = e.datetime;
            e.profile = (i * 11 + m) % 250;
            e.line_item = i;
            e.value = 500;
            s.events[m].push_back(e);
        }
    }
    auto group = [&](const char* id, const char* name, bool segment, std::uint32_t n) {
        Group g;
        g.id = id;
        g.name = name;
        g.is_segment = segment;
        g.created_at = g.updated_at = at("2025-06-01T00:00:00Z");
        for (Index i = 0; i < n; ++i)
            g.members.push_back(Membership{i, at("2025-06-01T00:00:00Z") + std::chrono::hours(i / 3)});
        return g;
    };
    s.lists.push_back(group("Y6nRLr", "Newsletter", false, 120));
    s.segments.push_back(group("Sg1abc", "Engaged", true, 30));
    s.segments.back().drop = GroupDrop{s.start + 1h, 5, false};
    return s;
}

struct Reply {
    int status = 0;
    std::string body;
    std::string content_type;
    std::map<std::string, std::string> headers;
};

struct JsonReply : Reply {
    rapidjson::Document doc;
};

std::vector<std::string> ids_of(const rapidjson::Document& doc)
{
    std::vector<std::string> out;
    for (const auto& r : doc["data"].GetArray())
        out.emplace_back(r["id"].GetString());
    return out;
}

// The path and query of an absolute link (links must point back at this server).
std::string path_of(const std::string& url)
{
    const auto scheme = url.find("://");
    return url.substr(url.find('/', scheme + 3));
}

std::string encode(const std::string& s)
{
    std::string out;
    for (const char c : s)
        out += c == '+' ? std::string("%2B") : std::string(1, c);
    return out;
}

// frr-sim's Klaviyo routes on an ephemeral loopback port, clock fixed at the store's start.
class KlaviyoServer {
public:
    KlaviyoServer() : store(make_store()), clock(store.start), ctx(store, clock, 11)
    {
        ctx.credentials().add_static(Platform::klaviyo, "pk_test", {}, "acct-1");
        ctx.credentials().add_static(Platform::klaviyo, "pk_events_only", {"events:read"}, "acct-1");
        OAuthClient c;
        c.platform = Platform::klaviyo;
        c.client_id = "frr-sim-klaviyo-client";
        c.client_secret = "frr-sim-klaviyo-secret";
        c.scopes = {"events:read", "lists:read", "metrics:read", "profiles:read", "segments:read"};
        ctx.credentials().add_client(c);
        ctx.credentials().add_refresh_token(Platform::klaviyo, c.client_id, "frrsim-klaviyo-initial-refresh",
                                            store.start + 24h * 90);
        register_klaviyo_routes(m_server, ctx);
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running())
            std::this_thread::yield();  // no sleeping
        m_client = std::make_unique<httplib::Client>("127.0.0.1", m_port);
    }
    ~KlaviyoServer()
    {
        m_server.stop();
        m_thread.join();
    }
    KlaviyoServer(const KlaviyoServer&) = delete;
    KlaviyoServer& operator=(const KlaviyoServer&) = delete;

    std::string origin() const { return fmt::format("http://127.0.0.1:{}", m_port); }

    Reply get(const std::string& path, const std::string& revision = "2026-07-15",
              const std::string& auth = "Klaviyo-API-Key pk_test")
    {
        httplib::Headers h{{"accept", "application/vnd.api+json"}};
        if (!revision.empty())
            h.emplace("revision", revision);
        if (!auth.empty())
            h.emplace("Authorization", auth);
        return to_reply(m_client->Get(path.c_str(), h));
    }
    JsonReply get_json(const std::string& path, const std::string& revision = "2026-07-15")
    {
        return parse(get(path, revision));
    }
    JsonReply post_json(const std::string& path, const std::string& body)
    {
        httplib::Headers h{{"revision", "2026-07-15"}, {"Authorization", "Klaviyo-API-Key pk_test"}};
        return parse(to_reply(m_client->Post(path.c_str(), h, body, "application/vnd.api+json")));
    }
    JsonReply refresh(const std::string& token, const std::string& secret = "frr-sim-klaviyo-secret")
    {
        httplib::Headers h{
            {"Authorization", "Basic " + frr::sim::base64_encode("frr-sim-klaviyo-client:" + secret)}};
        return parse(
            to_reply(m_client->Post("/oauth/token", h, "grant_type=refresh_token&refresh_token=" + token,
                                    "application/x-www-form-urlencoded")));
    }

    // Follows links.next verbatim to the end; every page must be 200.
    std::vector<std::string> collect_ids(std::string path)
    {
        std::vector<std::string> out;
        for (int guard = 0; guard < 10000; ++guard) {
            auto page = get_json(path);
            REQUIRE(page.status == 200);
            for (auto& id : ids_of(page.doc))
                out.push_back(std::move(id));
            if (!page.doc["links"]["next"].IsString())
                return out;
            const std::string next = page.doc["links"]["next"].GetString();
            REQUIRE(next.rfind(origin(), 0) == 0);
            path = path_of(next);
        }
        FAIL("paging did not end");
        return out;
    }

    std::set<std::string> visible_event_ids(Index metric) const
    {
        std::set<std::string> out;
        for (std::size_t p = 0; p < store.events[metric].size(); ++p)
            if (store.events[metric][p].arrival <= clock.now())
                out.insert(store.event_id(metric, p));
        return out;
    }

    Store store;
    SimClock clock;
    SimContext ctx;

private:
    static Reply to_reply(const httplib::Result& r)
    {
        Reply out;
        REQUIRE(r);
        out.status = r->status;
        out.body = r->body;
        out.content_type = r->get_header_value("Content-Type");
        for (const auto& [k, v] : r->headers)
            out.headers[k] = v;
        return out;
    }
    static JsonReply parse(Reply r)
    {
        JsonReply out;
        static_cast<Reply&>(out) = std::move(r);
        out.doc.Parse(out.body.c_str());
        REQUIRE_FALSE(out.doc.HasParseError());
        return out;
    }

    httplib::Server m_server;
    int m_port = 0;
    std::thread m_thread;
    std::unique_ptr<httplib::Client> m_client;
};

}  // namespace

using namespace frr::sim;
using namespace std::chrono_literals;

TEST_CASE("klaviyo http: paging through profiles returns every profile exactly once", "[sim][klaviyo]")
{
    KlaviyoServer sim;
    for (const char* sort : {"", "&sort=-updated", "&sort=email", "&sort=created"}) {
        INFO(sort);
        sim.clock.advance(1s);  // a fresh 1 s window (75/s) for each walk of 36 pages
        const auto ids = sim.collect_ids(std::string("/api/profiles?page[size]=7") + sort);
        REQUIRE(ids.size() == sim.store.profiles.size());
        CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
    }
    // prev of the second page is the first page.
    auto first = sim.get_json("/api/profiles/?page[size]=5&additional-fields[profile]=subscriptions");
    CHECK(first.doc["links"]["prev"].IsNull());
    CHECK(
        std::string(
            first.doc["data"][0]["attributes"]["subscriptions"]["email"]["marketing"]["consent"].GetString())
            .size() > 5);
    CHECK(std::string(first.doc["links"]["self"].GetString()).rfind(sim.origin() + "/api/profiles/?", 0) ==
          0);
    auto second = sim.get_json(path_of(first.doc["links"]["next"].GetString()));
    auto back = sim.get_json(path_of(second.doc["links"]["prev"].GetString()));
    CHECK(ids_of(back.doc) == ids_of(first.doc));
    CHECK(sim.get("/api/profiles?page[size]=101").status == 400);
    CHECK(sim.get("/api/profiles?page[size]=0").status == 400);
    CHECK(sim.get("/api/profiles?sort=first_name").status == 400);
    CHECK(sim.get("/api/profiles?page[cursor]=bm9wZQ==").status == 400);
}

TEST_CASE("klaviyo http: events page exactly once, in order, and late events appear on arrival",
          "[sim][klaviyo]")
{
    KlaviyoServer sim;
    const std::string metric = sim.store.metrics[0].id;
    const std::string query =
        fmt::format("/api/events?filter=equals(metric_id,\"{}\")&page[size]=37", metric);
    const auto visible = sim.visible_event_ids(0);
    REQUIRE(visible.size() < sim.store.events[0].size());  // the fixture has late events
    for (const char* sort : {"&sort=datetime", "&sort=-datetime"}) {
        INFO(sort);
        auto ids = sim.collect_ids(query + sort);
        CHECK(ids.size() == visible.size());
        CHECK(std::set<std::string>(ids.begin(), ids.end()) == visible);
    }
    // A walk that straddles an arrival: the late events slot in without repeats.
    auto page = sim.get_json(query + "&sort=datetime");
    std::vector<std::string> walked = ids_of(page.doc);
    sim.clock.advance(3h);
    while (page.doc["links"]["next"].IsString()) {
        page = sim.get_json(path_of(page.doc["links"]["next"].GetString()));
        for (const auto& id : ids_of(page.doc))
            walked.push_back(id);
    }
    CHECK(std::set<std::string>(walked.begin(), walked.end()).size() == walked.size());
    const auto all = sim.collect_ids(query);
    CHECK(all.size() == sim.store.events[0].size());
    // All metrics, default 200 per page, include with deduplicated included[].
    const auto every = sim.collect_ids("/api/events");
    std::size_t total = 0;
    for (const auto& v : sim.store.events)
        total += v.size();
    CHECK(every.size() == total);
    auto inc = sim.get_json(query + "&include=metric,profile");
    std::set<std::string> included;
    for (const auto& r : inc.doc["included"].GetArray()) {
        CHECK(included.insert(std::string(r["type"].GetString()) + "/" + r["id"].GetString()).second);
    }
    CHECK(included.count("metric/" + metric) == 1);
    // Revision-dependent page size: fixed 200 before 2026-01-15, where page[size] is no parameter.
    const auto old_revision = sim.get_json(query, "2025-10-15");
    CHECK(old_revision.status == 400);
    CHECK(std::string(old_revision.doc["errors"][0]["source"]["parameter"].GetString()) == "page[size]");
    const std::string fixed = fmt::format("/api/events?filter=equals(metric_id,\"{}\")", metric);
    CHECK(sim.get_json(fixed, "2025-10-15").doc["data"].Size() == 200);
    CHECK(sim.get("/api/events?page[size]=1001").status == 400);
    CHECK(sim.get("/api/events?page[size]=1000").status == 200);
}

TEST_CASE("klaviyo http: filters return exactly the matching records; disallowed ones are 400",
          "[sim][klaviyo]")
{
    KlaviyoServer sim;
    const auto& p = sim.store.profiles;
    auto one = sim.collect_ids(fmt::format("/api/profiles?filter=equals(email,\"{}\")", p[3].email));
    CHECK(one == std::vector<std::string>{std::string(p[3].id_view())});
    auto two = sim.collect_ids(fmt::format("/api/profiles?filter=any(email,[\"{}\",\"{}\",\"nobody@x.com\"])",
                                           p[5].email, p[9].email));
    CHECK(std::set<std::string>(two.begin(), two.end()) ==
          std::set<std::string>{std::string(p[5].id_view()), std::string(p[9].id_view())});
    const Time cut = p[100].updated_at;
    std::set<std::string> expected;
    for (const auto& prof : p)
        if (prof.updated_at > cut)
            expected.insert(std::string(prof.id_view()));
    for (const char* sort : {"updated", "-updated", "id"}) {
        auto got = sim.collect_ids(fmt::format(
            "/api/profiles?filter=greater-than(updated,{})&sort={}&page[size]=9", iso_utc(cut), sort));
        CHECK(std::set<std::string>(got.begin(), got.end()) == expected);
        CHECK(got.size() == expected.size());
    }
    // Events in a datetime window.
    const auto& ev = sim.store.events[0];
    const Time from = ev[100].datetime;
    const Time until = ev[300].datetime;
    std::size_t in_window = 0;
    for (const auto& e : ev)
        in_window += e.datetime >= from && e.datetime < until && e.arrival <= sim.clock.now();
    auto window = sim.collect_ids(fmt::format(
        "/api/events?filter=equals(metric_id,\"{}\"),greater-or-equal(datetime,{}),less-than(datetime,{})",
        sim.store.metrics[0].id, iso_utc(from), iso_utc(until)));
    CHECK(window.size() == in_window);
    // Metrics by integration: the decoy API "Placed Order" is excluded.
    auto shopify = sim.get_json("/api/metrics?filter=equals(integration.name,\"Shopify\")");
    for (const auto& m : shopify.doc["data"].GetArray())
        CHECK(std::string(m["attributes"]["integration"]["key"].GetString()) == "shopify");
    CHECK(shopify.doc["data"].Size() == 2);
    CHECK(sim.get_json("/api/metrics").doc["data"].Size() == sim.store.metrics.size());
    for (const char* bad :
         {"/api/profiles?filter=equals(email,jane@x.com)",
          "/api/profiles?filter=greater-or-equal(updated,2026-01-01T00:00:00Z)",
          "/api/events?filter=any(metric_id,[\"a\"])", "/api/metrics?filter=equals(name,\"Placed Order\")",
          "/api/profiles?filter=equals(first_name,\"A\")"}) {
        INFO(bad);
        auto r = sim.get_json(bad);
        CHECK(r.status == 400);
        CHECK(std::string(r.doc["errors"][0]["detail"].GetString()).rfind("Invalid filter provided", 0) == 0);
    }
}

TEST_CASE("klaviyo http: auth, scopes, revision, content type, trailing slash, 404", "[sim][klaviyo]")
{
    KlaviyoServer sim;
    auto none = sim.get("/api/metrics", "2026-07-15", "");
    CHECK(none.status == 401);
    CHECK(none.body.find("not_authenticated") != std::string::npos);
    CHECK(sim.get("/api/metrics", "2026-07-15", "Klaviyo-API-Key pk_wrong").status == 401);
    CHECK(sim.get("/api/profiles", "2026-07-15", "Klaviyo-API-Key pk_events_only").status == 403);
    CHECK(sim.get("/api/events", "2026-07-15", "Klaviyo-API-Key pk_events_only").status == 200);
    CHECK(sim.get("/api/metrics", "").status == 400);
    CHECK(sim.get("/api/metrics", "2027-01-15").status == 400);
    CHECK(sim.get("/api/metrics", "2024-07-15").status == 410);
    auto ok = sim.get("/api/metrics/", "2026-07-15.pre");
    CHECK(ok.status == 200);
    CHECK(ok.content_type == "application/vnd.api+json");
    CHECK(sim.get("/api/catalogs/").status == 404);
    CHECK(sim.get("/api/metrics/nope").status == 404);
    auto single = sim.get_json("/api/metrics/" + sim.store.metrics[1].id);
    CHECK(std::string(single.doc["data"]["attributes"]["name"].GetString()) == "Placed Order");
}

TEST_CASE("klaviyo http: XS tier (profile_count) throttles at 1/s and 15/m and recovers", "[sim][klaviyo]")
{
    KlaviyoServer sim;
    const std::string path = "/api/lists/" + sim.store.lists[0].id + "?additional-fields[list]=profile_count";
    auto first = sim.get_json(path);
    REQUIRE(first.status == 200);
    CHECK(first.doc["data"]["attributes"]["profile_count"].GetUint() == sim.store.lists[0].members.size());
    CHECK(first.headers.at("RateLimit-Limit") == "15");
    CHECK(first.headers.at("RateLimit-Remaining") == "14");
    auto throttled = sim.get_json(path);
    CHECK(throttled.status == 429);
    CHECK(throttled.headers.at("Retry-After") == "1");
    CHECK(throttled.headers.count("RateLimit-Limit") == 0);
    CHECK(std::string(throttled.doc["errors"][0]["code"].GetString()) == "throttled");
    CHECK(sim.get("/api/lists/" + sim.store.lists[0].id).status == 200);  // plain GET: its own L bucket
    for (int i = 1; i < 15; ++i) {
        sim.clock.advance(1s);
        INFO(i);
        CHECK(sim.get(path).status == 200);
    }
    sim.clock.advance(1s);
    auto steady = sim.get(path);
    CHECK(steady.status == 429);
    const int wait = std::stoi(steady.headers.at("Retry-After"));
    CHECK(wait > 1);
    CHECK(wait <= 46);
    sim.clock.advance(std::chrono::seconds(wait));
    CHECK(sim.get(path).status == 200);
}

TEST_CASE("klaviyo http: metric aggregates agree with the event list in Europe/London across DST",
          "[sim][klaviyo]")
{
    KlaviyoServer sim;
    const std::string metric = sim.store.metrics[0].id;
    // 2026-10-22 .. 2026-10-29 local: BST until 25 Oct 01:00 UTC, GMT after.
    const std::string body = fmt::format(
        R"J({{"data":{{"type":"metric-aggregate","attributes":{{"metric_id":"{}","measurements":["count","sum_value","unique"],"interval":"day","timezone":"Europe/London","filter":["greater-or-equal(datetime,2026-10-22T00:00:00)","less-than(datetime,2026-10-29T00:00:00)"]}}}}}})J",
        metric);
    auto agg = sim.post_json("/api/metric-aggregates", body);
    REQUIRE(agg.status == 200);
    const auto& attrs = agg.doc["data"]["attributes"];
    REQUIRE(attrs["dates"].Size() == 7);
    CHECK(std::string(attrs["dates"][0].GetString()) == "2026-10-21T23:00:00+00:00");
    CHECK(std::string(attrs["dates"][3].GetString()) == "2026-10-24T23:00:00+00:00");
    CHECK(std::string(attrs["dates"][4].GetString()) == "2026-10-26T00:00:00+00:00");
    const auto& counts = attrs["data"][0]["measurements"]["count"];
    for (rapidjson::SizeType d = 0; d < 7; ++d) {
        const std::string from = attrs["dates"][d].GetString();
        const std::string until =
            d + 1 < 7 ? attrs["dates"][d + 1].GetString() : std::string("2026-10-29T00:00:00+00:00");
        const auto ids =
            sim.collect_ids(fmt::format("/api/"
                                        "events?filter=equals(metric_id,\"{}\"),greater-or-equal(datetime,{})"
                                        ",less-than(datetime,{})&page[size]=1000",
                                        metric, encode(from), encode(until)));
        INFO(from);
        CHECK(counts[d].GetDouble() == static_cast<double>(ids.size()));
    }
    sim.clock.advance(1s);  // the S tier allows 3/s
    CHECK(sim.post_json("/api/metric-aggregates",
                        R"J({"data":{"type":"metric-aggregate","attributes":{"metric_id":"x"}}})J")
              .status == 400);
    std::string no_range = body;
    no_range.replace(no_range.find(",\"less-than"),
                     std::string(",\"less-than(datetime,2026-10-29T00:00:00)\"").size(), "");
    CHECK(sim.post_json("/api/metric-aggregates", no_range).status == 400);
    std::string bad_zone = body;
    bad_zone.replace(bad_zone.find("Europe/London"), 13, "Europe/Kyiv");
    sim.clock.advance(1s);
    CHECK(sim.post_json("/api/metric-aggregates", bad_zone).status == 400);
}

TEST_CASE("klaviyo http: OAuth refresh rotates, invalidates the old token, and access tokens expire",
          "[sim][klaviyo]")
{
    KlaviyoServer sim;
    auto token = sim.refresh("frrsim-klaviyo-initial-refresh");
    REQUIRE(token.status == 200);
    CHECK(std::string(token.doc["token_type"].GetString()) == "Bearer");
    CHECK(token.doc["expires_in"].GetInt() == 3600);
    const std::string access = token.doc["access_token"].GetString();
    const std::string rotated = token.doc["refresh_token"].GetString();
    CHECK(rotated != "frrsim-klaviyo-initial-refresh");
    CHECK(sim.get("/api/metrics", "2026-07-15", "Bearer " + access).status == 200);
    auto reused = sim.refresh("frrsim-klaviyo-initial-refresh");
    CHECK(reused.status == 400);
    CHECK(std::string(reused.doc["error"].GetString()) == "invalid_grant");
    CHECK(sim.refresh(rotated, "wrong-secret").status == 401);
    sim.clock.advance(3601s);
    auto expired = sim.get("/api/metrics", "2026-07-15", "Bearer " + access);
    CHECK(expired.status == 401);
    CHECK(expired.body.find("not_authenticated") != std::string::npos);
    auto again = sim.refresh(rotated);
    CHECK(again.status == 200);
    CHECK(
        sim.get("/api/metrics", "2026-07-15", std::string("Bearer ") + again.doc["access_token"].GetString())
            .status == 200);
}

TEST_CASE("klaviyo http: injected faults (429 without Retry-After, HTML 503, short page, bad JSON)",
          "[sim][klaviyo]")
{
    KlaviyoServer sim;
    auto inject = [&](Fault f, const char* endpoint) {
        FaultSpec spec;
        spec.platform = Platform::klaviyo;
        spec.endpoint = endpoint;
        spec.fault = f;
        spec.count = 1;
        sim.ctx.faults().add(spec);
    };
    Fault storm;
    storm.kind = FaultKind::rate_limit;
    storm.retry_after = false;
    inject(storm, "/api/events");
    auto throttled = sim.get("/api/events");
    CHECK(throttled.status == 429);
    CHECK(throttled.headers.count("Retry-After") == 0);
    CHECK(throttled.body.find("\"throttled\"") != std::string::npos);

    Fault html;
    html.status = 503;
    html.body = BodyKind::html;
    inject(html, "/api/profiles");
    auto down = sim.get("/api/profiles");
    CHECK(down.status == 503);
    CHECK(down.content_type.rfind("text/html", 0) == 0);

    Fault bad_json;
    bad_json.kind = FaultKind::invalid_json;
    inject(bad_json, "/api/metrics");
    auto garbled = sim.get("/api/metrics");
    CHECK(garbled.status == 200);
    rapidjson::Document doc;
    doc.Parse(garbled.body.c_str());
    CHECK(doc.HasParseError());

    Fault short_page;
    short_page.kind = FaultKind::short_page;
    inject(short_page, "/api/profiles");
    auto page = sim.get_json("/api/profiles?page[size]=20");
    CHECK(page.doc["data"].Size() == 10);
    REQUIRE(page.doc["links"]["next"].IsString());
    // The short page loses nothing: following next still yields every profile once.
    std::vector<std::string> ids = ids_of(page.doc);
    for (auto& id : sim.collect_ids(path_of(page.doc["links"]["next"].GetString())))
        ids.push_back(id);
    CHECK(ids.size() == sim.store.profiles.size());
    CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
}

// Each deliberately wrong request Klaviyo refuses is refused here too (docs/simulator.md,
// "Strictness"), with the JSON:API error shape.
TEST_CASE("klaviyo http: strictness refuses what Klaviyo refuses", "[klaviyo][strict]")
{
    KlaviyoServer sim;
    auto refused = [&](const Reply& r, int status, const std::string& parameter = "") {
        INFO(r.body);
        CHECK(r.status == status);
        rapidjson::Document doc;
        doc.Parse(r.body.c_str());
        REQUIRE(doc.IsObject());
        REQUIRE(doc["errors"].IsArray());
        const auto& e = doc["errors"][0];
        CHECK(e["status"].GetInt() == status);
        CHECK(e.HasMember("code"));
        CHECK(e.HasMember("title"));
        CHECK(e.HasMember("detail"));
        if (!parameter.empty())
            CHECK(std::string(e["source"]["parameter"].GetString()) == parameter);
    };
    // Unknown query parameters, fields and additional-fields.
    refused(sim.get("/api/profiles?page[limit]=5"), 400, "page[limit]");
    refused(sim.get("/api/profiles?fields[profile]=email,shoe_size"), 400, "fields[profile]");
    refused(sim.get("/api/profiles?additional-fields[profile]=everything"), 400,
            "additional-fields[profile]");
    refused(sim.get("/api/lists?additional-fields[list]=profile_count"), 400, "additional-fields[list]");
    refused(sim.get("/api/events?include=flows"), 400, "include");
    CHECK(sim.get("/api/profiles?fields[profile]=email,subscriptions.email.marketing.consent").status == 200);
    // page[size] only where the revision has it: metrics never, events from 2026-01-15,
    // lists and segments from 2026-04-15.
    refused(sim.get("/api/metrics?page[size]=10"), 400, "page[size]");
    refused(sim.get("/api/events?page[size]=10", "2025-10-15"), 400, "page[size]");
    CHECK(sim.get("/api/events?page[size]=10", "2026-01-15").status == 200);
    refused(sim.get("/api/lists?page[size]=5", "2026-01-15"), 400, "page[size]");
    CHECK(sim.get("/api/lists?page[size]=5", "2026-04-15").status == 200);
    // any() takes at most 100 values.
    std::string hundred;
    for (int i = 0; i < 100; ++i)
        hundred += fmt::format("{}\"user{:03d}@example.com\"", i ? "," : "", i);
    const std::string hundred_and_one = hundred + ",\"extra@example.com\"";
    CHECK(sim.get("/api/profiles?filter=any(email,[" + hundred + "])&page[size]=100").status == 200);
    refused(sim.get("/api/profiles?filter=any(email,[" + hundred_and_one + "])"), 400, "filter");
    // The auth scheme names the credential's kind: a private key under Bearer, or an OAuth
    // access token under Klaviyo-API-Key, is refused.
    refused(sim.get("/api/metrics", "2026-07-15", "Bearer pk_test"), 401);
    auto token = sim.refresh("frrsim-klaviyo-initial-refresh");
    REQUIRE(token.status == 200);
    const std::string access = token.doc["access_token"].GetString();
    CHECK(sim.get("/api/metrics", "2026-07-15", "Bearer " + access).status == 200);
    refused(sim.get("/api/metrics", "2026-07-15", "Klaviyo-API-Key " + access), 401);
    CHECK(sim.get("/api/metrics", "2026-07-15", "Klaviyo-API-Key pk_test").status == 200);
}
