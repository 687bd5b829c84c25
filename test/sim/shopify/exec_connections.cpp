// Root connections (orders, customers, abandonedCheckouts, products), their
// counts, and Order.lineItems: argument handling, search filters, the
// 60-day order window, cursors and pageInfo.
#include <chrono>
#include <functional>

#include "cursor.hpp"
#include "exec_state.hpp"
#include "pager.hpp"

namespace frr::sim::shopify {

namespace {

enum FieldId {
    k_created,
    k_updated,
    k_processed,
    k_id,
    k_test,
    k_status,
    k_financial,
    k_fulfillment,
    k_source,
    k_email,
    k_title
};

constexpr std::chrono::days k_order_window{60};

const std::vector<SearchField>& catalogue(Collection collection)
{
    using T = SearchValueType;
    static const std::vector<SearchField> k_orders = {{"created_at", k_created, T::Time},
                                                      {"updated_at", k_updated, T::Time},
                                                      {"processed_at", k_processed, T::Time},
                                                      {"id", k_id, T::Integer},
                                                      {"test", k_test, T::Boolean},
                                                      {"status", k_status, T::Text},
                                                      {"financial_status", k_financial, T::Text},
                                                      {"fulfillment_status", k_fulfillment, T::Text},
                                                      {"source_name", k_source, T::Text},
                                                      {"email", k_email, T::Text}};
    static const std::vector<SearchField> k_customers = {{"created_at", k_created, T::Time},
                                                         {"updated_at", k_updated, T::Time},
                                                         {"id", k_id, T::Integer},
                                                         {"email", k_email, T::Text}};
    static const std::vector<SearchField> k_checkouts = {{"created_at", k_created, T::Time},
                                                         {"updated_at", k_updated, T::Time},
                                                         {"id", k_id, T::Integer},
                                                         {"status", k_status, T::Text}};
    static const std::vector<SearchField> k_products = {{"created_at", k_created, T::Time},
                                                        {"updated_at", k_updated, T::Time},
                                                        {"id", k_id, T::Integer},
                                                        {"title", k_title, T::Text},
                                                        {"status", k_status, T::Text}};
    switch (collection) {
    case Collection::Orders: return k_orders;
    case Collection::Customers: return k_customers;
    case Collection::Checkouts: return k_checkouts;
    case Collection::Products: return k_products;
    }
    return k_products;
}

std::int64_t secs(Time t)
{
    return t.time_since_epoch().count();
}
FieldValue number(std::int64_t v)
{
    return FieldValue{true, v, {}};
}
FieldValue text(std::string_view v)
{
    return FieldValue{true, 0, v};
}

// `status:any` means no status filter.
void drop_any_status(SearchNode& node)
{
    if (node.kind == SearchNode::Kind::Term && node.field_id == k_status && node.text == "any") {
        node = SearchNode{};
        return;
    }
    for (auto& child : node.children)
        drop_any_status(child);
}

FieldValue order_value(const Store& store, const Order& o, int id)
{
    switch (id) {
    case k_created: return number(secs(o.created_at));
    case k_updated: return number(secs(o.updated_at));
    case k_processed: return number(secs(o.processed_at));
    case k_id: return number(o.id);
    case k_test: return number(o.test ? 1 : 0);
    case k_status:
        if (o.cancelled_at)
            return text("cancelled");
        return text(o.fulfillment_status == FulfillmentStatus::fulfilled ? "closed" : "open");
    case k_financial: return text(financial_status_name(o.financial_status));
    case k_fulfillment: return text(fulfillment_status_name(o.fulfillment_status));
    case k_source: return text(source_name(o.source));
    case k_email: {
        const Customer* c = store.customer_of(o);
        return c ? text(c->email) : FieldValue{};
    }
    default: return FieldValue{};
    }
}

FieldValue record_value(const Store& store, Collection collection, Index i, int id)
{
    switch (collection) {
    case Collection::Orders: return order_value(store, store.orders[i], id);
    case Collection::Customers: {
        const Customer& c = store.customers[i];
        if (id == k_created)
            return number(secs(c.created_at));
        if (id == k_updated)
            return number(secs(c.updated_at));
        if (id == k_id)
            return number(c.id);
        if (id == k_email)
            return text(c.email);
        return FieldValue{};
    }
    case Collection::Checkouts: {
        const AbandonedCheckout& c = store.checkouts[i];
        if (id == k_created)
            return number(secs(c.created_at));
        if (id == k_updated)
            return number(secs(c.updated_at));
        if (id == k_id)
            return number(c.id);
        if (id == k_status)
            return text("open");
        return FieldValue{};
    }
    case Collection::Products: {
        const Product& p = store.products[i];
        if (id == k_created)
            return number(secs(p.created_at));
        if (id == k_updated)
            return number(secs(p.updated_at));
        if (id == k_id)
            return number(p.id);
        if (id == k_title)
            return text(p.title);
        if (id == k_status)
            return text("active");
        return FieldValue{};
    }
    }
    return FieldValue{};
}

Time created_of(const Store& store, Collection collection, Index i)
{
    switch (collection) {
    case Collection::Orders: return store.orders[i].created_at;
    case Collection::Customers: return store.customers[i].created_at;
    case Collection::Checkouts: return store.checkouts[i].created_at;
    case Collection::Products: return store.products[i].created_at;
    }
    return Time{};
}

struct Filter {
    CompiledSearch search;
    std::function<bool(Index)> matches;
};

// Visibility (created by now; orders within 60 days unless read_all_orders)
// plus the `query:` argument. Warnings go to extensions.search.
Filter make_filter(ExecState& st, const Field& field, Collection collection)
{
    Filter filter;
    const Value* query = field.argument("query");
    std::string query_text = query != nullptr && query->kind == ValueKind::String ? query->text : "";
    filter.search = compile_search(query_text, catalogue(collection));
    drop_any_status(filter.search.root);
    if (!filter.search.warnings.empty())
        st.search_reports.push_back({st.path, query_text, filter.search.warnings});
    const Store& store = st.store();
    const Time now = st.now;
    const bool limit_orders = collection == Collection::Orders && !st.has_scope("read_all_orders");
    const Time oldest = now - k_order_window;
    const SearchNode* root = &filter.search.root;
    filter.matches = [&store, collection, now, limit_orders, oldest, root](Index i) {
        Time created = created_of(store, collection, i);
        if (created > now || (limit_orders && created < oldest))
            return false;
        return search_matches(*root, [&](int id) { return record_value(store, collection, i, id); });
    };
    return filter;
}

std::optional<SortKey> parse_sort_key(const Field& field, Collection collection, std::string& error)
{
    const Value* value = field.argument("sortKey");
    if (value == nullptr || value->is_null()) {
        return collection == Collection::Orders ? SortKey::ProcessedAt : SortKey::Id;
    }
    const std::string& name = value->text;
    std::optional<SortKey> key;
    if (name == "ID" || (collection == Collection::Checkouts && name == "CHECKOUT_ID"))
        key = SortKey::Id;
    else if (name == "CREATED_AT")
        key = SortKey::CreatedAt;
    else if (name == "UPDATED_AT" && collection != Collection::Checkouts)
        key = SortKey::UpdatedAt;
    else if (name == "PROCESSED_AT" && collection == Collection::Orders)
        key = SortKey::ProcessedAt;
    if (!key) {
        static const char* const k_enum_names[] = {"OrderSortKeys", "CustomerSortKeys",
                                                   "AbandonedCheckoutSortKeys", "ProductSortKeys"};
        error = "Argument 'sortKey' on Field '" + field.name + "' has an invalid value (" + name +
            "). Expected type '" + k_enum_names[static_cast<int>(collection)] +
            "'. (frr-sim serves ID, CREATED_AT, UPDATED_AT and, for orders, PROCESSED_AT.)";
    }
    return key;
}

int int_argument(const Field& field, const char* key, int fallback)
{
    const Value* value = field.argument(key);
    return value != nullptr && value->kind == ValueKind::Int ? static_cast<int>(value->int_value) : fallback;
}

bool cursor_argument(ExecState& st, const Field& field, const char* key, std::optional<CursorPosition>& out)
{
    const Value* value = field.argument(key);
    if (value == nullptr || value->is_null())
        return true;
    out = decode_cursor(value->text);
    if (!out)
        st.add_error("Invalid cursor for current pagination sort.", "BAD_REQUEST");
    return out.has_value();
}

void write_page(ExecState& st, const Field& field, const std::vector<Index>& items, bool has_next,
                bool has_previous, const std::function<std::string(Index)>& cursor_of,
                const std::function<void(Index, const Field&)>& node)
{
    st.meter.connection();
    for (std::size_t k = 0; k < items.size(); ++k)
        st.meter.object();
    write_object(st, "Connection", field.children, [&](const Field& f) {
        if (f.name == "pageInfo") {
            write_object(st, "PageInfo", f.children, [&](const Field& p) {
                if (p.name == "hasNextPage")
                    st.out.Bool(has_next);
                else if (p.name == "hasPreviousPage")
                    st.out.Bool(has_previous);
                else if (items.empty())
                    st.out.Null();
                else
                    write_string(st, cursor_of(p.name == "startCursor" ? items.front() : items.back()));
            });
            return;
        }
        st.out.StartArray();
        for (std::size_t k = 0; k < items.size(); ++k) {
            st.path.push_back({"", static_cast<int>(k)});
            if (f.name == "nodes") {
                node(items[k], f);
            } else {
                write_object(st, "Edge", f.children, [&](const Field& e) {
                    if (e.name == "cursor")
                        write_string(st, cursor_of(items[k]));
                    else
                        node(items[k], e);
                });
            }
            st.path.pop_back();
        }
        st.out.EndArray();
    });
}

void write_record(ExecState& st, Collection collection, Index i, const std::vector<Field>& fields)
{
    const Store& store = st.store();
    switch (collection) {
    case Collection::Orders: write_order(st, store.orders[i], fields); break;
    case Collection::Customers: write_customer(st, store.customers[i], fields); break;
    case Collection::Checkouts: write_checkout(st, store.checkouts[i], fields); break;
    case Collection::Products: write_product(st, store.products[i], fields); break;
    }
}

}  // namespace

void write_collection(ExecState& st, const Field& field, Collection collection)
{
    std::string error;
    auto sort_key = parse_sort_key(field, collection, error);
    if (!sort_key) {
        st.out.Null();
        st.add_error(error, "argumentLiteralsIncompatible");
        return;
    }
    PageRequest request;
    request.collection = collection;
    request.sort_key = *sort_key;
    const Value* reverse = field.argument("reverse");
    request.reverse = reverse != nullptr && reverse->kind == ValueKind::Boolean && reverse->bool_value;
    request.from_end = field.argument("first") == nullptr || field.argument("first")->is_null();
    request.size = int_argument(field, request.from_end ? "last" : "first", 0);
    if (!cursor_argument(st, field, "after", request.after) ||
        !cursor_argument(st, field, "before", request.before)) {
        st.out.Null();
        return;
    }
    Filter filter = make_filter(st, field, collection);
    static constexpr int k_field_of_key[] = {k_id, k_created, k_updated, k_processed};
    request.bounds = time_bounds(filter.search.root, k_field_of_key[static_cast<int>(*sort_key)]);
    Page page = fetch_page(st.index, request, filter.matches);
    if (st.short_pages && page.items.size() > 1) {
        page.items.resize(page.items.size() / 2);
        page.has_next = true;
    }
    const SortKey key = *sort_key;
    write_page(
        st, field, page.items, page.has_next, page.has_previous,
        [&](Index i) {
            return encode_cursor({st.index.id(collection, i), st.index.sort_value(collection, key, i)});
        },
        [&](Index i, const Field& f) { write_record(st, collection, i, f.children); });
}

std::vector<Index> all_matching(ExecState& st, const Field& field, Collection collection)
{
    Filter filter = make_filter(st, field, collection);
    std::vector<Index> out;
    for (Index i : st.index.sorted(collection, SortKey::Id)) {
        if (filter.matches(i))
            out.push_back(i);
    }
    return out;
}

void write_count(ExecState& st, const Field& field, Collection collection)
{
    st.meter.object();
    Filter filter = make_filter(st, field, collection);
    std::optional<std::size_t> limit = 10000;  // documented default; an explicit null lifts it
    if (const Value* value = field.argument("limit")) {
        if (value->is_null())
            limit.reset();
        else if (value->kind == ValueKind::Int)
            limit = static_cast<std::size_t>(std::max<std::int64_t>(value->int_value, 0));
    }
    auto [count, capped] =
        count_matches(st.index, collection, SortKey::Id, TimeBounds{}, limit, filter.matches);
    write_object(st, "Count", field.children, [&](const Field& f) {
        if (f.name == "count")
            st.out.Uint64(count);
        else
            write_string(st, capped ? "AT_LEAST" : "EXACT");
    });
}

void write_line_items(ExecState& st, const Field& field, std::span<const LineItem> items, const Order* order)
{
    // Cursors are positions within the order (last_value) and the line item id.
    std::optional<CursorPosition> after;
    std::optional<CursorPosition> before;
    if (!cursor_argument(st, field, "after", after) || !cursor_argument(st, field, "before", before)) {
        st.out.Null();
        return;
    }
    const bool from_end = field.argument("first") == nullptr || field.argument("first")->is_null();
    const int size = int_argument(field, from_end ? "last" : "first", 0);
    std::int64_t lo = after ? after->value + 1 : 0;
    std::int64_t hi = before ? std::min<std::int64_t>(before->value, std::ssize(items)) : std::ssize(items);
    std::vector<Index> positions;
    for (std::int64_t p = lo; p < hi; ++p)
        positions.push_back(static_cast<Index>(p));
    const Value* reverse = field.argument("reverse");
    if (reverse != nullptr && reverse->kind == ValueKind::Boolean && reverse->bool_value) {
        std::reverse(positions.begin(), positions.end());
    }
    bool has_next = false;
    bool has_previous = false;
    if (std::ssize(positions) > size) {
        if (from_end) {
            positions.erase(positions.begin(), positions.end() - size);
            has_previous = true;
        } else {
            positions.resize(static_cast<std::size_t>(size));
            has_next = true;
        }
    }
    has_previous = has_previous || (!from_end && after.has_value() && lo > 0);
    write_page(
        st, field, positions, has_next, has_previous,
        [&](Index p) {
            return encode_cursor({items[p].id, static_cast<std::int64_t>(p)});
        },
        [&](Index p, const Field& f) {
            const int changed =
                order != nullptr && order->edited && order->edit_line == p ? order->edit_units : 0;
            write_line_item(st, items[p], f.children, changed);
        });
}

}  // namespace frr::sim::shopify
