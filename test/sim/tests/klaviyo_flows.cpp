// Klaviyo flows over loopback (port 0, sim clock, no sleeps): GET /api/flows, the flow-trigger
// relationships, the flow series report (validation, the conversion-metric requirement, the
// Reporting API's 2/m limit) and a flow switched off by the moving clock.
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <thread>

#include <fmt/format.h>
#include <httplib.h>
#include <rapidjson/document.h>

#include "flow_model.hpp"
#include "generator.hpp"
#include "routes.hpp"
#include "scenario.hpp"
#include "sim_context.hpp"

namespace {

using namespace frr::sim;
using namespace std::chrono_literals;

Scenario small_scenario()
{
    return parse_scenario(R"(name: flows-test
seed: 5
now: 2026-11-27T06:00:00Z
store:
  history_days: 20
  orders_per_day: 60
  customers: 600
  products: 8
  checkouts_per_day: 30
defects:
  flow_switched_off:
    - {flow: Abandoned Checkout, at: +30m, to: draft}
)",
                          "flows-test.yaml");
}

struct Json {
    int status = 0;
    rapidjson::Document doc;
    std::map<std::string, std::string> headers;
};

class FlowServer {
public:
    FlowServer()
        : scenario(small_scenario()),
          store(generate_store(scenario, *scenario.now)),
          clock(store.start),
          ctx(store, clock, 5)
    {
        ctx.credentials().add_static(Platform::klaviyo, "pk_test", {}, "acct");
        ctx.credentials().add_static(Platform::klaviyo, "pk_no_flows", {"metrics:read", "lists:read"},
                                     "acct");
        register_klaviyo_routes(m_server, ctx);
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running())
            std::this_thread::yield();
        m_client = std::make_unique<httplib::Client>("127.0.0.1", m_port);
    }
    ~FlowServer()
    {
        m_server.stop();
        m_thread.join();
    }
    FlowServer(const FlowServer&) = delete;
    FlowServer& operator=(const FlowServer&) = delete;

    Json get(const std::string& path, const std::string& key = "pk_test")
    {
        httplib::Headers h{{"revision", "2026-07-15"}, {"Authorization", "Klaviyo-API-Key " + key}};
        return parse(m_client->Get(path.c_str(), h));
    }
    Json post(const std::string& path, const std::string& body)
    {
        httplib::Headers h{{"revision", "2026-07-15"}, {"Authorization", "Klaviyo-API-Key pk_test"}};
        return parse(m_client->Post(path.c_str(), h, body, "application/vnd.api+json"));
    }
    std::string metric_id(EventKind kind) const { return store.metrics[store.store_metric(kind)].id; }
    const Flow& flow(const std::string& name) const
    {
        for (const Flow& f : store.flows)
            if (f.name == name)
                return f;
        throw std::logic_error("no flow " + name);
    }

    Scenario scenario;
    Store store;
    SimClock clock;
    SimContext ctx;

private:
    static Json parse(const httplib::Result& r)
    {
        REQUIRE(r);
        Json out;
        out.status = r->status;
        for (const auto& [k, v] : r->headers)
            out.headers[k] = v;
        out.doc.Parse(r->body.c_str());
        REQUIRE_FALSE(out.doc.HasParseError());
        return out;
    }
    httplib::Server m_server;
    std::thread m_thread;
    int m_port = 0;
    std::unique_ptr<httplib::Client> m_client;
};

std::vector<std::string> ids(const rapidjson::Document& doc)
{
    std::vector<std::string> out;
    for (const auto& r : doc["data"].GetArray())
        out.emplace_back(r["id"].GetString());
    return out;
}

std::string report_body(const std::string& extra, const std::string& conversion)
{
    return fmt::format(
        R"({{"data":{{"type":"flow-series-report","attributes":{{"statistics":["recipients","delivered"],)"
        R"("timeframe":{{"start":"2026-11-13T00:00:00+00:00","end":"2026-11-27T06:00:00+00:00"}},)"
        R"("interval":"daily"{}{}}}}}}})",
        conversion.empty() ? "" : fmt::format(R"(,"conversion_metric_id":"{}")", conversion), extra);
}

}  // namespace

