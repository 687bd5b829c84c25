// Klaviyo's copy of the store, by the sync model of docs/sync-semantics.md, with the defect
// plan applied: metrics, profiles (by normalised email, mapped consent), events per metric,
// the newsletter list and segments with memberships, decoy metrics of an API integration.
#include <algorithm>
#include <future>

#include "generator.hpp"
#include "radix_sort.hpp"

namespace frr::sim {

using namespace std::chrono_literals;

namespace {

constexpr std::string_view k_base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::string_view k_crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

std::string short_id(std::uint64_t seed, std::uint64_t salt)
{
    Rng r(seed * 131 + salt);
    std::string id;
    for (int i = 0; i < 6; ++i)
        id.push_back(k_base62[r.below(k_base62.size())]);
    return id;
}

// ULID-shaped id: 10 chars of milliseconds, 6 chars of the profile's position (so ids ascend
// with position when the milliseconds do not descend), 10 random chars.
std::array<char, 26> ulid(std::uint64_t ms, std::uint32_t position, Rng& rng)
{
    std::array<char, 26> id{};
    for (int i = 9; i >= 0; --i, ms >>= 5)
        id[static_cast<std::size_t>(i)] = k_crockford[ms & 31U];
    for (int i = 15; i >= 10; --i, position >>= 5)
        id[static_cast<std::size_t>(i)] = k_crockford[position & 31U];
    std::uint64_t r = rng.next();
    for (std::size_t i = 16; i < 26; ++i, r >>= 5)
        id[i] = k_crockford[r & 31U];
    return id;
}

const std::string k_shopify_integration =
    R"({"object":"integration","id":"0eMvjm","key":"shopify","name":"Shopify","category":"eCommerce"})";
const std::string k_api_integration =
    R"({"object":"integration","id":"7FtS4J","key":"api","name":"API","category":"API"})";
// Klaviyo's WooCommerce integration (docs/simulator.md "WooCommerce"): its metrics show the
// WooCommerce icon in Klaviyo and carry this integration object.
const std::string k_woocommerce_integration =
    R"({"object":"integration","id":"wOo3Kc","key":"woocommerce","name":"WooCommerce","category":"eCommerce"})";

void make_metrics(Store& s)
{
    struct Def {
        const char* name;
        Integration integration;
        EventKind kind;
    };
    const Def shopify_defs[] = {
        {"Placed Order", Integration::shopify, EventKind::placed_order},
        {"Ordered Product", Integration::shopify, EventKind::ordered_product},
        {"Fulfilled Order", Integration::shopify, EventKind::fulfilled_order},
        {"Cancelled Order", Integration::shopify, EventKind::cancelled_order},
        {"Refunded Order", Integration::shopify, EventKind::refunded_order},
        {"Checkout Started", Integration::shopify, EventKind::checkout_started},
        {"Placed Order", Integration::api, EventKind::decoy_placed_order},
        {"Started Checkout", Integration::api, EventKind::decoy_started_checkout},
        // Added with the flow checks; last, so the older metrics keep their ids.
        {"Fulfilled Partial Order", Integration::shopify, EventKind::fulfilled_partial_order},
    };
    // WooCommerce's: its checkout metric is "Started Checkout" (the onsite script's), and it has
    // no partial fulfilments.
    const Def woocommerce_defs[] = {
        {"Placed Order", Integration::woocommerce, EventKind::placed_order},
        {"Ordered Product", Integration::woocommerce, EventKind::ordered_product},
        {"Fulfilled Order", Integration::woocommerce, EventKind::fulfilled_order},
        {"Cancelled Order", Integration::woocommerce, EventKind::cancelled_order},
        {"Refunded Order", Integration::woocommerce, EventKind::refunded_order},
        {"Started Checkout", Integration::woocommerce, EventKind::checkout_started},
        {"Placed Order", Integration::api, EventKind::decoy_placed_order},
        {"Started Checkout", Integration::api, EventKind::decoy_started_checkout},
    };
    const std::span<const Def> defs = s.source == SourcePlatform::woocommerce
        ? std::span<const Def>(woocommerce_defs)
        : std::span<const Def>(shopify_defs);
    std::uint64_t salt = 1;
    for (const Def& d : defs) {
        Metric m;
        m.id = short_id(s.seed, salt++);
        m.name = d.name;
        m.integration = d.integration;
        m.integration_json = d.integration == Integration::shopify ? k_shopify_integration
            : d.integration == Integration::woocommerce            ? k_woocommerce_integration
                                                                   : k_api_integration;
        m.kind = d.kind;
        m.created_at = s.shop.created_at + std::chrono::days(d.integration == Integration::api ? 200 : 1);
        m.updated_at = m.created_at;
        s.metrics.push_back(std::move(m));
    }
    s.events.resize(s.metrics.size());
}

Consent mapped_consent(MarketingState st)
{
    switch (st) {
    case MarketingState::subscribed: return Consent::subscribed;
    case MarketingState::unsubscribed: return Consent::unsubscribed;
    default: return Consent::never_subscribed;
    }
}

// One profile per Shopify customer with an email (plus Klaviyo-only sign-ups); returns the
// profile index of each customer (k_none when it has none).
std::vector<Index> make_profiles(Store& s, const Scenario& sc, const DefectPlan& plan, Time now, Rng& rng)
{
    auto lag = [&] {
        return sc.sync_lag.first +
            std::chrono::seconds(rng.below(
                static_cast<std::uint64_t>((sc.sync_lag.second - sc.sync_lag.first).count()) + 1));
    };
    s.profiles.reserve(
        s.customers.size() +
        static_cast<std::size_t>(sc.store.klaviyo_only_profiles * static_cast<double>(s.customers.size())) +
        1);
    for (Index i = 0; i < s.customers.size(); ++i) {
        const Customer& c = s.customers[i];
        if (!c.has_email() || (plan.customer_flags[i] & k_customer_missing_profile))
            continue;
        Profile p;  // its strings are copied later, by write_profile_text
        // Customers come in createdAt order; keep profiles in that order too (ids ascend with it).
        p.created_at =
            std::max(s.profiles.empty() ? Time{} : s.profiles.back().created_at, c.created_at + lag());
        p.updated_at = std::max(p.created_at, c.updated_at + lag());
        p.consent = mapped_consent(c.marketing_state);
        if (c.marketing_state == MarketingState::invalid) {
            p.suppression = Suppression::invalid_email;
            p.suppressed_at = p.created_at;
        } else if (c.marketing_state == MarketingState::subscribed && rng.chance(0.02)) {
            p.suppression = rng.chance(0.5) ? Suppression::hard_bounce : Suppression::spam_complaint;
            p.suppressed_at = p.updated_at;
        }
        if (plan.customer_flags[i] & k_customer_klaviyo_subscribed)
            p.consent = Consent::subscribed;
        if (plan.customer_flags[i] & k_customer_klaviyo_not_subscribed) {
            p.consent = Consent::never_subscribed;
            p.suppression = Suppression::none;
        }
        if (p.consent != Consent::never_subscribed)
            p.consent_at = c.consent_updated_at.value_or(p.created_at);
        p.customer = i;
        p.created_at = std::min(p.created_at, now);
        p.updated_at = std::min(p.updated_at, now);
        s.profiles.push_back(std::move(p));
    }
    auto extra =
        static_cast<std::size_t>(sc.store.klaviyo_only_profiles * static_cast<double>(s.customers.size()));
    const Time start = now - std::chrono::days(sc.store.history_days + 365);
    std::vector<Time> signup_times(extra);
    for (Time& t : signup_times)
        t = start + std::chrono::seconds(rng.below(static_cast<std::uint64_t>((now - start).count())));
    radix_sort(signup_times, [](Time t) { return t.time_since_epoch().count(); });
    std::vector<Profile> signups;
    signups.reserve(extra);
    for (std::size_t k = 0; k < extra; ++k) {
        Profile p;
        p.email = "signup" + std::to_string(k) + "@example.net";
        p.created_at = signup_times[k];
        p.updated_at = p.created_at;
        p.consent = rng.chance(0.7) ? Consent::subscribed : Consent::never_subscribed;
        if (p.consent == Consent::subscribed)
            p.consent_at = p.created_at;
        signups.push_back(std::move(p));
    }
    // Merge the two createdAt-ordered sequences; ULIDs then ascend with position (no sort of
    // whole profiles needed, which matters at a million profiles). In place from the back, so
    // no second copy of every profile is made; on equal times the customers' profiles come
    // first (std::merge's order).
    std::size_t from_customers = s.profiles.size();
    std::size_t from_signups = signups.size();
    s.profiles.resize(from_customers + from_signups);
    for (std::size_t out = s.profiles.size(); from_signups > 0;) {
        --out;
        if (from_customers > 0 &&
            signups[from_signups - 1].created_at < s.profiles[from_customers - 1].created_at)
            s.profiles[out] = std::move(s.profiles[--from_customers]);
        else
            s.profiles[out] = std::move(signups[--from_signups]);
    }
    std::uint64_t previous_ms = 0;
    for (Index i = 0; i < s.profiles.size(); ++i) {
        auto ms = static_cast<std::uint64_t>(s.profiles[i].created_at.time_since_epoch().count()) * 1000 +
            rng.below(1000);
        previous_ms = std::max(previous_ms, ms);
        s.profiles[i].id = ulid(previous_ms, i, rng);
    }
    std::vector<Index> of_customer(s.customers.size(), k_none);
    for (Index i = 0; i < s.profiles.size(); ++i)
        if (s.profiles[i].customer != k_none)
            of_customer[s.profiles[i].customer] = i;
    return of_customer;
}

// The strings a profile copies from its Shopify customer (email normalised). They use no random
// numbers and no later step reads them before the profile indices, so this runs on the helper
// thread that builds those.
void write_profile_text(Store& s, const RecordsPlan& records)
{
    for (Profile& p : s.profiles) {
        if (p.customer == k_none)
            continue;
        const Customer& c = s.customers[p.customer];
        // Klaviyo keeps the address as its identity, unless the records step gave it another spelling.
        const auto spelt = records.profile_email.find(p.customer);
        p.email = spelt != records.profile_email.end() ? spelt->second : normalise_email(c.email);
        p.phone = c.phone;
        p.first_name = c.first_name;
        p.last_name = c.last_name;
    }
}

struct EventSink {
    Store& s;
    const DefectPlan& plan;
    std::array<Index, k_event_kinds> metric_of_kind{};  // the store integration's metric of each EventKind
    EventSink(Store& store, const DefectPlan& p) : s(store), plan(p)
    {
        for (std::size_t k = 0; k < metric_of_kind.size(); ++k)
            metric_of_kind[k] = s.store_metric(static_cast<EventKind>(k));
        // Upper bounds, so the large vectors are never copied while they grow.
        std::size_t units = 0;
        for (const Order& o : s.orders)
            units += o.quantity;
        s.events[metric_of_kind[static_cast<std::size_t>(EventKind::placed_order)]].reserve(s.orders.size() +
                                                                                            64);
        s.events[metric_of_kind[static_cast<std::size_t>(EventKind::ordered_product)]].reserve(units);
        s.events[metric_of_kind[static_cast<std::size_t>(EventKind::fulfilled_order)]].reserve(
            s.orders.size());
    }
    bool synced(Time datetime) const { return !plan.stall_from || datetime < *plan.stall_from; }
    void add(EventKind kind, Event e)
    {
        const Index metric = metric_of_kind[static_cast<std::size_t>(kind)];
        if (!synced(e.datetime) || metric == k_none)
            return;  // stalled, or a kind the integration has no metric for
        s.events[metric].push_back(e);
    }
};

bool in_missing_day(const DefectPlan& plan, Time t)
{
    for (const auto& [begin, end] : plan.missing_days)
        if (t >= begin && t < end)
            return true;
    return false;
}

void order_events(Store& s, const Scenario& sc, const DefectPlan& plan, const std::vector<Index>& profile_of,
                  Rng& rng)
{
    EventSink sink(s, plan);
    const auto lag_span = static_cast<std::uint64_t>((sc.sync_lag.second - sc.sync_lag.first).count()) + 1;
    for (Index i = 0; i < s.orders.size(); ++i) {
        const Order& o = s.orders[i];
        if (!s.eligible(o))
            continue;
        std::uint8_t flags = plan.order_flags[i];
        Index profile = profile_of[o.customer];
        if (profile == k_none)
            continue;  // the customer's profile is missing: nothing can sync
        // A dropped order (its own events lost, or its day missing) draws nothing from the
        // stream, as before the later events existed: their lags come from the order id.
        const bool dropped = (flags & k_order_missing) || in_missing_day(plan, o.created_at);
        std::uint64_t id_lag = static_cast<std::uint64_t>(o.id);
        auto lag = [&] {
            return sc.sync_lag.first +
                std::chrono::seconds(dropped ? (id_lag++) % lag_span : rng.below(lag_span));
        };
        Event placed;
        placed.datetime = o.created_at;
        placed.profile = profile;
        placed.order = i;
        if (!dropped) {
            Time arrival = o.created_at + lag();
            if (flags & k_order_late)
                arrival = plan.late_arrival.at(i);
            placed.arrival = arrival;
            // The order as placed: an edit after placement never reaches Klaviyo.
            placed.value = o.original_subtotal() + o.shipping;
            if (flags & k_order_wrong_value)
                placed.value = o.shipping > 0 ? o.original_subtotal() : o.original_total() + 500;
            sink.add(EventKind::placed_order, placed);
            if (flags & k_order_duplicate) {
                Event dup = placed;
                dup.dup = 1;
                dup.arrival = arrival + 7s;
                sink.add(EventKind::placed_order, dup);
            }
            auto items = s.line_items_of(o);
            for (std::uint32_t k = 0; k < items.size(); ++k) {
                for (std::uint16_t u = 0; u < items[k].quantity; ++u) {
                    bool last_unit = k + 1 == items.size() && std::uint32_t{u} + 1 == items[k].quantity;
                    if ((flags & k_order_missing_item) && last_unit)
                        continue;
                    Event e = placed;
                    e.dup = 0;
                    e.line_item = o.first_line_item + k;
                    e.unit = u;
                    e.value = items[k].unit_price;
                    e.arrival = arrival + 2s;
                    sink.add(EventKind::ordered_product, e);
                }
            }
        }
        // Fulfilments, cancellations and refunds are copied when they happen, each on its own
        // (a lost or late Placed Order does not hold them back); a missing day loses the ones
        // that happened on it. A dropped event still draws its lag, so the others keep theirs.
        auto follow = [&](std::optional<Time> at, EventKind kind, bool lost) {
            if (!at)
                return;
            Event e = placed;
            e.dup = 0;
            e.value = o.total;
            e.datetime = *at;
            e.arrival = *at + lag();
            if (!lost && !in_missing_day(plan, *at))
                sink.add(kind, e);
        };
        follow(o.fulfilled_at, EventKind::fulfilled_order, flags & k_order_no_fulfilled);
        follow(o.cancelled_at, EventKind::cancelled_order, flags & k_order_no_cancelled);
        if (o.financial_status == FinancialStatus::refunded)
            follow(o.refunded_at, EventKind::refunded_order, flags & k_order_no_refunded);
        if (o.partially_fulfilled_at && !in_missing_day(plan, *o.partially_fulfilled_at)) {
            // Its lag comes from the order id, not the stream: partial fulfilments were added
            // later, and drawing for them would have moved every later event's arrival.
            Event e = placed;
            e.dup = 0;
            e.value = o.total;
            e.datetime = *o.partially_fulfilled_at;
            e.arrival = e.datetime + sc.sync_lag.first +
                std::chrono::seconds(static_cast<std::uint64_t>(o.id) % lag_span);
            sink.add(EventKind::fulfilled_partial_order, e);
        }
    }
    for (Index i = 0; i < s.checkouts.size(); ++i) {
        const AbandonedCheckout& c = s.checkouts[i];
        if (c.customer == k_none || profile_of[c.customer] == k_none || plan.checkout_missing[i])
            continue;
        Event e;
        e.datetime = c.created_at;
        e.arrival = c.created_at + sc.sync_lag.first + std::chrono::seconds(rng.below(lag_span));
        e.profile = profile_of[c.customer];
        e.order = i;
        e.value = c.total;
        sink.add(EventKind::checkout_started, e);
    }
}

// A custom integration's own "Placed Order" and "Started Checkout": never Shopify data. The
// records step may add Placed Orders of that integration which carry real order ids (an app
// re-sending orders); they use no random numbers.
void decoy_events(Store& s, const Scenario& sc, Time now, Rng& rng, const RecordsPlan& records,
                  const DefectPlan& plan, const std::vector<Index>& profile_of)
{
    const Time start = now - std::chrono::days(sc.store.history_days);
    const auto span = static_cast<std::uint64_t>((now - start).count());
    for (EventKind kind : {EventKind::decoy_placed_order, EventKind::decoy_started_checkout}) {
        Index metric = 0;
        while (s.metrics[metric].kind != kind)
            ++metric;
        std::size_t n = s.orders.size() / 20 + 5;
        for (std::size_t k = 0; k < n && !s.profiles.empty(); ++k) {
            Event e;
            e.datetime = start + std::chrono::seconds(rng.below(span));
            e.arrival = e.datetime + 5s;
            e.profile = static_cast<Index>(rng.below(s.profiles.size()));
            e.line_item = static_cast<std::uint32_t>(k + 1);
            e.value = rng.between(500, 20000);
            s.events[metric].push_back(e);
        }
        if (kind != EventKind::decoy_placed_order || records.decoy_orders.empty())
            continue;
        // The sharpest case: the orders whose own Placed Order is missing carry one too.
        std::vector<Index> orders = records.decoy_orders;
        for (Index i = 0; i < s.orders.size(); ++i)
            if ((plan.order_flags[i] & k_order_missing) && s.eligible(s.orders[i]) &&
                !std::binary_search(records.decoy_orders.begin(), records.decoy_orders.end(), i))
                orders.push_back(i);
        for (Index order : orders) {
            const Order& o = s.orders[order];
            Event e;
            e.datetime = o.created_at + 30s;
            e.arrival = e.datetime + 5s;
            e.profile = profile_of[o.customer];
            e.order = order;
            e.value = o.original_subtotal() + o.shipping;
            if (e.profile != k_none)
                s.events[metric].push_back(e);
        }
    }
}

// Each metric's events by (datetime, order, line_item, unit, dup), a total order (no two events
// of a metric share all five), so the result is the same however it is sorted. Placed Order,
// Ordered Product and Checkout Started are generated in that order already; the others are
// sorted side by side.
void sort_events(Store& s)
{
    auto by_time = [](const Event& a, const Event& b) {
        return std::tie(a.datetime, a.order, a.line_item, a.unit, a.dup) <
            std::tie(b.datetime, b.order, b.line_item, b.unit, b.dup);
    };
    std::vector<std::future<void>> sorts;
    for (auto& v : s.events)
        if (!std::is_sorted(v.begin(), v.end(), by_time))
            sorts.push_back(
                std::async(std::launch::async, [&v, by_time] { std::sort(v.begin(), v.end(), by_time); }));
    for (auto& f : sorts)
        f.get();
}

}  // namespace

void make_groups(Store& s, const Scenario& sc, const DefectPlan& plan, Time now, Rng& rng);

void generate_klaviyo(Store& s, const Scenario& sc, const DefectPlan& plan, Time now, Rng& rng,
                      const RecordsPlan& records)
{
    make_metrics(s);
    std::vector<Index> profile_of = make_profiles(s, sc, plan, now, rng);
    // From here on the later steps read only the profiles' times and consent: their strings
    // and lookup indices are made beside them.
    auto profile_text = std::async(std::launch::async, [&s, &records] {
        write_profile_text(s, records);
        build_profile_indices(s);
    });
    order_events(s, sc, plan, profile_of, rng);
    decoy_events(s, sc, now, rng, records, plan, profile_of);
    sort_events(s);
    make_groups(s, sc, plan, now, rng);
    profile_text.get();
}

}  // namespace frr::sim
