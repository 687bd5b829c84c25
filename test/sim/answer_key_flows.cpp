// The answer key's flow kinds (docs/sync-semantics.md "Flow triggers" and "Flows"): triggers
// that never reached Klaviyo (checkouts, fulfilments, cancellations, full refunds, new
// subscribers left off the list) and flows switched off or silent.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <unordered_set>

#include "answer_key.hpp"
#include "flow_model.hpp"

namespace frr::sim {

namespace {

// {"k": v, ...} from already-encoded JSON values.
class Detail {
public:
    Detail& text(const char* key, std::string_view value)
    {
        m_w.Key(key);
        m_w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
        return *this;
    }
    Detail& time(const char* key, Time t) { return text(key, iso_utc(t)); }
    Detail& number(const char* key, std::int64_t n)
    {
        m_w.Key(key);
        m_w.Int64(n);
        return *this;
    }
    Detail& real(const char* key, double x)
    {
        m_w.Key(key);
        m_w.Double(x);
        return *this;
    }
    std::string json()
    {
        m_w.EndObject();
        return m_buf.GetString();
    }
    Detail() { m_w.StartObject(); }

private:
    rapidjson::StringBuffer m_buf;
    rapidjson::Writer<rapidjson::StringBuffer> m_w{m_buf};
};

// Records (orders or checkouts) with a visible event of a Shopify metric, judged from
// `since - grace` on (what frr fetches).
std::unordered_set<Index> synced(const Store& s, EventKind kind, Time from, Time now)
{
    std::unordered_set<Index> out;
    const Index metric = s.store_metric(kind);
    if (metric == k_none)
        return out;
    auto [first, last] = s.event_range(metric, from, now + std::chrono::seconds(1));
    for (std::size_t i = first; i < last; ++i)
        if (s.events[metric][i].arrival <= now && s.events[metric][i].profile != k_none)
            out.insert(s.events[metric][i].order);
    return out;
}

bool in(const Window& w, const std::optional<Time>& t)
{
    return t && *t >= w.since && *t < w.judge_before;
}

void checkout_defects(const Store& s, Time now, const Window& w, Time events_from, std::vector<Defect>& out)
{
    const auto found = synced(s, EventKind::checkout_started, events_from, now);
    for (Index i = 0; i < s.checkouts.size(); ++i) {
        const AbandonedCheckout& c = s.checkouts[i];
        if (!in(w, c.created_at) || c.customer == k_none || !s.customers[c.customer].has_email())
            continue;
        if (!found.count(i))
            out.push_back({"checkout_missing_event", std::to_string(c.id),
                           Detail().time("checkout_created", c.created_at).json()});
    }
}

void order_change_defects(const Store& s, Time now, const Window& w, Time events_from,
                          std::vector<Defect>& out)
{
    const auto fulfilled = synced(s, EventKind::fulfilled_order, events_from, now);
    const auto partial = synced(s, EventKind::fulfilled_partial_order, events_from, now);
    const auto cancelled = synced(s, EventKind::cancelled_order, events_from, now);
    const auto refunded = synced(s, EventKind::refunded_order, events_from, now);
    for (Index i = 0; i < s.orders.size(); ++i) {
        const Order& o = s.orders[i];
        if (!s.eligible(o) || o.updated_at < w.since)
            continue;
        const std::string name = order_name(s.shop, o);
        const bool full_missing = in(w, o.fulfilled_at) && !fulfilled.count(i);
        const bool part_missing = in(w, o.partially_fulfilled_at) && !partial.count(i);
        if (full_missing || part_missing)
            out.push_back({"fulfillment_missing_event", name,
                           Detail()
                               .time("fulfilled", full_missing ? *o.fulfilled_at : *o.partially_fulfilled_at)
                               .text("fulfilment", full_missing ? "complete" : "partial")
                               .json()});
        if (in(w, o.cancelled_at) && !cancelled.count(i))
            out.push_back(
                {"cancellation_missing_event", name, Detail().time("cancelled", *o.cancelled_at).json()});
        if (o.financial_status == FinancialStatus::refunded && in(w, o.refunded_at) && !refunded.count(i))
            out.push_back({"refund_missing_event", name, Detail().time("refunded", *o.refunded_at).json()});
    }
}

// The Newsletter list is the one the integration adds new email subscribers to.
void subscriber_defects(const Store& s, Time now, const Window& w, std::vector<Defect>& out)
{
    const Group* list = nullptr;
    for (const Group& g : s.lists)
        if (g.name == "Newsletter")
            list = &g;
    if (list == nullptr)
        return;
    std::unordered_set<Index> members;
    if (s.group_exists_at(*list, now))
        for (const Membership& m : s.members_at(*list, now))
            members.insert(m.profile);
    for (const Customer& c : s.customers) {
        if (!c.has_email() || c.marketing_state != MarketingState::subscribed || !in(w, c.updated_at) ||
            !in(w, c.consent_updated_at))
            continue;
        const Index p = s.find_profile_by_email(normalise_email(c.email));
        if (p == k_none || s.profiles[p].consent != Consent::subscribed)
            continue;  // customer_missing_profile or consent_mismatch says it
        if (!members.count(p))
            out.push_back({"subscriber_missing_from_list", std::to_string(c.id),
                           Detail().time("opted_in", *c.consent_updated_at).text("list", list->name).json()});
    }
}

std::string_view state_at(const Store& s, const Flow& f, Time t)
{
    if (!s.flow_exists_at(f, t))
        return "deleted";
    if (s.flow_archived_at(f, t))
        return "archived";
    return flow_status_name(s.flow_status_at(f, t));
}

void flow_defects(const Store& s, Time now, const AnswerKeyConfig& c, std::vector<Defect>& out)
{
    for (Index i = 0; i < s.flows.size(); ++i) {
        const Flow& f = s.flows[i];
        // Switched off: live for a run at the start, not live now (as audience_drop).
        if (now > s.start && s.flow_live_at(f, s.start) && !s.flow_live_at(f, now))
            out.push_back({"flow_not_live", f.id,
                           Detail().text("name", f.name).text("now", state_at(s, f, now)).json()});
        if (auto v = silent_verdict(s, i, now, c); v && v->silent)
            out.push_back({"flow_silent", f.id,
                           Detail()
                               .text("name", f.name)
                               .number("window_triggers", v->window_triggers)
                               .real("send_rate", v->send_rate)
                               .real("expected_recipients", v->expected)
                               .json()});
    }
}

}  // namespace

void flow_trigger_defects(const Store& s, Time now, const AnswerKeyConfig& c, std::vector<Defect>& out)
{
    const Window w = window_at(c, now);
    const Time events_from = w.since - c.grace;
    // WooCommerce's REST API has neither abandoned checkouts nor consent: no checkout or
    // new-subscriber kinds in a WooCommerce world.
    const bool woocommerce = s.source == SourcePlatform::woocommerce;
    if (!woocommerce)
        checkout_defects(s, now, w, events_from, out);
    order_change_defects(s, now, w, events_from, out);
    if (!woocommerce)
        subscriber_defects(s, now, w, out);
    flow_defects(s, now, c, out);
}

}  // namespace frr::sim
