#include "graphql_lexer.hpp"

#include <cctype>

#include "graphql_parser.hpp"

namespace frr::sim::shopify {

namespace {

bool is_name_start(char c)
{
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool is_name_char(char c)
{
    return is_name_start(c) || std::isdigit(static_cast<unsigned char>(c));
}

void append_utf8(std::string& out, unsigned code)
{
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

}  // namespace

void Lexer::advance()
{
    if (m_pos < m_text.size() && m_text[m_pos] == '\n') {
        ++m_line;
        m_column = 1;
    } else {
        ++m_column;
    }
    ++m_pos;
}

void Lexer::skip_ignored()
{
    while (m_pos < m_text.size()) {
        char c = m_text[m_pos];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',') {
            advance();
        } else if (c == '#') {
            while (m_pos < m_text.size() && m_text[m_pos] != '\n')
                advance();
        } else if (static_cast<unsigned char>(c) == 0xEF && peek(1) == '\xBB' && peek(2) == '\xBF') {
            advance();
            advance();
            advance();
        } else {
            break;
        }
    }
}

Token Lexer::next()
{
    skip_ignored();
    int line = m_line;
    int column = m_column;
    if (m_pos >= m_text.size())
        return Token{TokenKind::End, "", line, column};
    char c = peek();
    if (c == '.' && peek(1) == '.' && peek(2) == '.') {
        advance();
        advance();
        advance();
        return Token{TokenKind::Punct, "...", line, column};
    }
    static constexpr std::string_view k_punctuators = "!$()&:=@[]{}|";
    if (k_punctuators.find(c) != std::string_view::npos) {
        advance();
        return Token{TokenKind::Punct, std::string(1, c), line, column};
    }
    if (is_name_start(c)) {
        std::size_t start = m_pos;
        while (is_name_char(peek()))
            advance();
        return Token{TokenKind::Name, std::string(m_text.substr(start, m_pos - start)), line, column};
    }
    if (c == '-' || std::isdigit(static_cast<unsigned char>(c)))
        return read_number(line, column);
    if (c == '"') {
        if (peek(1) == '"' && peek(2) == '"')
            return read_block_string(line, column);
        return read_string(line, column);
    }
    throw GraphqlError("Parse error on \"" + std::string(1, c) + "\" (UNKNOWN_CHAR) at [" +
                           std::to_string(line) + ", " + std::to_string(column) + "]",
                       line, column);
}

Token Lexer::read_number(int line, int column)
{
    std::size_t start = m_pos;
    bool is_float = false;
    if (peek() == '-')
        advance();
    while (std::isdigit(static_cast<unsigned char>(peek())))
        advance();
    if (peek() == '.') {
        is_float = true;
        advance();
        while (std::isdigit(static_cast<unsigned char>(peek())))
            advance();
    }
    if (peek() == 'e' || peek() == 'E') {
        is_float = true;
        advance();
        if (peek() == '+' || peek() == '-')
            advance();
        while (std::isdigit(static_cast<unsigned char>(peek())))
            advance();
    }
    return Token{is_float ? TokenKind::Float : TokenKind::Int,
                 std::string(m_text.substr(start, m_pos - start)), line, column};
}

Token Lexer::read_string(int line, int column)
{
    advance();  // opening quote
    std::string out;
    while (true) {
        if (m_pos >= m_text.size() || peek() == '\n') {
            throw GraphqlError("Parse error on unterminated string at [" + std::to_string(line) + ", " +
                                   std::to_string(column) + "]",
                               line, column);
        }
        char c = peek();
        advance();
        if (c == '"')
            break;
        if (c != '\\') {
            out += c;
            continue;
        }
        char e = peek();
        advance();
        switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': {
            std::string hex(m_text.substr(m_pos, 4));
            for (int i = 0; i < 4; ++i)
                advance();
            append_utf8(out, static_cast<unsigned>(std::stoul(hex, nullptr, 16)));
            break;
        }
        default: out += e; break;  // \" \\ \/
        }
    }
    return Token{TokenKind::String, out, line, column};
}

// Block strings keep their content verbatim apart from \""" and the common
// indentation, which is enough for bulk queries embedded in mutations.
Token Lexer::read_block_string(int line, int column)
{
    for (int i = 0; i < 3; ++i)
        advance();
    std::string out;
    while (true) {
        if (m_pos >= m_text.size()) {
            throw GraphqlError("Parse error on unterminated string at [" + std::to_string(line) + ", " +
                                   std::to_string(column) + "]",
                               line, column);
        }
        if (peek() == '"' && peek(1) == '"' && peek(2) == '"') {
            for (int i = 0; i < 3; ++i)
                advance();
            break;
        }
        if (peek() == '\\' && peek(1) == '"' && peek(2) == '"' && peek(3) == '"') {
            out += "\"\"\"";
            for (int i = 0; i < 4; ++i)
                advance();
            continue;
        }
        out += peek();
        advance();
    }
    return Token{TokenKind::String, out, line, column};
}

std::string token_label(const Token& token)
{
    switch (token.kind) {
    case TokenKind::End: return "end of file";
    case TokenKind::Name: return "\"" + token.text + "\" (IDENTIFIER)";
    case TokenKind::Int: return "\"" + token.text + "\" (INT)";
    case TokenKind::Float: return "\"" + token.text + "\" (FLOAT)";
    case TokenKind::String: return "\"" + token.text + "\" (STRING)";
    case TokenKind::Punct: break;
    }
    static const std::pair<const char*, const char*> k_names[] = {
        {"{", "LCURLY"},   {"}", "RCURLY"},     {"(", "LPAREN"},   {")", "RPAREN"}, {"[", "LBRACKET"},
        {"]", "RBRACKET"}, {":", "COLON"},      {"$", "VAR_SIGN"}, {"!", "BANG"},   {"=", "EQUALS"},
        {"@", "DIR_SIGN"}, {"...", "ELLIPSIS"}, {"|", "PIPE"},     {"&", "AMP"}};
    for (const auto& [text, name] : k_names) {
        if (token.text == text)
            return "\"" + token.text + "\" (" + name + ")";
    }
    return "\"" + token.text + "\"";
}

}  // namespace frr::sim::shopify