TEST_CASE("flows: listed with their status, paged, filtered; archived only on request",
          "[sim][klaviyo][flows]")
{
    FlowServer s;
    auto all = s.get("/api/flows");
    REQUIRE(all.status == 200);
    CHECK(all.doc["data"].Size() == s.store.flows.size() - 1);  // "Sunset Unengaged" is archived
    const auto& first = all.doc["data"][0];
    CHECK(std::string(first["type"].GetString()) == "flow");
    for (const char* attr : {"name", "status", "archived", "created", "updated", "trigger_type"})
        CHECK(first["attributes"].HasMember(attr));
    CHECK(first["relationships"]["flow-actions"]["links"].HasMember("related"));

    std::vector<std::string> paged;
    std::string path = "/api/flows?page%5Bsize%5D=3";
    for (int guard = 0; guard < 10 && !path.empty(); ++guard) {
        s.clock.advance(1s);  // GET /api/flows allows 3 a second
        auto page = s.get(path);
        REQUIRE(page.status == 200);
        for (auto& id : ids(page.doc))
            paged.push_back(id);
        const std::string next =
            page.doc["links"]["next"].IsString() ? page.doc["links"]["next"].GetString() : "";
        path = next.empty() ? "" : next.substr(next.find("/api/"));
    }
    CHECK(paged == ids(all.doc));

    s.clock.advance(1s);
    auto archived = s.get("/api/flows?filter=equals(archived,true)");
    REQUIRE(archived.status == 200);
    REQUIRE(archived.doc["data"].Size() == 1);
    CHECK(std::string(archived.doc["data"][0]["attributes"]["name"].GetString()) == "Sunset Unengaged");
    auto live = s.get("/api/flows?filter=equals(status,%22live%22)");
    REQUIRE(live.status == 200);
    CHECK(live.doc["data"].Size() == 7);
    s.clock.advance(1s);
    auto named = s.get("/api/flows?filter=starts-with(name,%22Order%22)&fields%5Bflow%5D=name");
    REQUIRE(named.status == 200);
    REQUIRE(named.doc["data"].Size() == 2);  // Order Confirmation, Order Cancelled
    CHECK_FALSE(named.doc["data"][0]["attributes"].HasMember("status"));
    s.clock.advance(1s);
    CHECK(s.get("/api/flows?fields%5Bflow%5D=colour").status == 400);
    CHECK(s.get("/api/flows?page%5Bsize%5D=51").status == 400);
    CHECK(s.get("/api/flows", "pk_no_flows").status == 403);  // flows:read
}

TEST_CASE("flow triggers: metrics and lists name the flows they start", "[sim][klaviyo][flows]")
{
    FlowServer s;
    auto checkout = s.get(
        fmt::format("/api/metrics/{}/relationships/flow-triggers", s.metric_id(EventKind::checkout_started)));
    REQUIRE(checkout.status == 200);
    CHECK(ids(checkout.doc) == std::vector<std::string>{s.flow("Abandoned Checkout").id});
    CHECK(std::string(checkout.doc["data"][0]["type"].GetString()) == "flow");
    CHECK(checkout.doc["data"][0].MemberCount() == 2);  // {type, id}
    // Review Request (manual) starts on Fulfilled Order too; both are listed.
    auto shipped =
        s.get(fmt::format("/api/metrics/{}/flow-triggers", s.metric_id(EventKind::fulfilled_order)));
    REQUIRE(shipped.status == 200);
    std::set<std::string> names;
    for (const auto& f : shipped.doc["data"].GetArray())
        names.insert(f["attributes"]["name"].GetString());
    CHECK(names == std::set<std::string>{"Review Request", "Shipping Confirmation"});
    const Group* newsletter = nullptr;
    for (const Group& g : s.store.lists)
        if (g.name == "Newsletter")
            newsletter = &g;
    REQUIRE(newsletter);
    auto list = s.get("/api/lists/" + newsletter->id + "/relationships/flow-triggers");
    REQUIRE(list.status == 200);
    CHECK(ids(list.doc) == std::vector<std::string>{s.flow("Welcome Series").id});
    CHECK(s.get("/api/metrics/NOPE00/relationships/flow-triggers").status == 404);
    CHECK(s.get("/api/segments/" + newsletter->id + "/relationships/flow-triggers").status == 404);
}

