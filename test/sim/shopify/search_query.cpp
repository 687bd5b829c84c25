#include "search_query.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "../store.hpp"
#include "text/utf8.hpp"

namespace frr::sim::shopify {

namespace {

struct RawToken {
    enum class Kind { Open, Close, Word, End } kind = Kind::End;
    std::string text;   // whole word for operators / free text
    std::string field;  // for field:value terms
    std::string op;     // "", ">", ">=", "<", "<="
    std::string value;
    bool negated = false;
    bool is_term = false;
};

class SearchParser {
public:
    SearchParser(std::string_view text, const std::vector<SearchField>& catalogue,
                 std::vector<SearchWarning>& warnings)
        : m_text(text),
          m_catalogue(catalogue),
          m_warnings(warnings)
    {
        m_token = lex();
    }

    SearchNode parse_or()
    {
        SearchNode left = parse_and();
        std::vector<SearchNode> items{std::move(left)};
        while (is_operator("OR")) {
            m_token = lex();
            items.push_back(parse_and());
        }
        if (items.size() == 1)
            return std::move(items.front());
        SearchNode node;
        node.kind = SearchNode::Kind::Or;
        node.children = std::move(items);
        return node;
    }

    bool at_end() const { return m_token.kind == RawToken::Kind::End; }
    void skip() { m_token = lex(); }

private:
    bool is_operator(const char* word) const
    {
        return m_token.kind == RawToken::Kind::Word && !m_token.is_term && m_token.text == word;
    }

    SearchNode parse_and()
    {
        std::vector<SearchNode> items;
        while (m_token.kind != RawToken::Kind::End && m_token.kind != RawToken::Kind::Close &&
               !is_operator("OR")) {
            if (is_operator("AND")) {
                m_token = lex();
                continue;
            }
            items.push_back(parse_unary());
        }
        if (items.empty())
            return SearchNode{};
        if (items.size() == 1)
            return std::move(items.front());
        SearchNode node;
        node.kind = SearchNode::Kind::And;
        node.children = std::move(items);
        return node;
    }

    SearchNode parse_unary()
    {
        if (is_operator("NOT")) {
            m_token = lex();
            return negate(parse_unary());
        }
        if (m_token.kind == RawToken::Kind::Open) {
            m_token = lex();
            SearchNode inner = parse_or();
            if (m_token.kind == RawToken::Kind::Close)
                m_token = lex();
            return inner;
        }
        RawToken token = m_token;
        m_token = lex();
        if (!token.is_term)
            return SearchNode{};  // free text is not modelled: matches all
        SearchNode node = make_term(token);
        return token.negated ? negate(std::move(node)) : node;
    }

    static SearchNode negate(SearchNode inner)
    {
        if (inner.kind == SearchNode::Kind::All)
            return inner;
        SearchNode node;
        node.kind = SearchNode::Kind::Not;
        node.children.push_back(std::move(inner));
        return node;
    }

    SearchNode make_term(const RawToken& token)
    {
        const SearchField* field = nullptr;
        std::string name = frr::text::ascii_lower(token.field);
        for (const auto& candidate : m_catalogue) {
            if (candidate.name == name)
                field = &candidate;
        }
        if (field == nullptr) {
            m_warnings.push_back({token.field, "Invalid search field for this query."});
            return SearchNode{};
        }
        SearchNode node;
        node.kind = SearchNode::Kind::Term;
        node.field_id = field->id;
        node.type = field->type;
        if (token.op == ">")
            node.comparator = Comparator::Greater;
        if (token.op == ">=")
            node.comparator = Comparator::GreaterEqual;
        if (token.op == "<")
            node.comparator = Comparator::Less;
        if (token.op == "<=")
            node.comparator = Comparator::LessEqual;
        switch (field->type) {
        case SearchValueType::Time: {
            bool date_only = false;
            auto time = parse_search_time(token.value, &date_only);
            if (!time) {
                m_warnings.push_back({token.field, "Invalid value for this field."});
                return SearchNode{};
            }
            node.number = *time;
            node.number_end = date_only && node.comparator == Comparator::Equal ? *time + 86400 : *time + 1;
            // `<= 2026-11-20` includes that whole day; `> 2026-11-20` excludes it.
            if (date_only && node.comparator == Comparator::LessEqual) {
                node.comparator = Comparator::Less;
                node.number += 86400;
            } else if (date_only && node.comparator == Comparator::Greater) {
                node.comparator = Comparator::GreaterEqual;
                node.number += 86400;
            }
            break;
        }
        case SearchValueType::Integer: {
            std::string digits = token.value;
            auto slash = digits.rfind('/');  // accept a GID
            if (slash != std::string::npos)
                digits = digits.substr(slash + 1);
            try {
                node.number = std::stoll(digits);
            } catch (const std::exception&) {
                m_warnings.push_back({token.field, "Invalid value for this field."});
                return SearchNode{};
            }
            break;
        }
        case SearchValueType::Boolean:
            node.number = frr::text::ascii_lower(token.value) == "true" ? 1 : 0;
            break;
        case SearchValueType::Text: node.text = frr::text::ascii_lower(token.value); break;
        }
        return node;
    }

