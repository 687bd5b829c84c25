// GET /api/profiles (get_profiles): filters on id/email/phone_number/external_id (equals, any),
// created/updated (greater-than, less-than) and the suppression fields; sort by id (default),
// created, email or updated; page[size] 1..100 (default 20).
#include "handlers.hpp"

#include <algorithm>

#include "collection.hpp"
#include "profile_json.hpp"

namespace frr::sim::klaviyo {

namespace {

bool profile_matches(const FilterCondition& c, const Store& store, const Profile& p)
{
    (void)store;
    const std::string& f = c.field;
    if (f == "id")
        return string_matches(c, p.id_view());
    if (f == "email") {
        // Klaviyo matches addresses by identity (case, spaces, IDN forms; docs/sync-semantics.md).
        const std::string identity = normalise_email(p.email);
        if (c.value.kind == LiteralKind::list)
            return std::any_of(c.value.items.begin(), c.value.items.end(), [&](const FilterValue& item) {
                return normalise_email(item.text) == identity;
            });
        return normalise_email(c.value.text) == identity;
    }
    if (f == "phone_number")
        return string_matches(c, p.phone);
    if (f == "external_id" || f == "_kx")
        return false;  // no external ids / tracking ids
    if (f == "created")
        return compare_time(c.op, p.created_at, c.value.time);
    if (f == "updated")
        return compare_time(c.op, p.updated_at, c.value.time);
    if (f == "subscriptions.email.marketing.suppression.reason")
        return p.suppression != Suppression::none && string_matches(c, suppression_name(p.suppression));
    if (f == "subscriptions.email.marketing.suppression.timestamp")
        return p.suppressed_at && compare_time(c.op, *p.suppressed_at, c.value.time);
    return false;  // list suppressions: the simulated account has none
}

// Candidates straight from the equality indexes, when the filter pins ids or emails.
std::optional<std::vector<std::uint32_t>> pinned_candidates(const Filter& filter, const Store& store)
{
    for (const auto& c : filter) {
        if (c.field != "id" && c.field != "email") {
            continue;
        }
        std::vector<std::uint32_t> out;
        auto add = [&](const std::string& value) {
            const Index i = c.field == "id" ? store.find_profile(value)
                                            : store.find_profile_by_email(normalise_email(value));
            if (i != k_none)
                out.push_back(i);
        };
        if (c.value.kind == LiteralKind::list) {
            for (const auto& item : c.value.items)
                add(item.text);
        } else {
            add(c.value.text);
        }
        return out;
    }
    return std::nullopt;
}

}  // namespace

ApiResponse get_profiles(const ApiRequest& request, const HandlerEnv& env)
{
    const Store& store = env.store;
    const Filter filter = parse_filter(request.param("filter").value_or(""), request.spec().filters);
    bool descending = false;
    const std::string sort = request.sort(descending).value_or("id");
    if (sort.rfind("subscriptions.", 0) == 0) {
        throw invalid_input("Sorting by suppression timestamps is not supported by frr-sim.",
                            SourceKind::parameter, "sort");
    }
    const int size = request.page_size();
    const auto cursor = request.cursor();
    const ProfileView view = profile_view(request);

    // Order (and its key) by sort field. Profiles are stored by id, and ULIDs ascend with
    // created time, so the id order is also the (created, id) order.
    auto key = [&](std::uint32_t i) {
        const Profile& p = store.profiles[i];
        if (sort == "updated")
            return OrderKey{p.updated_at.time_since_epoch().count(), {}, p.id_view()};
        if (sort == "created")
            return OrderKey{p.created_at.time_since_epoch().count(), {}, p.id_view()};
        if (sort == "email")
            return OrderKey{0, p.email, p.id_view()};
        return OrderKey{0, {}, p.id_view()};
    };
    auto accept = [&](std::uint32_t i) {
        const Profile& p = store.profiles[i];
        return std::all_of(filter.begin(), filter.end(),
                           [&](const FilterCondition& c) { return profile_matches(c, store, p); });
    };

    std::vector<std::uint32_t> pinned_storage;
    std::span<const std::uint32_t> order;
    if (auto pinned = pinned_candidates(filter, store)) {
        pinned_storage = std::move(*pinned);
        std::sort(pinned_storage.begin(), pinned_storage.end(),
                  [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
        pinned_storage.erase(std::unique(pinned_storage.begin(), pinned_storage.end()), pinned_storage.end());
        order = pinned_storage;
    } else if (sort == "updated") {
        order = store.profiles_by_updated;
        // Narrow to the updated range the filter asks for (incremental syncs page this way).
        for (const auto& c : filter) {
            if (c.field != "updated")
                continue;
            auto below = [&](std::uint32_t i) {
                return !compare_time(FilterOp::greater_than, store.profiles[i].updated_at, c.value.time);
            };
            if (c.op == FilterOp::greater_than) {
                order = order.subspan(static_cast<std::size_t>(
                    std::partition_point(order.begin(), order.end(), below) - order.begin()));
            }
        }
    } else if (sort == "email") {
        order = store.profiles_by_email;
    } else {
        order = env.profiles_by_id;
    }
    const PageSlice slice = page_sorted(order, key, accept, descending, cursor, served_page_size(env, size));
    ApiResponse response;
    response.body = collection_document(request, slice, [&](JsonWriter& w, std::uint32_t i) {
        write_profile(w, request, store.profiles[i], view);
    });
    return response;
}

}  // namespace frr::sim::klaviyo