TEST_CASE("flow series report: validated, agrees with the flow model, 2 a minute", "[sim][klaviyo][flows]")
{
    FlowServer s;
    const std::string placed = s.metric_id(EventKind::placed_order);
    auto missing = s.post("/api/flow-series-reports", report_body("", ""));
    CHECK(missing.status == 400);
    CHECK(std::string(missing.doc["errors"][0]["source"]["pointer"].GetString()) ==
          "/data/attributes/conversion_metric_id");
    s.clock.advance(1s);  // 1 a second
    CHECK(s.post("/api/flow-series-reports", report_body(R"(,"group_by":["flow_id"])", placed)).status ==
          400);

    s.clock.advance(61s);  // a fresh minute: the two failed requests counted
    auto ok = s.post("/api/flow-series-reports", report_body("", placed));
    REQUIRE(ok.status == 200);
    const auto& attrs = ok.doc["data"]["attributes"];
    REQUIRE(attrs["date_times"].Size() == 15);  // 13 Nov .. 27 Nov
    CHECK(std::string(attrs["date_times"][0].GetString()) == "2026-11-13T00:00:00+00:00");
    // Abandoned Checkout's first message, summed over the days, equals the model's recipients.
    const Flow& checkout = s.flow("Abandoned Checkout");
    const auto bounds = local_day_bounds("Europe/London", *parse_iso("2026-11-13T00:00:00Z"), s.clock.now());
    const auto model = flow_days(s.store, s.store.find_flow(checkout.id), bounds, s.clock.now());
    std::int64_t expected =
        std::accumulate(model.recipients[0].begin(), model.recipients[0].end(), std::int64_t{0});
    std::int64_t reported = 0;
    for (const auto& row : attrs["results"].GetArray()) {
        CHECK(row["groupings"].HasMember("send_channel"));
        if (std::string(row["groupings"]["flow_message_id"].GetString()) != checkout.messages[0].id)
            continue;
        for (const auto& v : row["statistics"]["recipients"].GetArray())
            reported += static_cast<std::int64_t>(v.GetDouble());
    }
    CHECK(expected > 100);
    CHECK(reported == expected);

    // The second request of the minute passes, the third is throttled with Retry-After.
    s.clock.advance(1s);
    CHECK(s.post("/api/flow-series-reports", report_body("", placed)).status == 200);
    s.clock.advance(1s);
    auto throttled = s.post("/api/flow-series-reports", report_body("", placed));
    CHECK(throttled.status == 429);
    CHECK(throttled.headers.count("Retry-After") == 1);
    CHECK(std::string(throttled.doc["errors"][0]["code"].GetString()) == "throttled");
}

TEST_CASE("flow series report: what the simulator does not model is a 400, never a zero",
          "[sim][klaviyo][flows]")
{
    FlowServer s;
    const std::string placed = s.metric_id(EventKind::placed_order);
    auto opens = s.post("/api/flow-series-reports",
                        R"({"data":{"type":"flow-series-report","attributes":{"statistics":["open_rate"],)"
                        R"("timeframe":{"key":"last_7_days"},"interval":"daily","conversion_metric_id":")" +
                            placed + R"("}}})");
    CHECK(opens.status == 400);
    CHECK(std::string(opens.doc["errors"][0]["detail"].GetString()).find("does not model") !=
          std::string::npos);
    s.clock.advance(61s);
    auto too_long =
        s.post("/api/flow-series-reports",
               R"({"data":{"type":"flow-series-report","attributes":{"statistics":["recipients"],)"
               R"("timeframe":{"start":"2026-08-01T00:00:00","end":"2026-11-27T00:00:00"},)"
               R"("interval":"daily","conversion_metric_id":")" +
                   placed + R"("}}})");
    CHECK(too_long.status == 400);
}

TEST_CASE("a flow switched to draft between runs: the clock decides its status", "[sim][klaviyo][flows]")
{
    FlowServer s;
    const Flow& f = s.flow("Abandoned Checkout");
    auto before = s.get("/api/flows/" + f.id);
    REQUIRE(before.status == 200);
    CHECK(std::string(before.doc["data"]["attributes"]["status"].GetString()) == "live");
    s.clock.advance(1h);
    auto after = s.get("/api/flows/" + f.id);
    CHECK(std::string(after.doc["data"]["attributes"]["status"].GetString()) == "draft");
    auto checkout = s.get(
        fmt::format("/api/metrics/{}/relationships/flow-triggers", s.metric_id(EventKind::checkout_started)));
    CHECK(ids(checkout.doc) == std::vector<std::string>{f.id});  // still its trigger, only not live
}
