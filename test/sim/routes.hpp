#pragma once
// Route modules. Each registers its handlers on the server; handlers read the store and
// per-request state only through the SimContext, which outlives the server.
namespace httplib {
class Server;
}

namespace frr::sim {

class SimContext;

// Shopify: POST /admin/api/{version}/graphql.json, /admin/oauth/access_token,
// GET /admin/oauth/access_scopes.json, the bulk JSONL download. (test/sim/shopify/)
void register_shopify_routes(httplib::Server& server, SimContext& ctx);
// WooCommerce REST API v3 under /wp-json/wc/v3/, for a `source: woocommerce` scenario.
// (test/sim/woocommerce/)
void register_woocommerce_routes(httplib::Server& server, SimContext& ctx);
// Klaviyo: /api/... and POST /oauth/token. (test/sim/klaviyo/)
void register_klaviyo_routes(httplib::Server& server, SimContext& ctx);
// Simulator control: /_sim/answer-key, /_sim/ground-truth, /_sim/clock, /_sim/faults, /_sim/stats.
void register_control_routes(httplib::Server& server, SimContext& ctx);

}  // namespace frr::sim
