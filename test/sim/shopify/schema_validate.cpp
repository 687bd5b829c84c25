// Static validation of a resolved operation against the served schema
// slice; messages and extensions.code follow graphql-ruby (Shopify's
// GraphQL server), e.g. "Field 'x' doesn't exist on type 'Order'".
#include <algorithm>

#include "schema.hpp"

namespace frr::sim::shopify {

namespace {

bool accepts_argument(const FieldSpec& field, std::string_view argument)
{
    std::string_view list = field.arguments;
    while (!list.empty()) {
        auto space = list.find(' ');
        std::string_view item = list.substr(0, space);
        if (item == argument)
            return true;
        if (space == std::string_view::npos)
            break;
        list.remove_prefix(space + 1);
    }
    return false;
}

bool can_spread(const TypeSpec& parent, std::string_view condition)
{
    if (parent.name == condition)
        return true;
    return std::find(parent.possible_types.begin(), parent.possible_types.end(), condition) !=
        parent.possible_types.end();
}

class Validator {
public:
    Validator(const ApiVersion& version, std::vector<ValidationError>& errors)
        : m_version(version),
          m_errors(errors)
    {
    }

    void check(const std::vector<Field>& fields, const TypeSpec& parent, std::vector<std::string>& path)
    {
        for (const auto& field : fields) {
            path.push_back(field.response_key);
            check_field(field, parent, path);
            path.pop_back();
        }
    }

private:
    void add(const Field& field, const std::vector<std::string>& path, std::string message, std::string code,
             std::string type_name = "", std::string field_name = "")
    {
        m_errors.push_back(ValidationError{std::move(message), field.line, field.column, path,
                                           std::move(code), std::move(type_name), std::move(field_name)});
    }

    void check_field(const Field& field, const TypeSpec& parent, std::vector<std::string>& path)
    {
        const TypeSpec* owner = &parent;
        if (!field.on_type.empty()) {
            owner = find_type(field.on_type);
            if (owner == nullptr) {
                add(field, path, "No such type " + field.on_type + ", so it can't be a fragment condition",
                    "undefinedType");
                return;
            }
            if (!can_spread(parent, field.on_type)) {
                add(field, path,
                    "Fragment on " + field.on_type + " can't be spread inside " + std::string(parent.name),
                    "cannotSpreadFragment");
                return;
            }
        }
        if (field.name == "__typename")
            return;
        const FieldSpec* spec = find_field(*owner, field.name, m_version);
        if (spec == nullptr) {
            add(field, path,
                "Field '" + field.name + "' doesn't exist on type '" + std::string(owner->name) + "'",
                "undefinedField", std::string(owner->name), field.name);
            return;
        }
        for (const auto& [argument, value] : field.arguments) {
            if (!accepts_argument(*spec, argument)) {
                add(field, path, "Field '" + field.name + "' doesn't accept argument '" + argument + "'",
                    "argumentNotAccepted");
            }
        }
        if (spec->kind == FieldKind::Scalar) {
            if (!field.children.empty()) {
                add(field, path,
                    "Selections can't be made on scalars (field '" + field.name + "' returns " +
                        std::string(spec->type) + " but has selections [" + field.children.front().name +
                        "])",
                    "selectionMismatch");
            }
            return;
        }
        if (field.children.empty()) {
            add(field, path,
                "Field must have selections (field '" + field.name + "' returns " + std::string(spec->type) +
                    " but has no selections. Did you mean '" + field.name + " { ... }'?)",
                "selectionMismatch");
            return;
        }
        const TypeSpec* child_type = find_type(named_type(spec->type));
        if (child_type != nullptr)
            check(field.children, *child_type, path);
    }

    const ApiVersion& m_version;
    std::vector<ValidationError>& m_errors;
};

}  // namespace

std::vector<ValidationError> validate(const std::vector<Field>& fields, std::string_view root_type,
                                      const ApiVersion& version, const std::string& operation_label)
{
    std::vector<ValidationError> errors;
    const TypeSpec* root = find_type(root_type);
    if (root == nullptr)
        return errors;
    std::vector<std::string> path{operation_label};
    Validator(version, errors).check(fields, *root, path);
    return errors;
}

}  // namespace frr::sim::shopify
