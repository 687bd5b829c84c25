// register_klaviyo_routes: the Klaviyo REST surface of frr-sim. Paths are accepted with or
// without a trailing slash (§1); anything else under /api/ is the live 404 `not_found`.
#include "../routes.hpp"

#include <memory>

#include <httplib.h>

#include "api.hpp"
#include "handlers.hpp"

namespace frr::sim {

void register_klaviyo_routes(httplib::Server& server, SimContext& ctx)
{
    using namespace klaviyo;
    // Shared by every handler the server keeps; lives as long as the routes do.
    auto api = std::make_shared<KlaviyoApi>(ctx);
    auto get = [&server, api](const char* pattern, Endpoint endpoint, auto handler) {
        server.Get(pattern, [api, endpoint, handler](const httplib::Request& req, httplib::Response& res) {
            api->serve(endpoint, req, res, [&](const ApiRequest& request, const HandlerEnv& env) {
                return handler(request, env, req);
            });
        });
    };
    auto id_of = [](const httplib::Request& req) { return req.matches[1].str(); };

    get(R"(/api/profiles/?)", Endpoint::get_profiles,
        [](const ApiRequest& r, const HandlerEnv& e, const httplib::Request&) { return get_profiles(r, e); });
    get(R"(/api/profiles/([^/]+)/lists/?)", Endpoint::get_profile_lists,
        [id_of](const ApiRequest& r, const HandlerEnv& e, const httplib::Request& q) {
            return get_profile_lists(r, e, id_of(q), false);
        });
    get(R"(/api/profiles/([^/]+)/relationships/lists/?)", Endpoint::get_profile_list_ids,
        [id_of](const ApiRequest& r, const HandlerEnv& e, const httplib::Request& q) {
            return get_profile_lists(r, e, id_of(q), true);
        });
    get(R"(/api/events/?)", Endpoint::get_events,
        [](const ApiRequest& r, const HandlerEnv& e, const httplib::Request&) { return get_events(r, e); });
    get(R"(/api/metrics/?)", Endpoint::get_metrics,
        [](const ApiRequest& r, const HandlerEnv& e, const httplib::Request&) { return get_metrics(r, e); });
    get(R"(/api/metrics/([^/]+)/?)", Endpoint::get_metric,
        [id_of](const ApiRequest& r, const HandlerEnv& e, const httplib::Request& q) {
            return get_metric(r, e, id_of(q));
        });
    for (const bool segments : {false, true}) {
        const std::string base = segments ? "/api/segments" : "/api/lists";
        // httplib keeps its own copy of each pattern string.
        const std::string collection = base + "/?";
        const std::string single = base + "/([^/]+)/?";
        const std::string members = base + "/([^/]+)/profiles/?";
        get(collection.c_str(), segments ? Endpoint::get_segments : Endpoint::get_lists,
            [segments](const ApiRequest& r, const HandlerEnv& e, const httplib::Request&) {
                return get_groups(r, e, segments);
            });
        get(single.c_str(), segments ? Endpoint::get_segment : Endpoint::get_list,
            [segments, id_of](const ApiRequest& r, const HandlerEnv& e, const httplib::Request& q) {
                return get_group(r, e, segments, id_of(q));
            });
        get(members.c_str(), segments ? Endpoint::get_segment_profiles : Endpoint::get_list_profiles,
            [segments, id_of](const ApiRequest& r, const HandlerEnv& e, const httplib::Request& q) {
                return get_group_profiles(r, e, segments, id_of(q));
            });
    }
    get(R"(/api/flows/?)", Endpoint::get_flows,
        [](const ApiRequest& r, const HandlerEnv& e, const httplib::Request&) { return get_flows(r, e); });
    get(R"(/api/flows/([^/]+)/?)", Endpoint::get_flow,
        [id_of](const ApiRequest& r, const HandlerEnv& e, const httplib::Request& q) {
            return get_flow(r, e, id_of(q));
        });
    struct TriggerRoute {
        const char* base;
        TriggerTarget target;
        Endpoint full;
        Endpoint ids;
    };
    for (const TriggerRoute& t :
         {TriggerRoute{"/api/metrics", TriggerTarget::metric, Endpoint::get_metric_flow_triggers,
                       Endpoint::get_metric_flow_trigger_ids},
          TriggerRoute{"/api/lists", TriggerTarget::list, Endpoint::get_list_flow_triggers,
                       Endpoint::get_list_flow_trigger_ids},
          TriggerRoute{"/api/segments", TriggerTarget::segment, Endpoint::get_segment_flow_triggers,
                       Endpoint::get_segment_flow_trigger_ids}}) {
        for (const bool ids : {false, true}) {
            const std::string pattern = std::string(t.base) +
                (ids ? "/([^/]+)/relationships/flow-triggers/?" : "/([^/]+)/flow-triggers/?");
            const TriggerTarget target = t.target;
            get(pattern.c_str(), ids ? t.ids : t.full,
                [target, ids, id_of](const ApiRequest& r, const HandlerEnv& e, const httplib::Request& q) {
                    return get_flow_triggers(r, e, target, id_of(q), ids);
                });
        }
    }
    server.Post(R"(/api/flow-series-reports/?)", [api](const httplib::Request& req, httplib::Response& res) {
        api->serve(Endpoint::query_flow_series, req, res,
                   [&](const ApiRequest& request, const HandlerEnv& env) {
                       return query_flow_series(request, env, req.body);
                   });
    });
    server.Post(R"(/api/metric-aggregates/?)", [api](const httplib::Request& req, httplib::Response& res) {
        api->serve(Endpoint::query_metric_aggregates, req, res,
                   [&](const ApiRequest& request, const HandlerEnv& env) {
                       return query_metric_aggregates(request, env, req.body);
                   });
    });
    server.Post(R"(/oauth/token/?)",
                [api](const httplib::Request& req, httplib::Response& res) { api->serve_token(req, res); });
    server.Get(R"(/api/.*)", [api](const httplib::Request& req, httplib::Response& res) {
        api->serve_not_found(req, res);
    });
    server.Post(R"(/api/.*)", [api](const httplib::Request& req, httplib::Response& res) {
        api->serve_not_found(req, res);
    });
}

}  // namespace frr::sim
