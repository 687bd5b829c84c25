#pragma once
// Tokeniser for GraphQL source text (commas and comments are insignificant).
#include <string>
#include <string_view>

namespace frr::sim::shopify {

enum class TokenKind { Punct, Name, Int, Float, String, End };

struct Token {
    TokenKind kind = TokenKind::End;
    std::string text;  // punctuator, name, number text, or decoded string
    int line = 1;
    int column = 1;
};

class Lexer {
public:
    explicit Lexer(std::string_view text) : m_text(text) { }
    // Throws GraphqlError on an unterminated string or a stray character.
    Token next();

private:
    void skip_ignored();
    Token read_string(int line, int column);
    Token read_block_string(int line, int column);
    Token read_number(int line, int column);
    char peek(std::size_t ahead = 0) const
    {
        return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0';
    }
    void advance();

    std::string_view m_text;
    std::size_t m_pos = 0;
    int m_line = 1;
    int m_column = 1;
};

// The graphql-ruby token name used in parse error messages, e.g. RCURLY.
std::string token_label(const Token& token);

}  // namespace frr::sim::shopify
