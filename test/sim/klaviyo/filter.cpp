#include "filter.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

#include "api_error.hpp"

namespace frr::sim::klaviyo {

namespace {

struct OpName {
    std::string_view name;
    FilterOp op;
};

constexpr OpName k_op_names[] = {
    {"equals", FilterOp::equals},
    {"any", FilterOp::any},
    {"greater-than", FilterOp::greater_than},
    {"greater-or-equal", FilterOp::greater_or_equal},
    {"less-than", FilterOp::less_than},
    {"less-or-equal", FilterOp::less_or_equal},
    {"has", FilterOp::has},
    {"contains", FilterOp::contains},
    {"starts-with", FilterOp::starts_with},
    {"ends-with", FilterOp::ends_with},
};

// Recursive-descent parser over the raw (already URL-decoded) filter text.
class FilterParser {
public:
    explicit FilterParser(std::string_view text) : m_text(text) { }

    Filter parse()
    {
        Filter out;
        skip_space();
        if (at_end()) {
            return out;
        }
        parse_list_of_expressions(out);
        skip_space();
        if (!at_end()) {
            throw invalid_filter("unexpected text after expression");
        }
        return out;
    }

private:
    bool at_end() const { return m_pos >= m_text.size(); }
    char peek() const { return at_end() ? '\0' : m_text[m_pos]; }

    void skip_space()
    {
        while (!at_end() && std::isspace(static_cast<unsigned char>(m_text[m_pos])) != 0) {
            ++m_pos;
        }
    }

    void expect(char c)
    {
        skip_space();
        if (peek() != c) {
            throw invalid_filter(std::string("expected '") + c + "'");
        }
        ++m_pos;
    }

    // expression (',' expression)*
    void parse_list_of_expressions(Filter& out)
    {
        parse_expression(out);
        skip_space();
        while (peek() == ',') {
            ++m_pos;
            parse_expression(out);
            skip_space();
        }
    }

    std::string_view read_word()
    {
        skip_space();
        const std::size_t start = m_pos;
        while (!at_end()) {
            const char c = m_text[m_pos];
            if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.' ||
                c == '$') {
                ++m_pos;
            } else {
                break;
            }
        }
        return m_text.substr(start, m_pos - start);
    }

    void parse_expression(Filter& out)
    {
        const std::string_view name = read_word();
        if (name.empty()) {
            throw invalid_filter("expected an operator");
        }
        expect('(');
        if (name == "and") {
            parse_list_of_expressions(out);
            expect(')');
            return;
        }
        const auto* found = std::find_if(std::begin(k_op_names), std::end(k_op_names),
                                         [&](const OpName& o) { return o.name == name; });
        if (found == std::end(k_op_names)) {
            throw invalid_filter("unsupported operator '" + std::string(name) + "'");
        }
        FilterCondition condition;
        condition.op = found->op;
        condition.field = std::string(read_word());
        if (condition.field.empty()) {
            throw invalid_filter("expected a field name");
        }
        skip_space();
        if (condition.op == FilterOp::has) {
            expect(')');
            out.push_back(std::move(condition));
            return;
        }
        expect(',');
        condition.value = parse_value(true);
        expect(')');
        out.push_back(std::move(condition));
    }

    FilterValue parse_value(bool allow_list)
    {
        skip_space();
        const char c = peek();
        if (c == '[') {
            if (!allow_list) {
                throw invalid_filter("nested arrays are not allowed");
            }
            ++m_pos;
            FilterValue list;
            list.kind = LiteralKind::list;
            skip_space();
            if (peek() == ']') {
                throw invalid_filter("empty array");
            }
            while (true) {
                list.items.push_back(parse_value(false));
                skip_space();
                if (peek() == ',') {
                    ++m_pos;
                    continue;
                }
                expect(']');
                break;
            }
            return list;
        }
        if (c == '"' || c == '\'') {
            return parse_quoted(c);
        }
        return parse_bare();
    }

