// GET /_sim/ground-truth: what a complete fetch of [since, until) must find, as visible at `now`.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "answer_key.hpp"

#include <set>

namespace frr::sim {

namespace {
using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void key_count(JsonWriter& w, const char* key, std::uint64_t n)
{
    w.Key(key);
    w.Uint64(n);
}

void write_orders(JsonWriter& w, const Store& s, Time since, Time until)
{
    std::uint64_t created = 0, eligible = 0, test = 0, updated = 0;
    for (const Order& o : s.orders) {
        if (o.created_at >= since && o.created_at < until) {
            ++created;
            if (s.eligible(o))
                ++eligible;
            if (o.test)
                ++test;
        }
        if (o.updated_at >= since && o.updated_at < until)
            ++updated;
    }
    w.Key("orders");
    w.StartObject();
    key_count(w, "total", s.orders.size());
    key_count(w, "created_in_range", created);
    key_count(w, "eligible_in_range", eligible);
    key_count(w, "test_in_range", test);
    key_count(w, "updated_in_range", updated);
    w.EndObject();
    // Fulfilments (the complete one and any earlier partial one), cancellations and full refunds
    // that happened in range, of every order (frr's order_changes).
    auto in = [&](const std::optional<Time>& t) { return t && *t >= since && *t < until; };
    std::uint64_t fulfilled = 0, partial = 0, cancelled = 0, refunded = 0;
    for (const Order& o : s.orders) {
        fulfilled += in(o.fulfilled_at);
        partial += in(o.partially_fulfilled_at);
        cancelled += in(o.cancelled_at);
        refunded += o.financial_status == FinancialStatus::refunded && in(o.refunded_at);
    }
    w.Key("order_changes");
    w.StartObject();
    key_count(w, "fulfilled", fulfilled);
    key_count(w, "partially_fulfilled", partial);
    key_count(w, "cancelled", cancelled);
    key_count(w, "refunded", refunded);
    key_count(w, "total", fulfilled + partial + cancelled + refunded);
    w.EndObject();
}

void write_customers(JsonWriter& w, const Store& s, Time since, Time until)
{
    std::uint64_t updated = 0, with_email = 0, updated_with_email = 0;
    for (const Customer& c : s.customers) {
        bool in = c.updated_at >= since && c.updated_at < until;
        if (in)
            ++updated;
        if (c.has_email())
            ++with_email;
        if (in && c.has_email())
            ++updated_with_email;
    }
    w.Key("customers");
    w.StartObject();
    key_count(w, "total", s.customers.size());
    key_count(w, "with_email", with_email);
    key_count(w, "updated_in_range", updated);
    key_count(w, "updated_in_range_with_email", updated_with_email);
    w.EndObject();
    std::uint64_t checkouts = 0, checkouts_with_email = 0;
    for (const AbandonedCheckout& c : s.checkouts)
        if (c.created_at >= since && c.created_at < until) {
            ++checkouts;
            checkouts_with_email += c.customer != k_none && s.customers[c.customer].has_email();
        }
    w.Key("checkouts");
    w.StartObject();
    key_count(w, "total", s.checkouts.size());
    key_count(w, "created_in_range", checkouts);
    key_count(w, "with_email_in_range", checkouts_with_email);
    w.EndObject();
    key_count(w, "products", s.products.size());
}

// The profiles a fetch finds by looking up the emails of the customers updated in
// [since, until): one per distinct normalised email that Klaviyo holds.
std::uint64_t profiles_of_updated_customers(const Store& s, Time since, Time until)
{
    std::set<Index> found;
    for (const Customer& c : s.customers) {
        if (!c.has_email() || c.updated_at < since || c.updated_at >= until)
            continue;
        Index p = s.find_profile_by_email(normalise_email(c.email));
        if (p != k_none)
            found.insert(p);
    }
    return found.size();
}

void write_klaviyo(JsonWriter& w, const Store& s, Time now, Time since, Time until)
{
    std::uint64_t profiles_updated = 0;
    for (const Profile& p : s.profiles)
        if (p.updated_at >= since && p.updated_at < until)
            ++profiles_updated;
    w.Key("profiles");
    w.StartObject();
    key_count(w, "total", s.profiles.size());
    key_count(w, "updated_in_range", profiles_updated);
    key_count(w, "of_customers_updated_in_range", profiles_of_updated_customers(s, since, until));
    w.EndObject();
    w.Key("events");
    w.StartArray();
    for (Index m = 0; m < s.metrics.size(); ++m) {
        std::uint64_t total = 0, in_range = 0;
        for (const Event& e : s.events[m]) {
            if (e.arrival > now)
                continue;
            ++total;
            if (e.datetime >= since && e.datetime < until)
                ++in_range;
        }
        w.StartObject();
        w.Key("metric_id");
        w.String(s.metrics[m].id.c_str());
        w.Key("name");
        w.String(s.metrics[m].name.c_str());
        w.Key("integration");
        w.String(s.metrics[m].integration == Integration::shopify           ? "shopify"
                     : s.metrics[m].integration == Integration::woocommerce ? "woocommerce"
                                                                            : "api");
        key_count(w, "visible_total", total);
        key_count(w, "visible_in_range", in_range);
        w.EndObject();
    }
    w.EndArray();
    std::uint64_t listed = 0, live = 0;
    for (const Flow& f : s.flows) {
        listed += s.flow_exists_at(f, now) && !s.flow_archived_at(f, now);
        live += s.flow_live_at(f, now);
    }
    w.Key("flows");
    w.StartObject();
    key_count(w, "listed", listed);  // GET /api/flows without an archived filter
    key_count(w, "live", live);
    w.EndObject();
    for (const auto& [key, groups] : {std::pair{"lists", &s.lists}, std::pair{"segments", &s.segments}}) {
        w.Key(key);
        w.StartArray();
        for (const Group& g : *groups) {
            if (!s.group_exists_at(g, now))
                continue;
            w.StartObject();
            w.Key("id");
            w.String(g.id.c_str());
            w.Key("name");
            w.String(g.name.c_str());
            key_count(w, "count", s.member_count_at(g, now));
            w.EndObject();
        }
        w.EndArray();
    }
}

}  // namespace

std::string ground_truth_json(const Store& s, Time now, Time since, Time until)
{
    rapidjson::StringBuffer buf;
    JsonWriter w(buf);
    w.StartObject();
    w.Key("now");
    w.String(iso_utc(now).c_str());
    w.Key("since");
    w.String(iso_utc(since).c_str());
    w.Key("until");
    w.String(iso_utc(until).c_str());
    write_orders(w, s, since, until);
    write_customers(w, s, since, until);
    write_klaviyo(w, s, now, since, until);
    w.EndObject();
    return buf.GetString();
}

}  // namespace frr::sim
