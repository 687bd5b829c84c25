// The Shopify side of the world: shop, products, customers, orders, abandoned checkouts.
// Orders follow a daily and weekly pattern in store-local time (DST-aware), so a day's volume
// is predictable and volume checks are meaningful.
#include <date/tz.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <future>

#include "generator.hpp"
#include "radix_sort.hpp"

namespace frr::sim {

using namespace std::chrono_literals;

Window window_at(const AnswerKeyConfig& c, Time now)
{
    return {now - c.window, now - c.grace, now};
}

Time local_day_start(const std::string& timezone, Time t)
{
    const date::time_zone* tz = date::locate_zone(timezone);
    auto local = tz->to_local(t);
    auto day = date::floor<date::days>(local);
    return date::floor<std::chrono::seconds>(tz->to_sys(day, date::choose::earliest));
}

std::string local_date(const std::string& timezone, Time t)
{
    const date::time_zone* tz = date::locate_zone(timezone);
    return date::format("%F", date::floor<date::days>(tz->to_local(t)));
}

namespace {

constexpr std::array<std::string_view, 16> k_first = {"Amelia", "Oliver", "Isla",  "George", "Ava",   "Noah",
                                                      "Mia",    "Arthur", "Grace", "Leo",    "Freya", "Oscar",
                                                      "Lily",   "Harry",  "Ella",  "Jack"};
constexpr std::array<std::string_view, 16> k_last = {
    "Smith", "Jones",  "Taylor", "Brown",  "Williams", "Wilson", "Johnson", "Davies",
    "Patel", "Wright", "Evans",  "Walker", "Roberts",  "Green",  "Hall",    "Wood"};
constexpr std::array<std::string_view, 10> k_adjective = {"Classic", "Organic", "Everyday", "Deluxe",
                                                          "Vintage", "Merino",  "Linen",    "Recycled",
                                                          "Alpine",  "Coastal"};
constexpr std::array<std::string_view, 8> k_noun = {"Mug",      "Tote Bag", "Scarf",     "Candle",
                                                    "Notebook", "Beanie",   "Tea Towel", "Water Bottle"};
// Relative order volume by store-local hour and by weekday (Monday first).
constexpr std::array<double, 24> k_hour_weight = {0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.7, 1.0, 1.2, 1.3, 1.4,
                                                  1.6, 1.5, 1.3, 1.2, 1.2, 1.3, 1.5, 1.8, 1.9, 1.6, 1.0, 0.5};
constexpr std::array<double, 7> k_weekday_weight = {0.90, 0.95, 1.0, 1.0, 1.05, 1.15, 1.10};

constexpr std::int64_t k_product_id_base = 8'100'000'000;
constexpr std::int64_t k_customer_id_base = 7'200'000'000'000;
constexpr std::int64_t k_order_id_base = 5'600'000'000'000;
constexpr std::int64_t k_line_item_id_base = 14'000'000'000'000;
constexpr std::int64_t k_checkout_id_base = 31'000'000'000'000;

void generate_products(Store& s, const Scenario& sc, Rng& rng)
{
    for (std::uint32_t i = 0; i < sc.store.products; ++i) {
        Product p;
        p.id = k_product_id_base + i * 17 + 1;
        p.title = std::string(k_adjective[i % k_adjective.size()]) + " " +
            std::string(k_noun[(i / k_adjective.size() + i) % k_noun.size()]);
        if (i >= k_adjective.size() * k_noun.size())
            p.title += " " + std::to_string(i);
        char sku[16];
        std::snprintf(sku, sizeof sku, "FRR-%05u", i + 1);
        p.sku = sku;
        p.price = rng.between(399, 8999) / 100 * 100 + 99;  // x.99 prices, VAT inclusive
        p.created_at = s.shop.created_at + std::chrono::days(rng.between(0, 30));
        p.updated_at = p.created_at + std::chrono::days(rng.between(0, 60));
        s.products.push_back(std::move(p));
    }
}

MarketingState pick_state(Rng& rng)
{
    double u = rng.uniform();
    if (u < 0.45)
        return MarketingState::subscribed;
    if (u < 0.83)
        return MarketingState::not_subscribed;
    if (u < 0.86)
        return MarketingState::pending;
    if (u < 0.96)
        return MarketingState::unsubscribed;
    return MarketingState::invalid;
}

// What a customer's strings are made of, drawn in the seeded pass and written out later (on a
// helper thread, beside the orders): the strings themselves use no random numbers.
struct CustomerText {
    std::uint8_t first = 0;
    std::uint8_t last = 0;
    enum class Email : std::uint8_t { none, pos_typed, upper_domain, plain } email = Email::none;
    enum class Phone : std::uint8_t { none, phone_only, also } phone = Phone::none;
};

// "first.last<i>@example.com"; as typed at a POS: " First.Last<i>@Example.COM " (odd case
// and whitespace); or with an upper-case domain.
std::string make_email(std::string_view first, std::string_view last, std::uint32_t i,
                       CustomerText::Email kind)
{
    char digits[16];
    int n = std::snprintf(digits, sizeof digits, "%u", i);
    const bool typed = kind == CustomerText::Email::pos_typed;
    std::string email;
    email.reserve(first.size() + last.size() + static_cast<std::size_t>(n) + 16);
    if (typed)
        email += ' ';
    const std::size_t local_begin = email.size();
    email.append(first).append(".").append(last).append(digits, static_cast<std::size_t>(n));
    if (typed)
        return email.append("@Example.COM ");
    // ASCII lower case (the names are ASCII; std::tolower in the "C" locale does the same).
    for (std::size_t k = local_begin; k < email.size(); ++k)
        if (email[k] >= 'A' && email[k] <= 'Z')
            email[k] = static_cast<char>(email[k] - 'A' + 'a');
    return email.append(kind == CustomerText::Email::upper_domain ? "@EXAMPLE.com" : "@example.com");
}

CustomerText::Email draw_email_kind(Rng& rng)
{
    double u = rng.uniform();
    return u < 0.04 ? CustomerText::Email::pos_typed
        : u < 0.07  ? CustomerText::Email::upper_domain
                    : CustomerText::Email::plain;
}

void write_customer_text(std::vector<Customer>& customers, const std::vector<CustomerText>& text)
{
    for (std::uint32_t i = 0; i < customers.size(); ++i) {
        Customer& c = customers[i];
        const CustomerText& t = text[i];
        c.first_name = k_first[t.first];
        c.last_name = k_last[t.last];
        if (t.email != CustomerText::Email::none)
            c.email = make_email(c.first_name, c.last_name, i, t.email);
        char phone[24];
        if (t.phone != CustomerText::Phone::none) {
            std::snprintf(phone, sizeof phone, "%s%u",
                          t.phone == CustomerText::Phone::phone_only ? "+4477009" : "+4477008",
                          10000 + i % 90000);
            c.phone = phone;
        }
    }
}

// Customers are sorted by createdAt; the ones that exist at a time are a prefix of them. The
// times asked about never decrease, so the prefix end only moves forward (same answer as
// std::upper_bound on createdAt, without a binary search over a million customers per order).
class CustomersBefore {
public:
    explicit CustomersBefore(const std::vector<Customer>& customers) : m_customers(customers) { }
    // Number of customers with created_at <= t; t must not be less than the previous call's.
    std::size_t count_at(Time t)
    {
        while (m_end < m_customers.size() && !(t < m_customers[m_end].created_at))
            ++m_end;
        return m_end;
    }

private:
    const std::vector<Customer>& m_customers;
    std::size_t m_end = 0;
};

// The seeded pass over customers: every random draw, in the order the generator has always
// made them; the strings are described in `text` and written by write_customer_text.
void generate_customers(Store& s, const Scenario& sc, Time now, Rng& rng, std::vector<CustomerText>& text)
{
    const Time history_start = now - std::chrono::days(sc.store.history_days);
    const Time earliest = history_start - std::chrono::days(365);
    const auto span = (now - earliest).count();
    std::vector<Time> created(sc.store.customers);
    for (auto& t : created)
        t = earliest + std::chrono::seconds(rng.below(static_cast<std::uint64_t>(span)));
    radix_sort(created, [](Time t) { return t.time_since_epoch().count(); });
    if (!created.empty())
        created.front() = earliest;  // the earliest orders always find a customer
    s.customers.resize(created.size());
    text.resize(created.size());
    for (std::uint32_t i = 0; i < created.size(); ++i) {
        Customer& c = s.customers[i];
        CustomerText& t = text[i];
        c.id = k_customer_id_base + std::int64_t{i} * 3 + 1;
        c.created_at = created[i];
        c.updated_at = created[i];
        t.first = static_cast<std::uint8_t>(rng.below(k_first.size()));
        t.last = static_cast<std::uint8_t>(rng.below(k_last.size()));
        double kind = rng.uniform();
        if (kind < sc.store.redacted_rate) {
            c.marketing_state = MarketingState::redacted;
        } else if (kind < sc.store.redacted_rate + sc.store.phone_only_rate) {
            t.phone = CustomerText::Phone::phone_only;
        } else {
            t.email = draw_email_kind(rng);
            if (rng.chance(0.3))
                t.phone = CustomerText::Phone::also;
            c.marketing_state = pick_state(rng);
            c.opt_in_level = c.marketing_state == MarketingState::subscribed
                ? (rng.chance(0.7) ? OptInLevel::single_opt_in : OptInLevel::confirmed_opt_in)
                : OptInLevel::unknown;
            c.consent_updated_at = c.created_at + std::chrono::seconds(rng.below(3600));
        }
        // Some customers edit their details during the history (so some have no orders but a
        // recent updatedAt).
        if (rng.chance(0.10)) {
            Time from = std::max(c.created_at, history_start);
            c.updated_at =
                from + std::chrono::seconds(rng.below(static_cast<std::uint64_t>((now - from).count()) + 1));
        }
    }
}

// Order times: a seeded count per store-local hour following the daily/weekly pattern, plus the
// edge cases every healthy run must get right (window edges, the DST switch hours).
std::vector<Time> order_times(const Scenario& sc, Time now, Rng& rng, std::vector<Time>& edges)
{
    const date::time_zone* tz = date::locate_zone(sc.store.timezone);
    double hour_sum = 0;
    for (double w : k_hour_weight)
        hour_sum += w;
    const Time start = now - std::chrono::days(sc.store.history_days);
    std::vector<Time> times;
    times.reserve(static_cast<std::size_t>(sc.store.orders_per_day * sc.store.history_days * 1.1));
    auto previous_offset = tz->get_info(start).offset;
    for (Time h = date::floor<std::chrono::hours>(start); h < now; h += 1h) {
        auto info = tz->get_info(h);
        if (info.offset != previous_offset && sc.store.edge_orders) {
            // A DST switch at h: orders just before, at and after it, and in both copies of the
            // repeated local hour on the autumn switch.
            for (auto d : {-3600s, -1800s, -1s, 0s, 1800s, 3599s})
                edges.push_back(h + d);
            previous_offset = info.offset;
        }
        auto local = h + info.offset;
        auto local_hour = (local - date::floor<date::days>(local)) / 1h;
        unsigned weekday =
            date::weekday(date::floor<date::days>(date::sys_seconds(local))).iso_encoding() - 1;
        double expected = sc.store.orders_per_day * k_hour_weight[static_cast<std::size_t>(local_hour)] /
            hour_sum * k_weekday_weight[weekday];
        auto n = static_cast<std::uint64_t>(std::floor(expected + rng.uniform()));
        for (std::uint64_t i = 0; i < n; ++i) {
            Time t = h + std::chrono::seconds(rng.below(3600));
            if (t >= start && t < now)
                times.push_back(t);
        }
    }
    if (sc.store.edge_orders) {
        Window w = window_at(sc.answer_key, now);
        for (auto d : {-1s, 0s, 1s}) {
            edges.push_back(w.since + d);
            edges.push_back(w.judge_before + d);
        }
        Time midnight = local_day_start(sc.store.timezone, w.since);
        for (auto d : {-1s, 0s})
            edges.push_back(midnight + d);
    }
    std::erase_if(edges, [&](Time t) { return t < start || t >= now; });
    times.insert(times.end(), edges.begin(), edges.end());
    radix_sort(times, [](Time t) { return t.time_since_epoch().count(); });
    return times;
}

void fill_amounts(Store& s, Order& o, Rng& rng)
{
    static constexpr std::array<double, 3> k_lines = {0.55, 0.83, 0.95};  // 1, 2, 3, else 4 lines
    std::uint32_t lines = 1;
    double u = rng.uniform();
    while (lines < 4 && u >= k_lines[lines - 1])
        ++lines;
    o.first_line_item = static_cast<std::uint32_t>(s.line_items.size());
    o.line_item_count = lines;
    Money sum = 0;
    for (std::uint32_t i = 0; i < lines; ++i) {
        LineItem li;
        li.id = k_line_item_id_base + static_cast<std::int64_t>(s.line_items.size()) * 5 + 2;
        li.product = static_cast<Index>(rng.below(s.products.size()));
        double q = rng.uniform();
        li.quantity = q < 0.75 ? 1 : (q < 0.93 ? 2 : 3);
        li.unit_price = s.products[li.product].price;
        sum += li.unit_price * li.quantity;
        o.quantity += li.quantity;
        s.line_items.push_back(li);
    }
    o.discount = rng.chance(0.12) ? (sum + 5) / 10 : 0;
    o.subtotal = sum - o.discount;
    switch (o.source) {
    case SourceName::web: o.shipping = o.subtotal >= 5000 ? 0 : 395; break;
    case SourceName::pos: o.shipping = 0; break;
    case SourceName::shopify_draft_order: o.shipping = 495; break;
    }
    o.total = o.subtotal + o.shipping;
}

void fill_lifecycle(Order& o, const StoreSettings& st, Time now, Rng& rng)
{
    auto later = [&](std::int64_t lo, std::int64_t hi) {
        return o.created_at + std::chrono::seconds(rng.between(lo, hi));
    };
    double u = rng.uniform();
    if (u < st.cancel_rate) {
        Time t = later(600, 48 * 3600);
        if (t < now) {
            o.cancelled_at = t;
            o.financial_status = FinancialStatus::voided;
        }
    } else if (u < st.cancel_rate + st.refund_rate) {
        Time t = later(86400, 10 * 86400);
        if (t < now) {
            o.refunded_at = t;
            o.financial_status = FinancialStatus::refunded;
        }
    } else if (u < st.cancel_rate + st.refund_rate + st.partial_refund_rate) {
        Time t = later(86400, 10 * 86400);
        if (t < now)
            o.financial_status = FinancialStatus::partially_refunded;
    } else if (o.source == SourceName::shopify_draft_order && rng.chance(0.2)) {
        o.financial_status = FinancialStatus::pending;
    }
    if (!o.cancelled_at) {
        Time t = o.source == SourceName::pos ? o.created_at : later(2 * 3600, 72 * 3600);
        if (t < now) {
            o.fulfilled_at = t;
            o.fulfillment_status = FulfillmentStatus::fulfilled;
        }
    }
    o.updated_at = o.created_at;
    for (const auto& t : {o.cancelled_at, o.refunded_at, o.fulfilled_at})
        if (t && *t > o.updated_at)
            o.updated_at = *t;
}

void generate_orders(Store& s, const Scenario& sc, Time now, Rng& rng, const std::vector<CustomerText>& text)
{
    std::vector<Time> edges;
    std::vector<Time> times = order_times(sc, now, rng, edges);
    std::sort(edges.begin(), edges.end());
    s.orders.reserve(times.size());
    s.line_items.reserve(times.size() * 2);
    CustomersBefore existing(s.customers);
    std::int64_t id = k_order_id_base;
    for (std::size_t i = 0; i < times.size(); ++i) {
        Order o;
        id += rng.between(1, 40);
        o.id = id;
        o.number = static_cast<std::uint32_t>(1001 + i);
        o.created_at = times[i];
        o.processed_at = times[i];
        bool edge = std::binary_search(edges.begin(), edges.end(), times[i]);
        double src = rng.uniform();
        o.source = src < sc.store.pos_rate                  ? SourceName::pos
            : src < sc.store.pos_rate + sc.store.draft_rate ? SourceName::shopify_draft_order
                                                            : SourceName::web;
        o.test = !edge && rng.chance(sc.store.test_order_rate);
        o.presentment_currency = rng.chance(sc.store.eur_rate) ? Currency::eur : sc.store.currency;
        // Customers who exist at the order time; edge orders always have an email (they must be judged).
        auto n = static_cast<std::uint64_t>(std::max<std::size_t>(1, existing.count_at(o.created_at)));
        o.customer = static_cast<Index>(rng.below(n));
        for (int tries = 0; edge && text[o.customer].email == CustomerText::Email::none && tries < 1000;
             ++tries)
            o.customer = static_cast<Index>(rng.below(n));
        fill_amounts(s, o, rng);
        fill_lifecycle(o, sc.store, now, rng);
        Customer& c = s.customers[o.customer];
        c.updated_at = std::max(c.updated_at, o.created_at + 1s);  // order count / amount spent changed
        s.orders.push_back(o);
    }
}

void generate_checkouts(Store& s, const Scenario& sc, Time now, Rng& rng)
{
    const Time start = now - std::chrono::days(sc.store.history_days);
    auto n = static_cast<std::size_t>(sc.store.checkouts_per_day * sc.store.history_days);
    std::vector<Time> times(n);
    for (auto& t : times)
        t = start + std::chrono::seconds(rng.below(static_cast<std::uint64_t>((now - start).count())));
    radix_sort(times, [](Time t) { return t.time_since_epoch().count(); });
    s.checkouts.reserve(n);
    CustomersBefore existing(s.customers);
    for (std::size_t i = 0; i < n; ++i) {
        AbandonedCheckout c;
        c.id = k_checkout_id_base + static_cast<std::int64_t>(i) * 11 + 3;
        c.created_at = times[i];
        c.updated_at = times[i] + std::chrono::seconds(rng.below(1800));
        if (c.updated_at >= now)
            c.updated_at = times[i];
        auto avail = static_cast<std::uint64_t>(std::max<std::size_t>(1, existing.count_at(c.created_at)));
        c.customer = rng.chance(0.2) ? k_none : static_cast<Index>(rng.below(avail));
        c.presentment_currency = rng.chance(sc.store.eur_rate) ? Currency::eur : sc.store.currency;
        c.first_line_item = static_cast<std::uint32_t>(s.line_items.size());
        c.line_item_count = static_cast<std::uint32_t>(rng.between(1, 2));
        for (std::uint32_t k = 0; k < c.line_item_count; ++k) {
            LineItem li;
            li.id = k_line_item_id_base + static_cast<std::int64_t>(s.line_items.size()) * 5 + 2;
            li.product = static_cast<Index>(rng.below(s.products.size()));
            li.quantity = 1;
            li.unit_price = s.products[li.product].price;
            c.subtotal += li.unit_price;
            s.line_items.push_back(li);
        }
        c.total = c.subtotal + (c.subtotal >= 5000 ? 0 : 395);
        s.checkouts.push_back(c);
    }
}

}  // namespace

void add_partial_fulfillments(Store& s, const Scenario& sc, Rng& rng)
{
    for (Order& o : s.orders) {
        if (!o.fulfilled_at || o.source == SourceName::pos || o.line_item_count < 2)
            continue;
        if (!rng.chance(sc.store.partial_fulfillment_rate))
            continue;
        // The first parcel leaves between an hour after the order and an hour before the last.
        const auto span = (*o.fulfilled_at - o.created_at).count() - 2 * 3600;
        if (span <= 0)
            continue;
        o.partially_fulfilled_at =
            o.created_at + 1h + std::chrono::seconds(rng.below(static_cast<std::uint64_t>(span)));
    }
}

void generate_shopify(Store& s, const Scenario& sc, Time now, Rng& rng)
{
    date::locate_zone(sc.store.timezone);  // throws std::runtime_error for an unknown zone
    s.shop.id = 60'000'000'000 + static_cast<std::int64_t>(sc.seed % 1'000'000);
    s.shop.name = sc.store.name;
    s.shop.domain = sc.store.domain;
    s.shop.currency = sc.store.currency;
    s.shop.timezone = sc.store.timezone;
    s.shop.bucket_size = sc.shopify.bucket_size;
    s.shop.restore_rate = sc.shopify.restore_rate;
    s.shop.throttle_mode = sc.shopify.throttle_mode;
    s.shop.api_versions = sc.shopify.api_versions.empty()
        ? std::vector<std::string>{"2025-07", "2025-10", "2026-01", "2026-04",
                                   "2026-07", "2026-10", "unstable"}
        : sc.shopify.api_versions;
    s.shop.created_at = now - std::chrono::days(sc.store.history_days + 400);
    generate_products(s, sc, rng);
    std::vector<CustomerText> text;
    generate_customers(s, sc, now, rng, text);
    // The customers' strings are written beside the orders: the orders read only the customers'
    // times and `text`, and write only updated_at, which the strings' writer never touches.
    auto strings = std::async(std::launch::async, [&s, &text] { write_customer_text(s.customers, text); });
    generate_orders(s, sc, now, rng, text);
    generate_checkouts(s, sc, now, rng);
    strings.get();
}

}  // namespace frr::sim
