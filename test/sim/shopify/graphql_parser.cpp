#include "graphql_parser.hpp"

#include <optional>
#include <set>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "graphql_lexer.hpp"

namespace frr::sim::shopify {

namespace {

class Parser {
public:
    explicit Parser(std::string_view text) : m_lexer(text) { m_token = m_lexer.next(); }

    Document parse()
    {
        Document document;
        if (m_token.kind == TokenKind::End)
            fail();
        while (m_token.kind != TokenKind::End) {
            if (is_punct("{")) {
                Operation operation;
                operation.selections = parse_selection_set();
                document.operations.push_back(std::move(operation));
            } else if (is_name("query") || is_name("mutation")) {
                document.operations.push_back(parse_operation());
            } else if (is_name("fragment")) {
                document.fragments.push_back(parse_fragment());
            } else {
                fail();
            }
        }
        return document;
    }

private:
    [[noreturn]] void fail() const
    {
        throw GraphqlError("Parse error on " + token_label(m_token) + " at [" + std::to_string(m_token.line) +
                               ", " + std::to_string(m_token.column) + "]",
                           m_token.line, m_token.column);
    }
    bool is_punct(const char* text) const { return m_token.kind == TokenKind::Punct && m_token.text == text; }
    bool is_name(const char* text) const { return m_token.kind == TokenKind::Name && m_token.text == text; }
    void expect_punct(const char* text)
    {
        if (!is_punct(text))
            fail();
        m_token = m_lexer.next();
    }
    std::string expect_name()
    {
        if (m_token.kind != TokenKind::Name)
            fail();
        std::string name = m_token.text;
        m_token = m_lexer.next();
        return name;
    }

    Operation parse_operation()
    {
        Operation operation;
        operation.type = expect_name() == "mutation" ? OperationType::Mutation : OperationType::Query;
        if (m_token.kind == TokenKind::Name)
            operation.name = expect_name();
        if (is_punct("(")) {
            expect_punct("(");
            while (!is_punct(")")) {
                VariableDefinition definition;
                expect_punct("$");
                definition.name = expect_name();
                expect_punct(":");
                definition.type = parse_type();
                if (is_punct("=")) {
                    expect_punct("=");
                    definition.default_value = parse_value(true);
                }
                operation.variables.push_back(std::move(definition));
            }
            expect_punct(")");
        }
        if (is_punct("@"))
            fail();
        operation.selections = parse_selection_set();
        return operation;
    }

    std::string parse_type()
    {
        std::string type;
        if (is_punct("[")) {
            expect_punct("[");
            type = "[" + parse_type() + "]";
            expect_punct("]");
        } else {
            type = expect_name();
        }
        if (is_punct("!")) {
            expect_punct("!");
            type += "!";
        }
        return type;
    }

    Fragment parse_fragment()
    {
        Fragment fragment;
        expect_name();  // "fragment"
        fragment.name = expect_name();
        if (!is_name("on"))
            fail();
        expect_name();
        fragment.type_condition = expect_name();
        fragment.selections = parse_selection_set();
        return fragment;
    }

    SelectionSet parse_selection_set()
    {
        expect_punct("{");
        SelectionSet selections;
        if (is_punct("}"))
            fail();  // an empty selection set is a syntax error
        while (!is_punct("}"))
            selections.push_back(parse_selection());
        expect_punct("}");
        return selections;
    }

    Selection parse_selection()
    {
        Selection selection;
        selection.line = m_token.line;
        selection.column = m_token.column;
        if (is_punct("...")) {
            expect_punct("...");
            if (is_name("on")) {
                expect_name();
                selection.kind = SelectionKind::InlineFragment;
                selection.type_condition = expect_name();
                selection.selections = parse_selection_set();
            } else if (is_punct("{")) {
                selection.kind = SelectionKind::InlineFragment;
                selection.selections = parse_selection_set();
            } else {
                selection.kind = SelectionKind::FragmentSpread;
                selection.name = expect_name();
            }
            if (is_punct("@"))
                fail();
            return selection;
        }
        selection.name = expect_name();
        if (is_punct(":")) {
            expect_punct(":");
            selection.alias = selection.name;
            selection.name = expect_name();
        }
        if (is_punct("(")) {
            expect_punct("(");
            while (!is_punct(")")) {
                std::string key = expect_name();
                expect_punct(":");
                selection.arguments.emplace_back(key, parse_value(false));
            }
            expect_punct(")");
        }
        if (is_punct("@"))
            fail();
        if (is_punct("{"))
            selection.selections = parse_selection_set();
        return selection;
    }

