#include "connectors/shopify/bulk.hpp"

#include "connectors/json_access.hpp"
#include "connectors/shopify/queries.hpp"
#include "core/redact.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace frr::connectors::shopify {

bool BulkJsonl::add_line(std::string_view line, std::string& error)
{
    while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
        line.remove_suffix(1);
    if (line.empty())
        return true;
    rapidjson::Document doc(&m_store.GetAllocator());
    if (!parse_json(line, doc, error))
        return false;
    if (!doc.IsObject()) {
        error = "a line is not a JSON object";
        return false;
    }
    std::size_t index = m_store.Size();
    std::string parent = text(member(&doc, "__parentId"));
    m_store.PushBack(rapidjson::Value(doc, m_store.GetAllocator()), m_store.GetAllocator());
    if (parent.empty())
        m_roots.push_back(index);
    else
        m_children[parent].push_back(index);
    return true;
}

void BulkJsonl::for_each(const BulkSink& sink) const
{
    for (std::size_t index : m_roots) {
        const auto& root = m_store[static_cast<rapidjson::SizeType>(index)];
        std::vector<const rapidjson::Value*> children;
        if (auto it = m_children.find(text(member(&root, "id"))); it != m_children.end())
            for (std::size_t child : it->second)
                children.push_back(&m_store[static_cast<rapidjson::SizeType>(child)]);
        sink(root, children);
    }
}

BulkStream::BulkStream(BulkShape shape, BulkSink sink) : m_shape(shape), m_sink(std::move(sink)) { }

bool BulkStream::line(std::string_view line, std::string& error)
{
    if (m_shape == BulkShape::nested) {
        if (!m_nested.add_line(line, error))
            return false;
        return true;
    }
    while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
        line.remove_suffix(1);
    if (line.empty())
        return true;
    // One small pool per line, on a reused buffer: a Document parsed again and
    // again would keep every earlier line's allocations.
    rapidjson::MemoryPoolAllocator<> pool(m_buffer.data(), m_buffer.size());
    rapidjson::Document doc(&pool);
    if (!parse_json(line, doc, error))
        return false;
    if (!doc.IsObject()) {
        error = "a line is not a JSON object";
        return false;
    }
    if (member(&doc, "__parentId") != nullptr) {
        error = "a child line (__parentId) in the result of a query without a nested connection";
        return false;
    }
    static const std::vector<const rapidjson::Value*> k_no_children;
    m_sink(doc, k_no_children);
    ++m_roots;
    return true;
}

bool BulkStream::numbered_line(std::string_view text, std::string& error)
{
    ++m_lines;
    if (line(text, error))
        return true;
    error = fmt::format("line {}: {}", m_lines, error);
    m_failed = true;
    return false;
}

bool BulkStream::feed(std::string_view chunk, std::string& error)
{
    if (m_failed)
        return false;
    while (!chunk.empty()) {
        auto nl = chunk.find('\n');
        if (nl == std::string_view::npos) {
            m_partial.append(chunk);
            return true;
        }
        bool ok;
        if (m_partial.empty()) {
            ok = numbered_line(chunk.substr(0, nl), error);
        } else {
            m_partial.append(chunk.substr(0, nl));
            ok = numbered_line(m_partial, error);
            m_partial.clear();
        }
        if (!ok)
            return false;
        chunk.remove_prefix(nl + 1);
    }
    return true;
}

bool BulkStream::finish(std::string& error)
{
    if (m_failed)
        return false;
    if (!m_partial.empty()) {
        std::string last = std::move(m_partial);
        m_partial.clear();
        if (!numbered_line(last, error))
            return false;
    }
    if (m_shape == BulkShape::nested) {
        m_nested.for_each(m_sink);
        m_roots += static_cast<std::int64_t>(m_nested.roots());
        m_nested = BulkJsonl();
    }
    return true;
}

