#pragma once
// Bulk query operations (api/shopify.md section 5): bulkOperationRunQuery
// validates and records an operation; it moves CREATED -> RUNNING ->
// COMPLETED on successive polls (node(id:), currentBulkOperation,
// bulkOperation(id:)) or once the sim clock passes created + k_run_time.
// On completion the JSONL result is produced: one line per root object,
// nested connection children as their own lines with __parentId, lines
// shuffled with a seeded RNG. The file is served from a loopback "signed
// URL" /_sim/bulk/<id>.jsonl?Expires=<epoch>&Signature=<hmac> that
// answers 403 once the sim clock passes Expires (7 days after completion).
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "api_version.hpp"
#include "store_index.hpp"

namespace frr::sim::shopify {

enum class BulkStatus { Created, Running, Completed, Canceled, Failed };
std::string_view bulk_status_name(BulkStatus status);

struct BulkOperation {
    std::int64_t id = 0;
    std::string owner;
    std::string query;
    ApiVersion version;
    std::vector<std::string> scopes;
    Time created_at{};
    std::optional<Time> completed_at;
    BulkStatus status = BulkStatus::Created;
    int polls = 0;
    std::uint64_t object_count = 0;
    std::uint64_t root_object_count = 0;
    std::string jsonl;  // the result file, once completed
    Time url_expires{};
};

struct BulkRunResult {
    std::optional<BulkOperation> operation;  // a snapshot of the new operation
    std::string error_message;               // userErrors[0].message when refused
    std::string error_code;                  // OPERATION_IN_PROGRESS or INVALID
    bool error_on_query_field = false;       // userErrors[0].field == ["query"]
};

inline constexpr std::chrono::seconds k_run_time{5};
inline constexpr std::chrono::days k_url_lifetime{7};

class BulkRegistry {
public:
    BulkRegistry(const StoreIndex& index, std::uint64_t seed) : m_index(index), m_seed(seed) { }

    BulkRunResult run(const std::string& owner, const std::string& query, const ApiVersion& version,
                      const std::vector<std::string>& scopes, Time now);
    // A poll: advances the state machine and returns a snapshot (nullopt if
    // unknown or owned by another app).
    std::optional<BulkOperation> poll(const std::string& owner, std::int64_t id, Time now);
    // The owner's most recent operation, polled.
    std::optional<BulkOperation> current(const std::string& owner, Time now);
    std::optional<BulkOperation> cancel(const std::string& owner, std::int64_t id, Time now);

    // The signed download URL of a completed operation.
    std::string signed_url(const std::string& base_url, const BulkOperation& operation) const;
    // Checks signature and expiry: 200 with the body, or 403 / 404.
    int download(std::int64_t id, std::string_view expires, std::string_view signature, Time now,
                 std::string& body) const;

private:
    void advance(BulkOperation& operation, Time now, bool is_poll);
    void complete(BulkOperation& operation, Time now);
    std::string signature(std::int64_t id, std::int64_t expires) const;

    const StoreIndex& m_index;
    std::uint64_t m_seed;
    mutable std::mutex m_mutex;
    std::int64_t m_next_id = 4476008693949;
    std::map<std::int64_t, BulkOperation> m_operations;
};

// Produces the JSONL of a bulk query (bulk_jsonl.cpp). Throws GraphqlError
// for an invalid query (unknown field, no connection, a top-level node).
struct BulkResult {
    std::string jsonl;
    std::uint64_t object_count = 0;
    std::uint64_t root_object_count = 0;
};
BulkResult run_bulk_query(const StoreIndex& index, const std::string& query, const ApiVersion& version,
                          const std::vector<std::string>& scopes, Time now, std::uint64_t seed);

}  // namespace frr::sim::shopify
