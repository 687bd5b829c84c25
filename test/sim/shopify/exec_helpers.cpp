// Shared writing helpers of the GraphQL executor.
#include <algorithm>

#include "exec_state.hpp"

namespace frr::sim::shopify {

bool ExecState::has_scope(std::string_view scope) const
{
    return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

void ExecState::add_error(std::string message, std::string code, const std::string& leaf)
{
    std::vector<PathElement> at = path;
    if (!leaf.empty())
        at.push_back({leaf, -1});
    errors.push_back({std::move(message), std::move(at), std::move(code)});
}

void write_object(ExecState& st, std::string_view type_name, const std::vector<Field>& fields,
                  const std::function<void(const Field&)>& resolve)
{
    st.out.StartObject();
    for (const auto& field : fields) {
        if (!field.on_type.empty() && field.on_type != type_name && field.on_type != "Node")
            continue;
        st.out.Key(field.response_key.c_str(), static_cast<rapidjson::SizeType>(field.response_key.size()));
        if (field.name == "__typename") {
            write_string(st, type_name);
            continue;
        }
        st.path.push_back({field.response_key, -1});
        resolve(field);
        st.path.pop_back();
    }
    st.out.EndObject();
}

void write_string(ExecState& st, std::string_view text)
{
    st.out.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void write_optional_string(ExecState& st, std::string_view text)
{
    if (text.empty()) {
        st.out.Null();
    } else {
        write_string(st, text);
    }
}

void write_time(ExecState& st, Time t)
{
    write_string(st, iso_utc(t));
}

std::string gid(std::string_view type, std::int64_t id)
{
    return "gid://shopify/" + std::string(type) + "/" + std::to_string(id);
}

void write_gid(ExecState& st, std::string_view type, std::int64_t id)
{
    write_string(st, gid(type, id));
}

void write_money_bag(ExecState& st, const Field& field, Money amount, Currency presentment)
{
    st.meter.object();
    const Currency shop_currency = st.store().shop.currency;
    write_object(st, "MoneyBag", field.children, [&](const Field& f) {
        bool shop = f.name == "shopMoney";
        Money value = shop ? amount : to_presentment(amount, presentment);
        Currency currency = shop ? shop_currency : presentment;
        st.meter.object();
        write_object(st, "MoneyV2", f.children, [&](const Field& money) {
            if (money.name == "amount") {
                write_string(st, money_string(value));
            } else {
                write_string(st, currency_code(currency));
            }
        });
    });
}

}  // namespace frr::sim::shopify
