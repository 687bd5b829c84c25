// Store lookups, names of enums, and the helpers for times, money and ids.
#include "store.hpp"

#include "text/email_identity.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace frr::sim {

std::string_view currency_code(Currency c)
{
    return c == Currency::gbp ? "GBP" : "EUR";
}

std::string_view marketing_state_name(MarketingState s)
{
    switch (s) {
    case MarketingState::not_subscribed: return "NOT_SUBSCRIBED";
    case MarketingState::subscribed: return "SUBSCRIBED";
    case MarketingState::pending: return "PENDING";
    case MarketingState::unsubscribed: return "UNSUBSCRIBED";
    case MarketingState::invalid: return "INVALID";
    case MarketingState::redacted: return "REDACTED";
    }
    return "NOT_SUBSCRIBED";
}

std::string_view opt_in_level_name(OptInLevel l)
{
    switch (l) {
    case OptInLevel::single_opt_in: return "SINGLE_OPT_IN";
    case OptInLevel::confirmed_opt_in: return "CONFIRMED_OPT_IN";
    case OptInLevel::unknown: return "UNKNOWN";
    }
    return "UNKNOWN";
}

std::string_view source_name(SourceName s)
{
    switch (s) {
    case SourceName::web: return "web";
    case SourceName::pos: return "pos";
    case SourceName::shopify_draft_order: return "shopify_draft_order";
    }
    return "web";
}

std::string_view financial_status_name(FinancialStatus s)
{
    switch (s) {
    case FinancialStatus::paid: return "PAID";
    case FinancialStatus::pending: return "PENDING";
    case FinancialStatus::authorized: return "AUTHORIZED";
    case FinancialStatus::partially_refunded: return "PARTIALLY_REFUNDED";
    case FinancialStatus::refunded: return "REFUNDED";
    case FinancialStatus::voided: return "VOIDED";
    }
    return "PAID";
}

std::string_view fulfillment_status_name(FulfillmentStatus s)
{
    switch (s) {
    case FulfillmentStatus::unfulfilled: return "UNFULFILLED";
    case FulfillmentStatus::fulfilled: return "FULFILLED";
    case FulfillmentStatus::partially_fulfilled: return "PARTIALLY_FULFILLED";
    }
    return "UNFULFILLED";
}

std::string_view consent_name(Consent c)
{
    switch (c) {
    case Consent::subscribed: return "SUBSCRIBED";
    case Consent::unsubscribed: return "UNSUBSCRIBED";
    case Consent::never_subscribed: return "NEVER_SUBSCRIBED";
    }
    return "NEVER_SUBSCRIBED";
}

std::string_view suppression_name(Suppression s)
{
    switch (s) {
    case Suppression::none: return "";
    case Suppression::invalid_email: return "INVALID_EMAIL";
    case Suppression::hard_bounce: return "HARD_BOUNCE";
    case Suppression::spam_complaint: return "SPAM_COMPLAINT";
    case Suppression::user_suppressed: return "USER_SUPPRESSED";
    }
    return "";
}

namespace {

template <typename Vec, typename Key> Index find_by_id(const Vec& v, Key id)
{
    auto it = std::lower_bound(v.begin(), v.end(), id, [](const auto& r, Key k) { return r.id < k; });
    if (it == v.end() || it->id != id)
        return k_none;
    return static_cast<Index>(it - v.begin());
}

// Crockford base32, as used by ULIDs.
constexpr std::string_view k_base32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void put_base32(std::string& out, std::uint64_t value, int digits)
{
    for (int i = digits - 1; i >= 0; --i)
        out.push_back(k_base32[(value >> (5 * i)) & 31U]);
}

std::optional<std::uint64_t> get_base32(std::string_view text)
{
    std::uint64_t v = 0;
    for (char ch : text) {
        auto pos = k_base32.find(ch);
        if (pos == std::string_view::npos)
            return std::nullopt;
        v = (v << 5) | pos;
    }
    return v;
}

constexpr int k_event_metric_digits = 3;
constexpr int k_event_position_digits = 12;
constexpr std::size_t k_event_prefix_len = 26 - k_event_metric_digits - k_event_position_digits;

}  // namespace

Index Store::find_order(std::int64_t id) const
{
    return find_by_id(orders, id);
}
Index Store::find_customer(std::int64_t id) const
{
    return find_by_id(customers, id);
}
Index Store::find_checkout(std::int64_t id) const
{
    return find_by_id(checkouts, id);
}

