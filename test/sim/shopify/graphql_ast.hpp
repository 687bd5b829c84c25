#pragma once
// The GraphQL subset the simulator understands, as a plain tree.
// Parsing (graphql_parser) produces a Document; resolution turns one
// operation of it into a FieldTree with fragments inlined and variables
// substituted, which is what validation, costing and execution walk.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace frr::sim::shopify {

enum class ValueKind { Null, Int, Float, String, Boolean, Enum, List, Object, Variable };

// A literal or variable reference. Enum and Variable carry their name in m_text.
struct Value {
    ValueKind kind = ValueKind::Null;
    std::int64_t int_value = 0;
    double float_value = 0.0;
    bool bool_value = false;
    std::string text;
    std::vector<Value> list;
    std::vector<std::pair<std::string, Value>> object;

    bool is_null() const { return kind == ValueKind::Null; }
};

struct Selection;
using SelectionSet = std::vector<Selection>;

enum class SelectionKind { Field, InlineFragment, FragmentSpread };

struct Selection {
    SelectionKind kind = SelectionKind::Field;
    std::string alias;           // empty when none
    std::string name;            // field name, or fragment name for a spread
    std::string type_condition;  // inline fragment `... on Type` (may be empty)
    std::vector<std::pair<std::string, Value>> arguments;
    SelectionSet selections;
    int line = 1;
    int column = 1;
};

struct VariableDefinition {
    std::string name;
    std::string type;  // textual, e.g. "Int!" or "[ID!]"
    std::optional<Value> default_value;
};

enum class OperationType { Query, Mutation };

struct Operation {
    OperationType type = OperationType::Query;
    std::string name;
    std::vector<VariableDefinition> variables;
    SelectionSet selections;
};

struct Fragment {
    std::string name;
    std::string type_condition;
    SelectionSet selections;
};

struct Document {
    std::vector<Operation> operations;
    std::vector<Fragment> fragments;
};

// One field after resolution: fragments flattened (each field remembers the
// type condition it was selected under), arguments with variables replaced.
struct Field {
    std::string response_key;  // alias or name
    std::string name;
    std::string on_type;  // non-empty when selected inside `... on Type`
    std::map<std::string, Value> arguments;
    std::vector<Field> children;
    int line = 1;
    int column = 1;

    const Value* argument(const std::string& key) const
    {
        auto it = arguments.find(key);
        return it == arguments.end() ? nullptr : &it->second;
    }
};

}  // namespace frr::sim::shopify
