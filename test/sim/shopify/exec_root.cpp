// Root fields of QueryRoot and Mutation.
#include "bulk.hpp"
#include "exec_state.hpp"

namespace frr::sim::shopify {

namespace {

struct GlobalId {
    std::string type;
    std::int64_t id = 0;
};

std::optional<GlobalId> parse_gid(const Value* value)
{
    if (value == nullptr || value->kind != ValueKind::String)
        return std::nullopt;
    constexpr std::string_view k_prefix = "gid://shopify/";
    std::string_view text = value->text;
    if (!text.starts_with(k_prefix))
        return std::nullopt;
    text.remove_prefix(k_prefix.size());
    auto slash = text.find('/');
    if (slash == std::string_view::npos)
        return std::nullopt;
    GlobalId out;
    out.type = std::string(text.substr(0, slash));
    try {
        out.id = std::stoll(std::string(text.substr(slash + 1)));
    } catch (const std::exception&) {
        return std::nullopt;
    }
    return out;
}

std::string plan_name(double restore_rate)
{
    if (restore_rate >= 2000)
        return "Shopify Plus";  // Commerce Components / Enterprise
    if (restore_rate >= 1000)
        return "Shopify Plus";
    if (restore_rate >= 200)
        return "Advanced";
    return "Basic";
}

void write_bulk_operation(ExecState& st, const std::optional<BulkOperation>& op,
                          const std::vector<Field>& fields)
{
    if (!op) {
        st.out.Null();
        return;
    }
    st.meter.object();
    write_object(st, "BulkOperation", fields, [&](const Field& f) {
        const std::string& n = f.name;
        bool done = op->status == BulkStatus::Completed;
        if (n == "id")
            write_gid(st, "BulkOperation", op->id);
        else if (n == "status")
            write_string(st, bulk_status_name(op->status));
        else if (n == "errorCode")
            op->status == BulkStatus::Failed ? write_string(st, "INTERNAL_SERVER_ERROR")
                                             : void(st.out.Null());
        else if (n == "createdAt")
            write_time(st, op->created_at);
        else if (n == "completedAt")
            op->completed_at ? write_time(st, *op->completed_at) : void(st.out.Null());
        else if (n == "objectCount")
            write_string(st, std::to_string(done ? op->object_count : 0));
        else if (n == "rootObjectCount")
            write_string(st, std::to_string(done ? op->root_object_count : 0));
        else if (n == "fileSize")
            done && !op->jsonl.empty() ? write_string(st, std::to_string(op->jsonl.size()))
                                       : void(st.out.Null());
        else if (n == "url")
            done && !op->jsonl.empty() ? write_string(st, st.bulk->signed_url(st.base_url, *op))
                                       : void(st.out.Null());
        else if (n == "partialDataUrl")
            st.out.Null();
        else if (n == "query")
            write_string(st, op->query);
        else if (n == "type")
            write_string(st, "QUERY");
        else
            st.out.Null();
    });
}

void write_shop(ExecState& st, const Field& field)
{
    const Shop& shop = st.store().shop;
    st.meter.object();
    write_object(st, "Shop", field.children, [&](const Field& f) {
        const std::string& n = f.name;
        if (n == "id")
            write_gid(st, "Shop", shop.id);
        else if (n == "name")
            write_string(st, shop.name);
        else if (n == "email")
            write_string(st, "owner@" + shop.domain);
        else if (n == "myshopifyDomain")
            write_string(st, shop.domain);
        else if (n == "currencyCode")
            write_string(st, currency_code(shop.currency));
        else if (n == "ianaTimezone")
            write_string(st, shop.timezone);
        else {
            st.meter.object();
            write_object(st, "ShopPlan", f.children, [&](const Field& p) {
                if (p.name == "displayName")
                    write_string(st, plan_name(shop.restore_rate));
                else if (p.name == "partnerDevelopment")
                    st.out.Bool(false);
                else
                    st.out.Bool(shop.restore_rate >= 1000);
            });
        }
    });
}

void write_list(ExecState& st, const std::vector<std::string>& items,
                const std::function<void(const std::string&)>& one)
{
    st.meter.object();
    st.out.StartArray();
    for (std::size_t k = 0; k < items.size(); ++k) {
        st.path.push_back({"", static_cast<int>(k)});
        one(items[k]);
        st.path.pop_back();
    }
    st.out.EndArray();
}

void write_versions(ExecState& st, const Field& field)
{
    std::vector<std::string> versions = st.store().shop.api_versions;
    if (versions.empty())
        versions = default_supported_versions();
    std::string latest;
    for (const auto& v : versions) {
        if (v != "unstable" &&
            (latest.empty() || ApiVersion::parse(v).rank() > ApiVersion::parse(latest).rank()))
            latest = v;
    }
    write_list(st, versions, [&](const std::string& handle) {
        write_object(st, "ApiVersion", field.children, [&](const Field& f) {
            if (f.name == "handle")
                write_string(st, handle);
            else if (f.name == "displayName")
                write_string(st, handle == latest ? handle + " (Latest)" : handle);
            else
                st.out.Bool(true);
        });
    });
}

void write_node(ExecState& st, const Field& field)
{
    auto id = parse_gid(field.argument("id"));
    const Store& store = st.store();
    if (id && id->type == "BulkOperation") {
        write_bulk_operation(st, st.bulk->poll(st.owner, id->id, st.now), field.children);
        return;
    }
    Index i = k_none;
    if (id && id->type == "Order")
        i = store.find_order(id->id);
    else if (id && id->type == "Customer")
        i = store.find_customer(id->id);
    else if (id && id->type == "AbandonedCheckout")
        i = store.find_checkout(id->id);
    else if (id && id->type == "Product")
        i = store.find_product(id->id);
    if (i == k_none) {
        st.out.Null();
        return;
    }
    st.meter.object();
    if (id->type == "Order") {
        const Order& o = store.orders[i];
        bool hidden = o.created_at > st.now ||
            (!st.has_scope("read_all_orders") && o.created_at < st.now - std::chrono::days(60));
        hidden ? void(st.out.Null()) : write_order(st, o, field.children);
    } else if (id->type == "Customer")
        write_customer(st, store.customers[i], field.children);
    else if (id->type == "AbandonedCheckout")
        write_checkout(st, store.checkouts[i], field.children);
    else
        write_product(st, store.products[i], field.children);
}

}  // namespace

void execute_query(ExecState& st, const std::vector<Field>& fields)
{
    write_object(st, "QueryRoot", fields, [&](const Field& f) {
        const std::string& n = f.name;
        if (n == "orders")
            write_collection(st, f, Collection::Orders);
        else if (n == "customers")
            write_collection(st, f, Collection::Customers);
        else if (n == "abandonedCheckouts")
            write_collection(st, f, Collection::Checkouts);
        else if (n == "products")
            write_collection(st, f, Collection::Products);
        else if (n == "ordersCount")
            write_count(st, f, Collection::Orders);
        else if (n == "customersCount")
            write_count(st, f, Collection::Customers);
        else if (n == "abandonedCheckoutsCount")
            write_count(st, f, Collection::Checkouts);
        else if (n == "productsCount")
            write_count(st, f, Collection::Products);
        else if (n == "shop")
            write_shop(st, f);
        else if (n == "publicApiVersions")
            write_versions(st, f);
        else if (n == "node" || n == "order" || n == "customer") {
            Field as_node = f;
            if (n != "node") {
                // order(id:) and customer(id:) are node(id:) restricted to one type.
                auto id = parse_gid(f.argument("id"));
                bool right_type = id && id->type == (n == "order" ? "Order" : "Customer");
                if (!right_type) {
                    st.out.Null();
                    return;
                }
            }
            write_node(st, as_node);
        } else if (n == "currentAppInstallation") {
            st.meter.object();
            write_object(st, "AppInstallation", f.children, [&](const Field& g) {
                if (g.name == "id") {
                    write_string(st, "gid://shopify/AppInstallation/1");
                    return;
                }
                write_list(st, st.scopes, [&](const std::string& scope) {
                    write_object(st, "AccessScope", g.children, [&](const Field& h) {
                        write_string(st, h.name == "handle" ? scope : "Access to " + scope);
                    });
                });
            });
        } else if (n == "currentBulkOperation")
            write_bulk_operation(st, st.bulk->current(st.owner, st.now), f.children);
        else if (n == "bulkOperation") {
            auto id = parse_gid(f.argument("id"));
            write_bulk_operation(st, id ? st.bulk->poll(st.owner, id->id, st.now) : std::nullopt, f.children);
        } else
            st.out.Null();
    });
}

void execute_mutation(ExecState& st, const std::vector<Field>& fields)
{
    write_object(st, "Mutation", fields, [&](const Field& f) {
        std::optional<BulkOperation> op;
        BulkRunResult run;
        if (f.name == "bulkOperationRunQuery") {
            const Value* query = f.argument("query");
            run = st.bulk->run(st.owner, query != nullptr ? query->text : "", st.version, st.scopes, st.now);
            op = run.operation;
        } else {
            auto id = parse_gid(f.argument("id"));
            op = id ? st.bulk->cancel(st.owner, id->id, st.now) : std::nullopt;
            if (!op) {
                run.error_message = "Bulk operation does not exist";
                run.error_on_query_field = true;
            }
        }
        write_object(
            st,
            f.name == "bulkOperationRunQuery" ? "BulkOperationRunQueryPayload" : "BulkOperationCancelPayload",
            f.children, [&](const Field& g) {
                if (g.name == "bulkOperation") {
                    write_bulk_operation(st, op, g.children);
                    return;
                }
                st.out.StartArray();
                if (!run.error_message.empty()) {
                    write_object(st, "BulkOperationUserError", g.children, [&](const Field& e) {
                        if (e.name == "message")
                            write_string(st, run.error_message);
                        else if (e.name == "code")
                            run.error_code.empty() ? void(st.out.Null()) : write_string(st, run.error_code);
                        else if (run.error_on_query_field) {
                            st.out.StartArray();
                            write_string(st, f.name == "bulkOperationRunQuery" ? "query" : "id");
                            st.out.EndArray();
                        } else
                            st.out.Null();
                    });
                }
                st.out.EndArray();
            });
    });
}

}  // namespace frr::sim::shopify
