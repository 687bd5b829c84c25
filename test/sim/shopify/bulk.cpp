#include "bulk.hpp"

#include <openssl/hmac.h>

#include "graphql_parser.hpp"
#include "schema.hpp"

namespace frr::sim::shopify {

std::string_view bulk_status_name(BulkStatus status)
{
    switch (status) {
    case BulkStatus::Created: return "CREATED";
    case BulkStatus::Running: return "RUNNING";
    case BulkStatus::Completed: return "COMPLETED";
    case BulkStatus::Canceled: return "CANCELED";
    case BulkStatus::Failed: return "FAILED";
    }
    return "FAILED";
}

namespace {
bool in_progress(const BulkOperation& operation)
{
    return operation.status == BulkStatus::Created || operation.status == BulkStatus::Running;
}
}  // namespace

BulkRunResult BulkRegistry::run(const std::string& owner, const std::string& query, const ApiVersion& version,
                                const std::vector<std::string>& scopes, Time now)
{
    BulkRunResult result;
    try {
        // Validation happens up front, as Shopify answers an invalid query with a userError.
        Document document = parse_document(query);
        ResolvedOperation operation = resolve_operation(document, "", nullptr);
        auto errors = validate(operation.fields, "QueryRoot", version, "query");
        if (!errors.empty())
            throw GraphqlError(errors.front().message, errors.front().line, errors.front().column);
    } catch (const GraphqlError& error) {
        result.error_message = std::string("Invalid bulk query: ") + error.what();
        result.error_code = "INVALID";
        result.error_on_query_field = true;
        return result;
    }
    std::lock_guard lock(m_mutex);
    // One running bulk query per app and shop before 2026-01, five from then on.
    const std::size_t limit = version.at_least("2026-01") ? 5 : 1;
    std::size_t running = 0;
    const BulkOperation* blocking = nullptr;
    for (auto& [id, operation] : m_operations) {
        if (operation.owner != owner)
            continue;
        advance(operation, now, false);
        if (in_progress(operation)) {
            ++running;
            blocking = &operation;
        }
    }
    if (running >= limit && blocking != nullptr) {
        result.error_message = "A bulk query operation for this app and shop is already in progress: "
                               "gid://shopify/BulkOperation/" +
            std::to_string(blocking->id) + ".";
        result.error_code = "OPERATION_IN_PROGRESS";
        return result;
    }
    BulkOperation operation;
    operation.id = m_next_id++;
    operation.owner = owner;
    operation.query = query;
    operation.version = version;
    operation.scopes = scopes;
    operation.created_at = now;
    m_operations[operation.id] = operation;
    result.operation = operation;
    return result;
}

void BulkRegistry::advance(BulkOperation& operation, Time now, bool is_poll)
{
    if (!in_progress(operation))
        return;
    if (is_poll)
        ++operation.polls;
    if (operation.polls >= 2 || now >= operation.created_at + k_run_time) {
        complete(operation, now);
    } else if (operation.polls >= 1) {
        operation.status = BulkStatus::Running;
    }
}

void BulkRegistry::complete(BulkOperation& operation, Time now)
{
    try {
        BulkResult result =
            run_bulk_query(m_index, operation.query, operation.version, operation.scopes,
                           operation.created_at, m_seed ^ static_cast<std::uint64_t>(operation.id));
        operation.jsonl = std::move(result.jsonl);
        operation.object_count = result.object_count;
        operation.root_object_count = result.root_object_count;
        operation.status = BulkStatus::Completed;
    } catch (const GraphqlError&) {
        operation.status = BulkStatus::Failed;
    }
    operation.completed_at = now;
    operation.url_expires = now + k_url_lifetime;
}

std::optional<BulkOperation> BulkRegistry::poll(const std::string& owner, std::int64_t id, Time now)
{
    std::lock_guard lock(m_mutex);
    auto it = m_operations.find(id);
    if (it == m_operations.end() || it->second.owner != owner)
        return std::nullopt;
    advance(it->second, now, true);
    return it->second;
}

std::optional<BulkOperation> BulkRegistry::current(const std::string& owner, Time now)
{
    std::lock_guard lock(m_mutex);
    for (auto it = m_operations.rbegin(); it != m_operations.rend(); ++it) {
        if (it->second.owner != owner)
            continue;
        advance(it->second, now, true);
        return it->second;
    }
    return std::nullopt;
}

std::optional<BulkOperation> BulkRegistry::cancel(const std::string& owner, std::int64_t id, Time now)
{
    std::lock_guard lock(m_mutex);
    auto it = m_operations.find(id);
    if (it == m_operations.end() || it->second.owner != owner)
        return std::nullopt;
    if (in_progress(it->second)) {
        it->second.status = BulkStatus::Canceled;
        it->second.completed_at = now;
    }
    return it->second;
}

std::string BulkRegistry::signature(std::int64_t id, std::int64_t expires) const
{
    const std::string key = "frr-sim-bulk-" + std::to_string(m_seed);
    const std::string message = std::to_string(id) + ":" + std::to_string(expires);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &length);
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out += k_hex[digest[i] >> 4];
        out += k_hex[digest[i] & 0xF];
    }
    return out;
}

std::string BulkRegistry::signed_url(const std::string& base_url, const BulkOperation& operation) const
{
    const std::int64_t expires = operation.url_expires.time_since_epoch().count();
    return base_url + "/_sim/bulk/" + std::to_string(operation.id) +
        ".jsonl?Expires=" + std::to_string(expires) + "&Signature=" + signature(operation.id, expires) +
        "&response-content-disposition=attachment%3B+filename%3D%22bulk-" + std::to_string(operation.id) +
        ".jsonl%22&response-content-type=application%2Fjsonl";
}

int BulkRegistry::download(std::int64_t id, std::string_view expires, std::string_view signature_text,
                           Time now, std::string& body) const
{
    std::lock_guard lock(m_mutex);
    auto it = m_operations.find(id);
    if (it == m_operations.end() || it->second.status != BulkStatus::Completed)
        return 404;
    std::int64_t expiry = 0;
    try {
        expiry = std::stoll(std::string(expires));
    } catch (const std::exception&) {
        return 403;
    }
    if (signature_text != signature(id, expiry) ||
        expiry != it->second.url_expires.time_since_epoch().count())
        return 403;
    if (now.time_since_epoch().count() > expiry)
        return 403;
    body = it->second.jsonl;
    return 200;
}

}  // namespace frr::sim::shopify