    RawToken lex()
    {
        while (m_pos < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_pos])))
            ++m_pos;
        RawToken token;
        if (m_pos >= m_text.size())
            return token;
        char c = m_text[m_pos];
        if (c == '(' || c == ')') {
            ++m_pos;
            token.kind = c == '(' ? RawToken::Kind::Open : RawToken::Kind::Close;
            return token;
        }
        token.kind = RawToken::Kind::Word;
        if (c == '-') {
            token.negated = true;
            ++m_pos;
        }
        std::size_t start = m_pos;
        while (m_pos < m_text.size() && !std::isspace(static_cast<unsigned char>(m_text[m_pos])) &&
               m_text[m_pos] != ':' && m_text[m_pos] != '(' && m_text[m_pos] != ')') {
            ++m_pos;
        }
        token.text = std::string(m_text.substr(start, m_pos - start));
        if (m_pos >= m_text.size() || m_text[m_pos] != ':')
            return token;
        ++m_pos;
        token.is_term = true;
        token.field = token.text;
        for (const char* op : {">=", "<=", ">", "<"}) {
            if (m_text.substr(m_pos).starts_with(op)) {
                token.op = op;
                m_pos += token.op.size();
                break;
            }
        }
        token.value = read_value();
        return token;
    }

    std::string read_value()
    {
        if (m_pos < m_text.size() && (m_text[m_pos] == '\'' || m_text[m_pos] == '"')) {
            char quote = m_text[m_pos++];
            std::string value;
            while (m_pos < m_text.size() && m_text[m_pos] != quote) {
                if (m_text[m_pos] == '\\' && m_pos + 1 < m_text.size())
                    ++m_pos;
                value += m_text[m_pos++];
            }
            if (m_pos < m_text.size())
                ++m_pos;
            return value;
        }
        std::size_t start = m_pos;
        while (m_pos < m_text.size() && !std::isspace(static_cast<unsigned char>(m_text[m_pos])) &&
               m_text[m_pos] != ')') {
            ++m_pos;
        }
        return std::string(m_text.substr(start, m_pos - start));
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    const std::vector<SearchField>& m_catalogue;
    std::vector<SearchWarning>& m_warnings;
    RawToken m_token;
};

void narrow(TimeBounds& bounds, const SearchNode& term)
{
    auto raise = [&](std::int64_t v) { bounds.lower = bounds.lower ? std::max(*bounds.lower, v) : v; };
    auto cap = [&](std::int64_t v) { bounds.upper = bounds.upper ? std::min(*bounds.upper, v) : v; };
    switch (term.comparator) {
    case Comparator::Greater: raise(term.number + 1); break;
    case Comparator::GreaterEqual: raise(term.number); break;
    case Comparator::Less: cap(term.number); break;
    case Comparator::LessEqual: cap(term.number + 1); break;
    case Comparator::Equal:
        raise(term.number);
        cap(term.number_end);
        break;
    }
}

}  // namespace

std::optional<std::int64_t> parse_search_time(std::string_view text, bool* date_only)
{
    if (date_only != nullptr)
        *date_only = false;
    if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
        auto parsed = frr::sim::parse_iso(std::string(text) + "T00:00:00Z");
        if (!parsed)
            return std::nullopt;
        if (date_only != nullptr)
            *date_only = true;
        return parsed->time_since_epoch().count();
    }
    auto parsed = frr::sim::parse_iso(text);
    if (!parsed)
        return std::nullopt;
    return parsed->time_since_epoch().count();
}

CompiledSearch compile_search(std::string_view query, const std::vector<SearchField>& catalogue)
{
    CompiledSearch compiled;
    SearchParser parser(query, catalogue, compiled.warnings);
    std::vector<SearchNode> parts;
    while (!parser.at_end()) {
        parts.push_back(parser.parse_or());
        if (!parser.at_end())
            parser.skip();  // a stray ')' : keep reading
    }
    if (parts.size() == 1) {
        compiled.root = std::move(parts.front());
    } else if (!parts.empty()) {
        compiled.root.kind = SearchNode::Kind::And;
        compiled.root.children = std::move(parts);
    }
    return compiled;
}

bool compare_term(const SearchNode& term, const FieldValue& value)
{
    if (!value.present)
        return false;
    if (term.type == SearchValueType::Text) {
        std::string actual = frr::text::ascii_lower(value.text);
        return term.comparator == Comparator::Equal ? actual == term.text : false;
    }
    switch (term.comparator) {
    case Comparator::Equal:
        return term.type == SearchValueType::Time
            ? value.number >= term.number && value.number < term.number_end
            : value.number == term.number;
    case Comparator::Greater: return value.number > term.number;
    case Comparator::GreaterEqual: return value.number >= term.number;
    case Comparator::Less: return value.number < term.number;
    case Comparator::LessEqual: return value.number <= term.number;
    }
    return false;
}

TimeBounds time_bounds(const SearchNode& root, int field_id)
{
    TimeBounds bounds;
    if (root.kind == SearchNode::Kind::Term && root.field_id == field_id) {
        narrow(bounds, root);
    } else if (root.kind == SearchNode::Kind::And) {
        for (const auto& child : root.children) {
            if (child.kind == SearchNode::Kind::Term && child.field_id == field_id)
                narrow(bounds, child);
        }
    }
    return bounds;
}

}  // namespace frr::sim::shopify