Index Store::find_product(std::int64_t id) const
{
    for (std::size_t i = 0; i < products.size(); ++i)
        if (products[i].id == id)
            return static_cast<Index>(i);
    return k_none;
}

Index Store::find_profile(std::string_view id) const
{
    auto it = std::lower_bound(profiles.begin(), profiles.end(), id,
                               [](const Profile& p, std::string_view k) { return p.id_view() < k; });
    if (it == profiles.end() || it->id_view() != id)
        return k_none;
    return static_cast<Index>(it - profiles.begin());
}

Index Store::find_profile_by_email(std::string_view email) const
{
    auto alias = std::lower_bound(profile_identity_aliases.begin(), profile_identity_aliases.end(), email,
                                  [](const auto& a, std::string_view k) { return a.first < k; });
    if (alias != profile_identity_aliases.end() && alias->first == email)
        return alias->second;
    auto it = std::lower_bound(profiles_by_email.begin(), profiles_by_email.end(), email,
                               [this](Index i, std::string_view k) { return profiles[i].email < k; });
    if (it == profiles_by_email.end() || profiles[*it].email != email)
        return k_none;
    return *it;
}

Index Store::find_metric(std::string_view id) const
{
    for (std::size_t i = 0; i < metrics.size(); ++i)
        if (metrics[i].id == id)
            return static_cast<Index>(i);
    return k_none;
}

const Group* Store::find_group(std::string_view id) const
{
    for (const auto* groups : {&lists, &segments})
        for (const Group& g : *groups)
            if (g.id == id)
                return &g;
    return nullptr;
}

std::string Store::event_id(Index metric, std::size_t position) const
{
    std::string out;
    out.reserve(26);
    put_base32(out, seed & 0x3FFFFFFFFFFFULL, static_cast<int>(k_event_prefix_len));
    put_base32(out, metric, k_event_metric_digits);
    put_base32(out, position, k_event_position_digits);
    return out;
}

std::optional<std::pair<Index, std::size_t>> Store::find_event(std::string_view id) const
{
    if (id.size() != 26)
        return std::nullopt;
    std::string expected = event_id(0, 0);
    if (id.substr(0, k_event_prefix_len) != std::string_view(expected).substr(0, k_event_prefix_len))
        return std::nullopt;
    auto m = get_base32(id.substr(k_event_prefix_len, k_event_metric_digits));
    auto p = get_base32(id.substr(k_event_prefix_len + k_event_metric_digits));
    if (!m || !p || *m >= events.size() || *p >= events[*m].size())
        return std::nullopt;
    return std::pair{static_cast<Index>(*m), static_cast<std::size_t>(*p)};
}

std::string Store::event_uuid(Index metric, std::size_t position) const
{
    // Deterministic v4-shaped UUID from (seed, metric, position).
    std::uint64_t a = seed * 0x9E3779B97F4A7C15ULL ^ (std::uint64_t{metric} << 48) ^ position;
    std::uint64_t b = (a + 0x632BE59BD9B4E019ULL) * 0xBF58476D1CE4E5B9ULL;
    a = (a ^ (a >> 31)) * 0x94D049BB133111EBULL;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                  static_cast<unsigned>((a >> 16) & 0xFFFF), static_cast<unsigned>(a & 0xFFF),
                  static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3FFF)),
                  static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFULL));
    return buf;
}

std::pair<std::size_t, std::size_t> Store::event_range(Index metric, Time from, Time until) const
{
    const auto& v = events[metric];
    auto by_time = [](const Event& e, Time t) { return e.datetime < t; };
    auto first = std::lower_bound(v.begin(), v.end(), from, by_time);
    auto last = std::lower_bound(first, v.end(), until, by_time);
    return {static_cast<std::size_t>(first - v.begin()), static_cast<std::size_t>(last - v.begin())};
}

Index Store::store_metric(EventKind kind) const
{
    for (std::size_t i = 0; i < metrics.size(); ++i)
        if (metrics[i].kind == kind && metrics[i].integration != Integration::api)
            return static_cast<Index>(i);
    return k_none;
}