    Value parse_value(bool constant)
    {
        Value value;
        const Token token = m_token;
        switch (token.kind) {
        case TokenKind::Int:
            value.kind = ValueKind::Int;
            value.int_value = std::stoll(token.text);
            break;
        case TokenKind::Float:
            value.kind = ValueKind::Float;
            value.float_value = std::stod(token.text);
            break;
        case TokenKind::String:
            value.kind = ValueKind::String;
            value.text = token.text;
            break;
        case TokenKind::Name:
            if (token.text == "true" || token.text == "false") {
                value.kind = ValueKind::Boolean;
                value.bool_value = token.text == "true";
            } else if (token.text != "null") {
                value.kind = ValueKind::Enum;
                value.text = token.text;
            }
            break;
        case TokenKind::Punct: return parse_compound_value(constant);
        case TokenKind::End: fail();
        }
        m_token = m_lexer.next();
        return value;
    }

    Value parse_compound_value(bool constant)
    {
        Value value;
        if (is_punct("$") && !constant) {
            expect_punct("$");
            value.kind = ValueKind::Variable;
            value.text = expect_name();
        } else if (is_punct("[")) {
            expect_punct("[");
            value.kind = ValueKind::List;
            while (!is_punct("]"))
                value.list.push_back(parse_value(constant));
            expect_punct("]");
        } else if (is_punct("{")) {
            expect_punct("{");
            value.kind = ValueKind::Object;
            while (!is_punct("}")) {
                std::string key = expect_name();
                expect_punct(":");
                value.object.emplace_back(key, parse_value(constant));
            }
            expect_punct("}");
        } else {
            fail();
        }
        return value;
    }

    Lexer m_lexer;
    Token m_token;
};

struct Resolver {
    const Document& document;
    const std::map<std::string, Value>& variables;
    std::string operation_label;             // "OrdersPage", or "anonymous query"
    std::set<std::string> active_fragments;  // guards against spread cycles
    std::set<std::string> used;              // variables referenced by the selected operation

    Value substitute(const Value& value)
    {
        if (value.kind == ValueKind::Variable) {
            auto it = variables.find(value.text);
            if (it == variables.end()) {
                throw GraphqlError(
                    "Variable $" + value.text + " is used by " + operation_label + " but not declared", 1, 1);
            }
            used.insert(value.text);
            return it->second;
        }
        Value out = value;
        for (auto& item : out.list)
            item = substitute(item);
        for (auto& [key, item] : out.object)
            item = substitute(item);
        return out;
    }

