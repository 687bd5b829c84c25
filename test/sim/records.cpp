// Real-world records (issue 12): what a live store has that a tidy generator would not. Order
// edits after placement, a custom order-number format, the same address spelt differently on
// the two platforms (Unicode case, IDN forms: the same person; +tags, dots, another domain: a
// different address), and an app's own Placed Order events that carry real Shopify order ids.
// Its own random stream (fork 4) draws only when the scenario's `records:` asks for something,
// so every other world stays byte for byte what it was.
#include <algorithm>
#include <array>
#include <string>

#include "generator.hpp"

namespace frr::sim {

namespace {

// Upper- and lower-case spellings of non-ASCII given names, written out by hand so that the
// simulator's data does not come from the library whose folding it tests.
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> k_unicode_names = {{
    {"ÉLODIE", "élodie"},
    {"ZOË", "zoë"},
    {"SØREN", "søren"},
    {"ŁUKASZ", "łukasz"},
    {"ÇAĞLA", "çağla"},
    {"ΣΟΦΊΑ", "σοφία"},
    {"ИВАН", "иван"},
    {"ÅSA", "åsa"},
}};
// Internationalised domains in Unicode and as A-labels (RFC 3492, checked with IDNA tools).
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> k_idn_domains = {{
    {"bücher.example", "xn--bcher-kva.example"},
    {"münchen.example", "xn--mnchen-3ya.example"},
    {"zürich.example", "xn--zrich-kva.example"},
    {"café.example", "xn--caf-dma.example"},
}};

std::string ascii_upper(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    return out;
}

template <typename T> void shuffle(std::vector<T>& v, Rng& rng)
{
    for (std::size_t i = v.size(); i > 1; --i)
        std::swap(v[i - 1], v[rng.below(i)]);
}

// The local part of a generated address ("amelia.smith12"): lower-case, trimmed.
std::string local_part(const Customer& c)
{
    std::string email = c.email;
    const auto first = email.find_first_not_of(' ');
    const auto at = email.find('@');
    std::string local = email.substr(first, at - first);
    for (char& ch : local)
        if (ch >= 'A' && ch <= 'Z')
            ch = static_cast<char>(ch - 'A' + 'a');
    return local;
}

void plan_email_variants(Store& s, const Scenario& sc, Time now, Rng& rng, RecordsPlan& plan)
{
    const EmailVariants& v = sc.records.email_variants;
    if (v.unicode_case + v.idn + v.plus_tag + v.dots + v.different == 0)
        return;
    const Window w = window_at(sc.answer_key, now);
    std::vector<Index> pool;
    for (Index i = 0; i < s.customers.size(); ++i) {
        const Customer& c = s.customers[i];
        if (c.has_email() && c.updated_at >= w.since && c.updated_at < w.judge_before)
            pool.push_back(i);
    }
    shuffle(pool, rng);
    std::size_t next = 0;
    auto take = [&](std::uint32_t n, const char* kind, auto&& apply) {
        for (std::uint32_t k = 0; k < n && next < pool.size(); ++k, ++next) {
            const Index i = pool[next];
            Customer& c = s.customers[i];
            const std::string local = local_part(c);
            apply(c, i, local, k);
            s.variants.push_back({kind, std::to_string(c.id)});
        }
    };
    // One side has one spelling, the other side the other; which side alternates.
    take(v.unicode_case, "email_unicode_case",
         [&](Customer& c, Index i, const std::string& local, std::uint32_t k) {
             const auto& [upper, lower] = k_unicode_names[k % k_unicode_names.size()];
             const auto dot = local.find('.');
             const std::string rest = dot == std::string::npos ? local : local.substr(dot);  // ".smith12"
             const std::string shouting = std::string(upper) + ascii_upper(rest) + "@EXAMPLE.COM";
             const std::string quiet = std::string(lower) + rest + "@example.com";
             c.email = k % 2 == 0 ? shouting : quiet;
             plan.profile_email[i] = k % 2 == 0 ? quiet : shouting;
         });
    take(v.idn, "email_idn", [&](Customer& c, Index i, const std::string& local, std::uint32_t k) {
        const auto& [unicode, ascii] = k_idn_domains[k % k_idn_domains.size()];
        c.email = local + "@" + std::string(k % 2 == 0 ? unicode : ascii);
        plan.profile_email[i] = local + "@" + std::string(k % 2 == 0 ? ascii : unicode);
    });
    take(v.plus_tag, "email_plus_tag", [&](Customer&, Index i, const std::string& local, std::uint32_t) {
        plan.profile_email[i] = local + "+shop@example.com";
    });
    take(v.dots, "email_dots", [&](Customer&, Index i, const std::string& local, std::uint32_t) {
        std::string undotted = local;
        std::erase(undotted, '.');
        plan.profile_email[i] = undotted + "@example.com";
    });
    take(v.different, "email_different", [&](Customer&, Index i, const std::string& local, std::uint32_t) {
        plan.profile_email[i] = local + "@example.org";
    });
}

void plan_edits(Store& s, const Scenario& sc, Time now, Rng& rng)
{
    const DefectAmount& amount = sc.records.edited_orders;
    if (!amount.any())
        return;
    const Window w = window_at(sc.answer_key, now);
    const Time from = std::max(now - sc.defects.scope, w.since);
    std::vector<Index> pool;
    for (Index i = 0; i < s.orders.size(); ++i) {
        const Order& o = s.orders[i];
        if (o.created_at >= from && o.created_at < w.judge_before && s.eligible(o) && !o.cancelled_at)
            pool.push_back(i);
    }
    const std::size_t pool_size = pool.size();
    shuffle(pool, rng);
    std::size_t n =
        amount.count + static_cast<std::size_t>(amount.rate * static_cast<double>(pool_size) + 0.5);
    std::vector<Index> chosen(pool.begin(),
                              pool.begin() + static_cast<std::ptrdiff_t>(std::min(n, pool.size())));
    for (std::int64_t number : amount.keys)
        for (Index i = 0; i < s.orders.size(); ++i)
            if (s.orders[i].number == number)
                chosen.push_back(i);
    for (Index i : chosen) {
        Order& o = s.orders[i];
        if (o.edited)
            continue;
        const auto items = s.line_items_of(o);
        o.edit_line = static_cast<std::uint8_t>(rng.below(items.size()));
        const LineItem& line = items[o.edit_line];
        // Customer service removes an item that is out of stock, or adds one the customer asked for.
        const bool remove = o.quantity >= 2 && rng.chance(0.5);
        o.edit_units = static_cast<std::int16_t>(remove ? -1 : rng.between(1, 2));
        o.edit_amount = line.unit_price * o.edit_units;
        o.subtotal += o.edit_amount;
        o.total += o.edit_amount;
        o.quantity = static_cast<std::uint32_t>(static_cast<std::int64_t>(o.quantity) + o.edit_units);
        o.edited = true;
        const auto latest = std::max<std::int64_t>(301, (now - o.created_at).count() - 1);
        const Time edited_at =
            o.created_at + std::chrono::seconds(rng.between(300, std::min<std::int64_t>(latest, 20 * 3600)));
        o.updated_at = std::max(o.updated_at, std::min(edited_at, now - std::chrono::seconds(1)));
        s.variants.push_back({"edited_order", order_name(s.shop, o)});
    }
}

void plan_decoys(Store& s, const Scenario& sc, Time now, Rng& rng, RecordsPlan& plan)
{
    if (sc.records.decoys_with_order_ids == 0)
        return;
    const Window w = window_at(sc.answer_key, now);
    std::vector<Index> pool;
    for (Index i = 0; i < s.orders.size(); ++i) {
        const Order& o = s.orders[i];
        if (o.created_at >= w.since && o.created_at < w.judge_before && s.eligible(o))
            pool.push_back(i);
    }
    shuffle(pool, rng);
    pool.resize(std::min<std::size_t>(pool.size(), sc.records.decoys_with_order_ids));
    std::sort(pool.begin(), pool.end());
    for (Index i : pool)
        s.variants.push_back({"decoy_order_id", order_name(s.shop, s.orders[i])});
    plan.decoy_orders = std::move(pool);
}

}  // namespace

RecordsPlan plan_records(Store& s, const Scenario& sc, Time now, Rng& rng)
{
    RecordsPlan plan;
    s.shop.order_prefix = sc.records.order_prefix;
    s.shop.order_suffix = sc.records.order_suffix;
    s.order_id_field = sc.records.order_id_field;
    s.aggregates_ignore_timezone = sc.records.aggregates_ignore_timezone;
    plan_edits(s, sc, now, rng);
    plan_email_variants(s, sc, now, rng, plan);
    plan_decoys(s, sc, now, rng, plan);
    return plan;
}

}  // namespace frr::sim
