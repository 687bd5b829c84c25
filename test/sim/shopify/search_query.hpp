#pragma once
// Shopify's `query:` search syntax, the subset the tool uses
// (api/shopify.md section 3): `field:value` terms with the comparators
// `:>`, `:>=`, `:<`, `:<=`, values quoted ('..' or "..") or bare, ISO
// timestamps or dates, joined by AND/OR (AND implied), NOT or a leading
// `-` to negate, parentheses for grouping.
// A query is compiled against a field catalogue (per record type); fields
// the catalogue does not know are ignored, as Shopify does, and reported
// as warnings for `extensions.search`.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace frr::sim::shopify {

enum class Comparator { Equal, Greater, GreaterEqual, Less, LessEqual };
enum class SearchValueType { Time, Integer, Boolean, Text };

struct SearchField {
    std::string_view name;
    int id;
    SearchValueType type;
};

// A record's value of one field, as the matcher sees it; times are epoch seconds.
struct FieldValue {
    bool present = false;
    std::int64_t number = 0;
    std::string_view text;
};

struct SearchNode {
    enum class Kind { All, Term, And, Or, Not };
    Kind kind = Kind::All;
    // Term: a resolved field, comparator and parsed operand. [number, number_end)
    // is the matched range for a date-only equality (a whole UTC day).
    int field_id = -1;
    SearchValueType type = SearchValueType::Text;
    Comparator comparator = Comparator::Equal;
    std::int64_t number = 0;
    std::int64_t number_end = 0;
    std::string text;  // lower-cased operand for Text fields
    std::vector<SearchNode> children;
};

struct SearchWarning {
    std::string field;
    std::string message;  // "Invalid search field for this query."
};

struct CompiledSearch {
    SearchNode root;
    std::vector<SearchWarning> warnings;
};

// Never throws: malformed input degrades to the terms that could be read.
CompiledSearch compile_search(std::string_view query, const std::vector<SearchField>& catalogue);

// A Getter is callable as FieldValue(int field_id).
template <class Getter> bool search_matches(const SearchNode& node, const Getter& get);

bool compare_term(const SearchNode& term, const FieldValue& value);

// The closed-open range [lower, upper) of epoch seconds that every match of
// `root` must have in `field_id`, when the query is a conjunction that
// constrains it; used to narrow the sorted index by binary search.
struct TimeBounds {
    std::optional<std::int64_t> lower;  // inclusive
    std::optional<std::int64_t> upper;  // exclusive
};
TimeBounds time_bounds(const SearchNode& root, int field_id);

// Parses "2026-11-20T00:00:00Z", "...+01:00", fractional seconds, or a
// bare date "2026-11-20" (midnight UTC; date_only set). nullopt if invalid.
std::optional<std::int64_t> parse_search_time(std::string_view text, bool* date_only = nullptr);

template <class Getter> bool search_matches(const SearchNode& node, const Getter& get)
{
    switch (node.kind) {
    case SearchNode::Kind::All: return true;
    case SearchNode::Kind::Term: return compare_term(node, get(node.field_id));
    case SearchNode::Kind::Not: return !search_matches(node.children.front(), get);
    case SearchNode::Kind::And:
        for (const auto& child : node.children) {
            if (!search_matches(child, get))
                return false;
        }
        return true;
    case SearchNode::Kind::Or:
        for (const auto& child : node.children) {
            if (search_matches(child, get))
                return true;
        }
        return false;
    }
    return false;
}

}  // namespace frr::sim::shopify