    FilterValue parse_quoted(char quote)
    {
        ++m_pos;
        FilterValue value;
        value.kind = LiteralKind::string;
        while (true) {
            if (at_end()) {
                throw invalid_filter("unterminated string");
            }
            const char c = m_text[m_pos++];
            if (c == quote) {
                break;
            }
            if (c == '\\') {
                if (at_end()) {
                    throw invalid_filter("unterminated string");
                }
                value.text.push_back(m_text[m_pos++]);
                continue;
            }
            value.text.push_back(c);
        }
        return value;
    }

    // A bare token runs to the next ',', ')' or ']' (datetimes contain ':', '+', '-', '.').
    FilterValue parse_bare()
    {
        const std::size_t start = m_pos;
        while (!at_end() && m_text[m_pos] != ',' && m_text[m_pos] != ')' && m_text[m_pos] != ']') {
            ++m_pos;
        }
        std::string_view token = m_text.substr(start, m_pos - start);
        while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back())) != 0) {
            token.remove_suffix(1);
        }
        if (token.empty()) {
            throw invalid_filter("missing value");
        }
        FilterValue value;
        value.text = std::string(token);
        if (token == "true" || token == "false") {
            value.kind = LiteralKind::boolean;
            value.flag = token == "true";
            return value;
        }
        double number = 0.0;
        const auto* end = token.data() + token.size();
        if (auto [ptr, ec] = std::from_chars(token.data(), end, number); ec == std::errc() && ptr == end) {
            value.kind = LiteralKind::number;
            value.number = number;
            return value;
        }
        if (auto time = parse_iso8601(token)) {
            value.kind = LiteralKind::datetime;
            value.time = *time;
            return value;
        }
        // Unquoted strings (an unquoted email, say) are rejected live.
        throw invalid_filter("unquoted value '" + std::string(token) + "'");
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
};

bool contains(const std::vector<FilterOp>& ops, FilterOp op)
{
    return std::find(ops.begin(), ops.end(), op) != ops.end();
}

bool literal_matches(const FilterValue& value, ValueType type)
{
    switch (type) {
    case ValueType::string: return value.kind == LiteralKind::string;
    case ValueType::datetime: return value.kind == LiteralKind::datetime;
    case ValueType::number: return value.kind == LiteralKind::number;
    case ValueType::boolean: return value.kind == LiteralKind::boolean;
    case ValueType::none: return value.kind == LiteralKind::none;
    }
    return false;
}

}  // namespace

std::string_view op_name(FilterOp op)
{
    for (const auto& entry : k_op_names) {
        if (entry.op == op) {
            return entry.name;
        }
    }
    return "?";
}

Filter parse_filter(std::string_view text)
{
    return FilterParser(text).parse();
}

void validate_filter(const Filter& filter, std::span<const FieldRule> rules)
{
    for (const auto& condition : filter) {
        const auto rule = std::find_if(rules.begin(), rules.end(),
                                       [&](const FieldRule& r) { return r.field == condition.field; });
        const std::string where = std::string(op_name(condition.op)) + "(" + condition.field + ")";
        if (rule == rules.end()) {
            throw invalid_filter("field '" + condition.field + "' is not filterable here");
        }
        if (condition.op == FilterOp::has) {
            if (!contains(rule->none, FilterOp::has)) {
                throw invalid_filter("operator not allowed: " + where);
            }
            continue;
        }
        if (condition.value.kind == LiteralKind::list) {
            if (!contains(rule->list, condition.op)) {
                throw invalid_filter("array value not allowed: " + where);
            }
            // "Max of 100 items per list filter" (the stored OpenAPI document's filter texts).
            if (condition.value.items.size() > k_max_list_items) {
                throw invalid_filter("more than 100 values in " + where);
            }
            for (const auto& item : condition.value.items) {
                if (!literal_matches(item, rule->type)) {
                    throw invalid_filter("wrong value type in " + where);
                }
            }
            continue;
        }
        if (!contains(rule->single, condition.op)) {
            throw invalid_filter("operator not allowed: " + where);
        }
        if (!literal_matches(condition.value, rule->type)) {
            throw invalid_filter("wrong value type in " + where);
        }
    }
}

Filter parse_filter(std::string_view text, std::span<const FieldRule> rules)
{
    Filter filter = parse_filter(text);
    validate_filter(filter, rules);
    return filter;
}

}  // namespace frr::sim::klaviyo