namespace {
// Members present at `now` given an optional drop; members are sorted by joined_at.
std::size_t visible_prefix(const Group& g, Time now)
{
    auto joined = std::upper_bound(g.members.begin(), g.members.end(), now,
                                   [](Time t, const Membership& m) { return t < m.joined_at; });
    std::size_t n = static_cast<std::size_t>(joined - g.members.begin());
    if (g.drop && now >= g.drop->at)
        n = std::min<std::size_t>(n, g.drop->vanish ? 0 : g.drop->keep);
    return n;
}
}  // namespace

std::vector<Membership> Store::members_at(const Group& g, Time now) const
{
    std::size_t n = visible_prefix(g, now);
    return {g.members.begin(), g.members.begin() + static_cast<std::ptrdiff_t>(n)};
}

std::size_t Store::member_count_at(const Group& g, Time now) const
{
    return visible_prefix(g, now);
}

bool Store::group_exists_at(const Group& g, Time now) const
{
    return now >= g.created_at && !(g.drop && g.drop->vanish && now >= g.drop->at);
}

std::string_view flow_status_name(FlowStatus s)
{
    switch (s) {
    case FlowStatus::live: return "live";
    case FlowStatus::manual: return "manual";
    case FlowStatus::draft: return "draft";
    }
    return "draft";
}

FlowStatus Store::flow_status_at(const Flow& f, Time t) const
{
    return f.change && t >= f.change->at && !f.change->archive && !f.change->remove ? f.change->to : f.status;
}

bool Store::flow_archived_at(const Flow& f, Time t) const
{
    return f.archived || (f.change && t >= f.change->at && f.change->archive);
}

bool Store::flow_exists_at(const Flow& f, Time t) const
{
    return t >= f.created_at && !(f.change && t >= f.change->at && f.change->remove);
}

bool Store::flow_live_at(const Flow& f, Time t) const
{
    return flow_exists_at(f, t) && !flow_archived_at(f, t) && flow_status_at(f, t) == FlowStatus::live;
}

Index Store::find_flow(std::string_view id) const
{
    for (std::size_t i = 0; i < flows.size(); ++i)
        if (flows[i].id == id)
            return static_cast<Index>(i);
    return k_none;
}

std::string order_name(const Shop& shop, const Order& o)
{
    return shop.order_prefix + std::to_string(o.number) + shop.order_suffix;
}

std::string normalise_email(std::string_view email)
{
    return text::email_identity(email);
}

std::string iso_utc(Time t)
{
    auto days = std::chrono::floor<std::chrono::days>(t);
    std::chrono::year_month_day ymd{days};
    std::chrono::hh_mm_ss hms{t - days};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buf;
}

namespace {
bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out)
{
    if (pos + n > s.size())
        return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(s[i])))
            return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}
}  // namespace

std::optional<Time> parse_iso(std::string_view s)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
    if (!digits(s, 0, 4, y) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
        !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != ' ') || !digits(s, 11, 2, h) || s[13] != ':' ||
        !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, se))
        return std::nullopt;
    std::size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos])))
            ++pos;
    }
    std::chrono::seconds offset{0};
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int oh = 0, om = 0;
        if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
            !digits(s, pos + 4, 2, om))
            return std::nullopt;
        offset = std::chrono::hours(oh) + std::chrono::minutes(om);
        if (s[pos] == '-')
            offset = -offset;
        pos += 6;
    } else {
        return std::nullopt;  // a time without a zone is ambiguous
    }
    if (pos != s.size())
        return std::nullopt;
    std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(mo)),
                                    std::chrono::day(static_cast<unsigned>(d))};
    if (!ymd.ok() || h > 23 || mi > 59 || se > 60)
        return std::nullopt;
    return Time{std::chrono::sys_days(ymd)} + std::chrono::hours(h) + std::chrono::minutes(mi) +
        std::chrono::seconds(se) - offset;
}

std::string money_string(Money m)
{
    char buf[32];
    const char* sign = m < 0 ? "-" : "";
    long long a = m < 0 ? -m : m;
    std::snprintf(buf, sizeof buf, "%s%lld.%02lld", sign, a / 100, a % 100);
    return buf;
}

Money to_presentment(Money shop_amount, Currency presentment)
{
    if (presentment == Currency::gbp)
        return shop_amount;
    return (shop_amount * 117 + 50) / 100;  // GBP -> EUR at 1.17, rounded half up
}

}  // namespace frr::sim
