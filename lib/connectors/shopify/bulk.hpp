#pragma once
// The bulk-operation path for big stores (api/shopify.md section 5): run a
// bulk query, poll it through node(id:) until it finishes, download the JSONL
// from its signed URL (without the Shopify token: it is another host) and
// hand every root object to the sink with its children, rebuilt from
// `__parentId` (lines come in no guaranteed order).
#include "connectors/shopify/graphql_client.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace frr::connectors::shopify {

// Reassembles a bulk JSONL file: roots in file order, children grouped under
// their parent's id whatever the line order.
class BulkJsonl {
public:
    // Returns false (and a reason) for a line that is not a JSON object.
    bool add_line(std::string_view line, std::string& error);
    std::size_t roots() const { return m_roots.size(); }
    // Calls `sink(root, children)` for every root, in file order.
    void for_each(const std::function<void(const rapidjson::Value&, const std::vector<const rapidjson::Value*>&)>&
                      sink) const;

private:
    rapidjson::Document m_store{rapidjson::kArrayType}; // owns every parsed line
    std::vector<std::size_t> m_roots;                   // indexes into m_store
    std::map<std::string, std::vector<std::size_t>> m_children;
};

struct BulkOptions {
    std::chrono::milliseconds first_poll{1000};
    std::chrono::milliseconds max_poll{10'000};
    std::chrono::seconds give_up_after{3600};
};

struct BulkResult {
    bool ok = false;
    CallStatus failure = CallStatus::failed;
    std::string error; // plain words
    std::int64_t roots = 0;
};

// Runs `document` as a bulk query and streams its roots to `sink`.
BulkResult run_bulk_query(GraphqlClient& client, const net::RequestContext& download, const std::string& document,
                          const std::function<void(const rapidjson::Value&)>& sink, const BulkOptions& options = {});

} // namespace frr::connectors::shopify
