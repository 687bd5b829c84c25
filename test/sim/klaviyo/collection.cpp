#include "collection.hpp"

#include <algorithm>

namespace frr::sim::klaviyo {

std::string collection_document(const ApiRequest& request, const PageSlice& slice,
                                const ItemWriter& write_item, const IncludedWriter& write_included)
{
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    write_key(w, "data");
    w.StartArray();
    for (const auto item : slice.items) {
        write_item(w, item);
    }
    w.EndArray();
    if (write_included) {
        write_key(w, "included");
        w.StartArray();
        write_included(w);
        w.EndArray();
    }
    write_key(w, "links");
    w.StartObject();
    write_key(w, "self");
    write_string(w, request.self_link());
    write_key(w, "next");
    if (slice.next_after) {
        write_string(
            w,
            request.link_with_cursor(Cursor{request.binding(), CursorDirection::after, *slice.next_after}));
    } else {
        w.Null();
    }
    write_key(w, "prev");
    if (slice.prev_before) {
        write_string(
            w,
            request.link_with_cursor(Cursor{request.binding(), CursorDirection::before, *slice.prev_before}));
    } else {
        w.Null();
    }
    w.EndObject();
    w.EndObject();
    return buffer.GetString();
}

std::size_t served_page_size(const HandlerEnv& env, int requested)
{
    const auto size = static_cast<std::size_t>(std::max(1, requested));
    return env.short_page ? std::max<std::size_t>(1, size / 2) : size;
}

bool compare_time(FilterOp op, Time t, Instant bound)
{
    const Instant value = instant_of(t);
    switch (op) {
    case FilterOp::greater_than: return value > bound;
    case FilterOp::greater_or_equal: return value >= bound;
    case FilterOp::less_than: return value < bound;
    case FilterOp::less_or_equal: return value <= bound;
    default: return value == bound;
    }
}

bool string_matches(const FilterCondition& condition, std::string_view value)
{
    if (condition.value.kind == LiteralKind::list) {
        return std::any_of(condition.value.items.begin(), condition.value.items.end(),
                           [&](const FilterValue& item) { return item.text == value; });
    }
    return condition.value.text == value;
}

}  // namespace frr::sim::klaviyo
