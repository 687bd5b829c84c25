#pragma once
// The bulk-operation path for big stores (api/shopify.md section 5): run a
// bulk query, poll it through node(id:) until it finishes, download the JSONL
// from its signed URL (without the Shopify token: it is another host) and
// hand every root object to the sink with its children, rebuilt from
// `__parentId`.
#include "connectors/shopify/graphql_client.hpp"

#include <array>
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace frr::connectors::shopify {

// Receives one root object with its children (empty for a flat document).
using BulkSink = std::function<void(const rapidjson::Value&, const std::vector<const rapidjson::Value*>&)>;

// Reassembles a bulk JSONL file: roots in file order, children grouped under
// their parent's id whatever the line order. Holds every line until the end.
class BulkJsonl {
public:
    // Returns false (and a reason) for a line that is not a JSON object.
    bool add_line(std::string_view line, std::string& error);
    std::size_t roots() const { return m_roots.size(); }
    // Calls `sink(root, children)` for every root, in file order.
    void for_each(const BulkSink& sink) const;

private:
    rapidjson::Document m_store{rapidjson::kArrayType};  // owns every parsed line
    std::vector<std::size_t> m_roots;                    // indexes into m_store
    std::map<std::string, std::vector<std::size_t>> m_children;
};

// What the bulk document selects: `flat` has no nested connection, so every
// line is a root; `nested` has one (e.g. orders' lineItems), whose children
// come as their own lines with `__parentId`.
enum class BulkShape { flat, nested };

// Reads a bulk JSONL file from chunks of any size, line by line, and hands
// roots to the sink as early as their shape allows:
//   flat:   each root as soon as its line is complete; nothing is kept but the
//           unfinished line between two chunks;
//   nested: Shopify documents children after their parent but tells clients
//           not to rely on any other order (a parent's children need not be
//           next to it), so a root is complete only at the end of the file;
//           roots and children are kept (parsed, the raw text is not) until
//           finish().
class BulkStream {
public:
    BulkStream(BulkShape shape, BulkSink sink);
    // False (and a reason that starts "line N: ") on the first unreadable line; later calls
    // are ignored.
    bool feed(std::string_view chunk, std::string& error);
    // Reads a last line without its newline and, for a nested file, emits the roots.
    bool finish(std::string& error);
    std::int64_t roots() const { return m_roots; }
    std::int64_t lines() const { return m_lines; }  // complete lines read, empty ones included

private:
    bool numbered_line(std::string_view text, std::string& error);
    bool line(std::string_view line, std::string& error);

    BulkShape m_shape;
    BulkSink m_sink;
    std::string m_partial;               // the unfinished line between chunks
    std::array<char, 16384> m_buffer{};  // backs each line's parse
    BulkJsonl m_nested;
    std::int64_t m_roots = 0;
    std::int64_t m_lines = 0;
    bool m_failed = false;
};

struct BulkOptions {
    std::chrono::milliseconds first_poll{1000};
    std::chrono::milliseconds max_poll{10'000};
    std::chrono::seconds give_up_after{3600};
};

struct BulkResult {
    bool ok = false;
    CallStatus failure = CallStatus::failed;
    std::string error;  // plain words
    std::int64_t roots = 0;
};

// Runs `document` as a bulk query and streams its roots to `sink` as the file downloads: a flat
// file is never held, whatever its size (net::BodySink). When the download fails part-way (after
// the executor's retries), the roots read before it have reached the sink and `roots` counts them.
BulkResult run_bulk_query(GraphqlClient& client, const net::RequestContext& download,
                          const std::string& document, BulkShape shape, const BulkSink& sink,
                          const BulkOptions& options = {});

}  // namespace frr::connectors::shopify
