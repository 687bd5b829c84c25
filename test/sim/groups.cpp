// Klaviyo lists and segments with memberships, and the scheduled audience drops.
#include <algorithm>
#include <map>
#include <span>

#include "generator.hpp"
#include "radix_sort.hpp"

namespace frr::sim {

namespace {

std::string group_id(std::uint64_t seed, std::uint64_t salt)
{
    constexpr std::string_view k_chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    Rng r(seed * 977 + salt);
    std::string id;
    for (int i = 0; i < 6; ++i)
        id.push_back(k_chars[r.below(k_chars.size())]);
    return id;
}

void sort_members(Group& g)
{
    // Members are added in profile order, so a stable sort on joined_at alone gives the
    // (joined_at, profile) order.
    auto by_profile = [](const Membership& a, const Membership& b) { return a.profile < b.profile; };
    if (std::is_sorted(g.members.begin(), g.members.end(), by_profile)) {
        radix_sort(g.members, [](const Membership& m) { return m.joined_at.time_since_epoch().count(); });
        return;
    }
    std::sort(g.members.begin(), g.members.end(), [](const Membership& a, const Membership& b) {
        return std::tie(a.joined_at, a.profile) < std::tie(b.joined_at, b.profile);
    });
}

Group make_group(const Store& s, std::string name, bool segment, std::uint64_t salt)
{
    Group g;
    g.id = group_id(s.seed, salt);
    g.name = std::move(name);
    g.is_segment = segment;
    g.created_at = s.shop.created_at + std::chrono::days(2);
    g.updated_at = g.created_at;
    return g;
}

// The times of each profile's Placed Order events that exist (arrival is not considered:
// membership follows Shopify data), in event order, i.e. ascending. One flat array with an
// offset per profile rather than a vector each (a million small allocations).
class Purchases {
public:
    explicit Purchases(const Store& s) : m_first(s.profiles.size() + 1, 0)
    {
        Index placed = s.store_metric(EventKind::placed_order);
        if (placed == k_none)
            return;
        const auto& events = s.events[placed];
        for (const Event& e : events)
            if (e.dup == 0)
                ++m_first[e.profile + 1];
        for (std::size_t i = 1; i < m_first.size(); ++i)
            m_first[i] += m_first[i - 1];
        m_times.resize(m_first.back());
        std::vector<std::size_t> next(m_first.begin(), m_first.end() - 1);
        for (const Event& e : events)
            if (e.dup == 0)
                m_times[next[e.profile]++] = e.datetime;
    }
    std::span<const Time> of(Index profile) const
    {
        return {m_times.data() + m_first[profile], m_first[profile + 1] - m_first[profile]};
    }

private:
    std::vector<std::size_t> m_first;  // profile -> first position in m_times; one past the end last
    std::vector<Time> m_times;
};

}  // namespace

void make_groups(Store& s, const Scenario& sc, const DefectPlan& plan, Time now, Rng& rng)
{
    // The Newsletter is the list Klaviyo's Shopify integration adds email subscribers to.
    Group newsletter = make_group(s, "Newsletter", false, 1);
    for (Index i = 0; i < s.profiles.size(); ++i) {
        const Profile& p = s.profiles[i];
        if (p.customer != k_none && (plan.customer_flags[p.customer] & k_customer_not_on_list))
            continue;
        if (p.consent == Consent::subscribed)
            newsletter.members.push_back({i, p.consent_at.value_or(p.created_at)});
    }
    Group vip = make_group(s, "VIP Customers", false, 2);
    vip.opt_in_process = "single_opt_in";

    Group repeat = make_group(s, "Repeat Customers", true, 3);
    Group recent = make_group(s, "Purchased in last 30 days", true, 4);
    Group subscribers = make_group(s, "Engaged Subscribers", true, 5);
    const Purchases purchases(s);
    const Time recent_from = now - std::chrono::days(30);
    for (Index i = 0; i < s.profiles.size(); ++i) {
        const auto times = purchases.of(i);
        if (times.size() >= 2)
            repeat.members.push_back({i, times[1]});
        if (times.size() >= 3)
            vip.members.push_back({i, times[2]});
        auto r = std::find_if(times.begin(), times.end(), [&](Time t) { return t >= recent_from; });
        if (r != times.end())
            recent.members.push_back({i, *r});
        if (s.profiles[i].can_receive_email_marketing() && !times.empty())
            subscribers.members.push_back(
                {i, std::max(times.front(), s.profiles[i].consent_at.value_or(times.front()))});
    }
    for (Group* g : {&newsletter, &vip, &repeat, &recent, &subscribers}) {
        sort_members(*g);
        if (!g->members.empty())
            g->updated_at = g->members.back().joined_at;
    }
    s.lists = {std::move(newsletter), std::move(vip)};
    s.segments = {std::move(repeat), std::move(recent), std::move(subscribers)};

    for (const AudienceDrop& d : sc.defects.audience_drops) {
        Group* target = nullptr;
        auto pick = [&](std::vector<Group>& groups, std::string_view name) {
            for (Group& g : groups)
                if (g.name == name)
                    target = &g;
        };
        if (d.group == "newsletter")
            pick(s.lists, "Newsletter");
        else if (d.group.rfind("list:", 0) == 0)
            pick(s.lists, d.group.substr(5));
        else if (d.group.rfind("segment:", 0) == 0)
            pick(s.segments, d.group.substr(8));
        if (target == nullptr)
            throw ScenarioError(sc.path + ": audience drop names an unknown group '" + d.group +
                                "' (use newsletter, list:<name> or segment:<name>)");
        GroupDrop drop;
        drop.at = d.at.resolve(now);
        drop.vanish = d.vanish;
        drop.keep =
            static_cast<std::uint32_t>(d.keep * static_cast<double>(s.member_count_at(*target, drop.at)));
        target->drop = drop;
        s.injected.push_back({"audience_drop", target->id});
    }
    (void)rng;
}

}  // namespace frr::sim