namespace {

// Hands a download to a BulkStream as it arrives. The result file behind a signed URL does not
// change, so when a transfer is cut and the executor tries again, the next attempt's body starts
// from its first byte and what the stream already has is skipped: no root reaches the sink twice.
class StreamedFile final : public net::BodySink {
public:
    explicit StreamedFile(BulkStream& stream) : m_stream(stream) { }
    void begin() override { m_at = 0; }
    bool write(std::string_view bytes) override
    {
        if (m_at < m_fed) {
            const auto seen = static_cast<std::size_t>(std::min<std::uint64_t>(m_fed - m_at, bytes.size()));
            bytes.remove_prefix(seen);
            m_at += seen;
        }
        if (bytes.empty())
            return true;
        m_at += bytes.size();
        m_fed = m_at;
        return m_stream.feed(bytes, m_error);
    }
    // The last attempt ended before the bytes an earlier one had delivered.
    bool shorter() const { return m_at < m_fed; }
    // Why the stream refused the file (with its line), empty while it reads.
    const std::string& error() const { return m_error; }

private:
    BulkStream& m_stream;
    std::uint64_t m_at = 0;   // bytes of the current attempt's body seen
    std::uint64_t m_fed = 0;  // bytes handed to the stream, over all attempts
    std::string m_error;
};

struct Started {
    std::string id;
    std::string error;
};

Started start(GraphqlClient& client, const std::string& document)
{
    auto reply =
        client.call(bulk_run_mutation(), fmt::format(R"({{"query":{}}})", json_string(document)), 10);
    if (reply.status != CallStatus::ok)
        return {"", reply.errors.empty() ? "bulk operation refused" : reply.errors.front()};
    const auto* run = member(reply.data(), "bulkOperationRunQuery");
    if (const auto* user_errors = member(run, "userErrors");
        user_errors && user_errors->IsArray() && !user_errors->Empty())
        return {"", text(member(&(*user_errors)[0], "message"))};
    std::string id = text(path(run, {"bulkOperation", "id"}));
    return {id, id.empty() ? "bulk operation not created" : ""};
}

std::string download_url(GraphqlClient& client, const std::string& id, net::RequestContext context,
                         const BulkOptions& options, std::string& error)
{
    auto delay = options.first_poll;
    const auto started = context.sleeper.steady_now();
    for (;;) {
        auto reply = client.call(bulk_poll_query(), fmt::format(R"({{"id":{}}})", json_string(id)), 1);
        if (reply.status != CallStatus::ok) {
            error = reply.errors.empty() ? "bulk poll failed" : reply.errors.front();
            return {};
        }
        const auto* node = member(reply.data(), "node");
        std::string status = text(member(node, "status"));
        if (status == "COMPLETED") {
            std::string url = text(member(node, "url"));
            if (url.empty())
                error = "";  // completed with no results
            return url;
        }
        if (status == "FAILED" || status == "CANCELED" || status == "CANCELING" || status == "EXPIRED") {
            error = fmt::format("bulk operation {} ({})", status, text(member(node, "errorCode")));
            return {};
        }
        if (context.sleeper.steady_now() - started > options.give_up_after) {
            error = "bulk operation did not finish in time";
            return {};
        }
        context.stats.add_wait(delay);
        context.sleeper.sleep_for(delay);
        delay = std::min(options.max_poll, delay * 2);
    }
}

}  // namespace

BulkResult run_bulk_query(GraphqlClient& client, const net::RequestContext& download,
                          const std::string& document, BulkShape shape, const BulkSink& sink,
                          const BulkOptions& options)
{
    BulkResult out;
    Started started = start(client, document);
    if (started.id.empty()) {
        out.error = started.error;
        return out;
    }
    std::string error;
    std::string url = download_url(client, started.id, download, options, error);
    if (!error.empty()) {
        out.error = error;
        return out;
    }
    if (url.empty()) {
        out.ok = true;  // COMPLETED without a file: no matching records
        return out;
    }
    // The file is parsed as it arrives: only the unfinished line between two pieces is held.
    BulkStream stream(shape, sink);
    StreamedFile file(stream);
    net::HttpRequest request;
    request.url = url;
    request.body_sink = &file;
    auto exec = net::execute(download, request);
    out.roots = stream.roots();
    if (!file.error().empty()) {
        out.error = "bulk file unreadable: " + file.error();
        return out;
    }
    if (!exec.result.response || exec.result.response->status != 200) {
        // A cut transfer (libcurl's "transfer closed with N bytes remaining") is a reset, tried
        // again by the executor; what is left after the last attempt says so here, with how far
        // the file was read (its roots are in the sink already: the caller marks the data partial).
        const std::string how_far = stream.lines() > 0
            ? fmt::format(" after {} line{} of the file", stream.lines(), stream.lines() == 1 ? "" : "s")
            : "";
        // A transport error names the host and the (redacted) URL already.
        out.error = exec.result.response
            ? fmt::format("bulk download from {} failed{}: HTTP {}", core::redact_url(url), how_far,
                          exec.result.response->status)
            : fmt::format("bulk download failed{}: {}", how_far, exec.result.error->message);
        return out;
    }
    if (file.shorter()) {
        out.error = fmt::format("bulk download from {} failed: the file was shorter when it was downloaded "
                                "again after a cut transfer",
                                core::redact_url(url));
        return out;
    }
    bool read = stream.finish(error);
    out.roots = stream.roots();
    if (!read) {
        out.error = "bulk file unreadable: " + error;
        return out;
    }
    out.ok = true;
    return out;
}

}  // namespace frr::connectors::shopify