    void flatten(const SelectionSet& selections, const std::string& on_type, std::vector<Field>& out)
    {
        for (const auto& selection : selections) {
            if (selection.kind == SelectionKind::InlineFragment) {
                flatten(selection.selections,
                        selection.type_condition.empty() ? on_type : selection.type_condition, out);
            } else if (selection.kind == SelectionKind::FragmentSpread) {
                const Fragment* fragment = nullptr;
                for (const auto& candidate : document.fragments) {
                    if (candidate.name == selection.name)
                        fragment = &candidate;
                }
                if (fragment == nullptr) {
                    throw GraphqlError("Fragment " + selection.name + " was used, but not defined",
                                       selection.line, selection.column);
                }
                if (!active_fragments.insert(fragment->name).second) {
                    throw GraphqlError("Fragment " + fragment->name + " contains an infinite loop",
                                       selection.line, selection.column);
                }
                flatten(fragment->selections, fragment->type_condition, out);
                active_fragments.erase(fragment->name);
            } else {
                Field field;
                field.name = selection.name;
                field.response_key = selection.alias.empty() ? selection.name : selection.alias;
                field.on_type = on_type;
                field.line = selection.line;
                field.column = selection.column;
                for (const auto& [key, value] : selection.arguments)
                    field.arguments[key] = substitute(value);
                flatten(selection.selections, "", field.children);
                out.push_back(std::move(field));
            }
        }
    }
};

// GraphQL input coercion of a variable's JSON value to its declared type (spec section 3.5 and
// graphql-ruby's messages): nullopt when it coerces, else the explanation Shopify reports.
std::optional<std::string> coercion_problem(std::string_view type, const rapidjson::Value& json)
{
    if (!type.empty() && type.back() == '!')
        type.remove_suffix(1);
    if (json.IsNull())
        return std::nullopt;  // non-null is checked by the caller
    if (type.size() >= 2 && type.front() == '[' && type.back() == ']') {
        const std::string_view inner = type.substr(1, type.size() - 2);
        if (!json.IsArray())
            return coercion_problem(inner, json);  // a single value coerces to a list of one
        for (const auto& item : json.GetArray()) {
            if (item.IsNull() && !inner.empty() && inner.back() == '!')
                return std::string("Expected value to not be null");
            if (auto problem = coercion_problem(inner, item))
                return problem;
        }
        return std::nullopt;
    }
    auto shown = [&] {
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
        json.Accept(writer);
        return std::string(buffer.GetString(), buffer.GetSize());
    };
    const auto could_not = [&] { return "Could not coerce value " + shown() + " to " + std::string(type); };
    if (type == "Int") {
        if (!json.IsInt())
            return could_not();
    } else if (type == "Float") {
        if (!json.IsNumber())
            return could_not();
    } else if (type == "Boolean") {
        if (!json.IsBool())
            return could_not();
    } else if (type == "ID") {
        if (!json.IsString() && !json.IsInt64())
            return could_not();
    } else if (type == "String" || type == "DateTime" || type == "URL" || type == "UnsignedInt64" ||
               type == "Decimal" || type == "Money" || type == "HTML" || type == "JSON") {
        if (!json.IsString() && !(type == "JSON"))
            return could_not();
    }
    // Enums and input objects: checked where the argument is used.
    return std::nullopt;
}

}  // namespace

Document parse_document(std::string_view text)
{
    return Parser(text).parse();
}

Value value_from_json(const rapidjson::Value& json)
{
    Value value;
    if (json.IsBool()) {
        value.kind = ValueKind::Boolean;
        value.bool_value = json.GetBool();
    } else if (json.IsInt64()) {
        value.kind = ValueKind::Int;
        value.int_value = json.GetInt64();
    } else if (json.IsNumber()) {
        value.kind = ValueKind::Float;
        value.float_value = json.GetDouble();
    } else if (json.IsString()) {
        value.kind = ValueKind::String;
        value.text.assign(json.GetString(), json.GetStringLength());
    } else if (json.IsArray()) {
        value.kind = ValueKind::List;
        for (const auto& item : json.GetArray())
            value.list.push_back(value_from_json(item));
    } else if (json.IsObject()) {
        value.kind = ValueKind::Object;
        for (const auto& member : json.GetObject()) {
            value.object.emplace_back(member.name.GetString(), value_from_json(member.value));
        }
    }
    return value;
}

ResolvedOperation resolve_operation(const Document& document, const std::string& operation_name,
                                    const rapidjson::Value* variables)
{
    const Operation* operation = nullptr;
    if (operation_name.empty()) {
        if (document.operations.size() != 1) {
            throw GraphqlError("An operation name is required", 1, 1);
        }
        operation = &document.operations.front();
    } else {
        for (const auto& candidate : document.operations) {
            if (candidate.name == operation_name)
                operation = &candidate;
        }
        if (operation == nullptr)
            throw GraphqlError("No operation named \"" + operation_name + "\"", 1, 1);
    }
    std::map<std::string, Value> values;
    for (const auto& definition : operation->variables) {
        const rapidjson::Value* provided = nullptr;
        if (variables != nullptr && variables->IsObject()) {
            auto it = variables->FindMember(definition.name.c_str());
            if (it != variables->MemberEnd())
                provided = &it->value;
        }
        if (provided != nullptr) {
            if (auto problem = coercion_problem(definition.type, *provided)) {
                throw GraphqlError("Variable $" + definition.name + " of type " + definition.type +
                                       " was provided invalid value",
                                   1, 1, *problem);
            }
            values[definition.name] = value_from_json(*provided);
        } else if (definition.default_value) {
            values[definition.name] = *definition.default_value;
        } else {
            values[definition.name] = Value{};
        }
        if (values[definition.name].is_null() && !definition.type.empty() && definition.type.back() == '!') {
            throw GraphqlError("Variable $" + definition.name + " of type " + definition.type +
                                   " was provided invalid value",
                               1, 1);
        }
    }
    const std::string label = operation->name.empty()
        ? std::string(operation->type == OperationType::Mutation ? "anonymous mutation" : "anonymous query")
        : operation->name;
    Resolver resolver{document, values, label, {}, {}};
    ResolvedOperation resolved;
    resolved.type = operation->type;
    resolver.flatten(operation->selections, "", resolved.fields);
    // GraphQL validation "All Variables Used": a declared variable nothing reads is an error.
    for (const auto& definition : operation->variables) {
        if (!resolver.used.count(definition.name))
            throw GraphqlError("Variable $" + definition.name + " is declared by " + label + " but not used",
                               1, 1);
    }
    return resolved;
}

}  // namespace frr::sim::shopify
