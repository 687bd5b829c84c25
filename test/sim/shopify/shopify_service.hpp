#pragma once
// The Shopify side of frr-sim, independent of the HTTP server so tests can
// call it directly: Admin GraphQL (auth, version fall-forward, validation,
// cost limits, the per-app leaky bucket, execution, extensions.cost), the
// OAuth token endpoint, access scopes and the bulk result download.
#include <atomic>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../sim_context.hpp"
#include "bulk.hpp"
#include "leaky_bucket.hpp"
#include "store_index.hpp"

namespace frr::sim::shopify {

struct HttpAnswer {
    int status = 200;
    std::string body;
    std::string content_type = "application/json; charset=utf-8";
    std::vector<std::pair<std::string, std::string>> headers;
};

// Data-shaping faults that a GraphQL request honours (transport faults are
// applied by the routes).
struct DataFaults {
    bool partial = false;         // graphql_partial: ACCESS_DENIED customer fields
    bool short_page = false;      // short_page: half pages with hasNextPage
    bool internal_error = false;  // INTERNAL_SERVER_ERROR at HTTP 200
};

class ShopifyService {
public:
    explicit ShopifyService(SimContext& ctx);

    HttpAnswer graphql(std::string_view version, std::string_view token, const std::string& body,
                       const DataFaults& faults = {});
    HttpAnswer access_token(const std::string& body, std::string_view content_type);
    HttpAnswer access_scopes(std::string_view token);
    HttpAnswer bulk_download(std::int64_t id, std::string_view expires, std::string_view signature);

    // "0f41bc5f-06ef-4763-895b-f3d1d0e699ad-1723040816" (UUID, then epoch seconds).
    std::string next_request_id();

private:
    HttpAnswer throttled(int requested, const BucketDecision& decision);

    SimContext& m_ctx;
    StoreIndex m_index;
    BulkRegistry m_bulk;
    BucketRegistry m_buckets;
    std::atomic<std::uint64_t> m_requests{0};
};

// The exact 401 body: `errors` is a string.
inline constexpr std::string_view k_invalid_token_body =
    R"j({"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"})j";

}  // namespace frr::sim::shopify
