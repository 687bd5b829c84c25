#include "connectors/klaviyo/flow_fetch.hpp"

#include "connectors/json_access.hpp"
#include "connectors/klaviyo/klaviyo_source.hpp"
#include "connectors/klaviyo/records.hpp"
#include "connectors/klaviyo/routes.hpp"
#include "core/time.hpp"
#include "text/email_identity.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>

namespace frr::connectors::klaviyo {

namespace {

// Profiles looked up per request (the email filter's and the page's maximum).
constexpr std::size_t k_email_batch = 100;

model::Flow parse_flow(const rapidjson::Value& resource)
{
    const auto* a = member(&resource, "attributes");
    model::Flow f;
    f.id = text(member(&resource, "id"));
    f.name = text(member(a, "name"));
    f.status_text = text(member(a, "status"));
    f.status = model::flow_status_from(f.status_text);
    f.archived = truthy(member(a, "archived"));
    f.trigger_type = text(member(a, "trigger_type"));
    f.created_at = time_value(member(a, "created")).value_or(core::TimePoint{});
    f.updated_at = time_value(member(a, "updated")).value_or(f.created_at);
    return f;
}

// The ids in a relationships document's data[].
std::vector<std::string> related_ids(const rapidjson::Document& doc)
{
    std::vector<std::string> out;
    if (const auto* data = member(&doc, "data"); data && data->IsArray())
        for (const auto& r : data->GetArray())
            out.push_back(text(member(&r, "id")));
    return out;
}

// A report date: the calendar date when the bucket starts at midnight (whatever offset Klaviyo
// writes), else the instant's local date.
std::string report_date(const std::string& raw, const std::string& timezone)
{
    if (raw.size() >= 19 && raw.compare(10, 9, "T00:00:00") == 0)
        return raw.substr(0, 10);
    auto t = core::parse_iso8601(raw);
    return t ? core::local_date(*t, timezone) : std::string();
}

std::string joins_filter(core::TimePoint from, core::TimePoint until)
{
    return fmt::format("greater-or-equal(joined_group_at,{}),less-than(joined_group_at,{})",
                       core::format_iso8601(from), core::format_iso8601(until));
}

}  // namespace

std::string flow_report_body(core::TimePoint from, core::TimePoint until, const std::string& timezone,
                             const std::string& conversion_metric_id)
{
    return fmt::format(
        R"J({{"data":{{"type":"flow-series-report","attributes":{{"statistics":["recipients","delivered"],)J"
        R"J("timeframe":{{"start":{},"end":{}}},"interval":"daily","conversion_metric_id":{},)J"
        R"J("group_by":["flow_id","flow_message_id","send_channel"]}}}}}})J",
        json_string(core::format_local_iso8601(from, timezone)),
        json_string(core::format_local_iso8601(until, timezone)), json_string(conversion_metric_id));
}

std::vector<model::FlowMessageDay> parse_flow_report(const rapidjson::Document& doc,
                                                     const std::string& timezone, bool& paged)
{
    std::vector<model::FlowMessageDay> out;
    paged = !text(path(&doc, {"links", "next"})).empty();
    const auto* attributes = path(&doc, {"data", "attributes"});
    const auto* dates = member(attributes, "date_times");
    const auto* results = member(attributes, "results");
    if (dates == nullptr || !dates->IsArray() || results == nullptr || !results->IsArray())
        return out;
    std::vector<std::string> days;
    for (const auto& d : dates->GetArray())
        days.push_back(report_date(text(&d), timezone));
    for (const auto& row : results->GetArray()) {
        const auto* groupings = member(&row, "groupings");
        const auto* recipients = path(&row, {"statistics", "recipients"});
        if (recipients == nullptr || !recipients->IsArray())
            continue;
        for (rapidjson::SizeType i = 0; i < recipients->Size() && i < days.size(); ++i) {
            const auto n = number(&(*recipients)[i]);
            // A count past int64's range is not a count (and would not convert).
            if (!n || *n <= 0 || *n >= 9.2e18 || days[i].empty())
                continue;
            out.push_back({text(member(groupings, "flow_id")), text(member(groupings, "flow_message_id")),
                           text(member(groupings, "send_channel")), days[i],
                           static_cast<std::int64_t>(*n + 0.5)});
        }
    }
    return out;
}

FlowFetcher::FlowFetcher(JsonApiClient& client, const model::EmailHasher& hasher, FlowFailure failure,
                         FlowShortfall shortfall)
    : m_client(client),
      m_hasher(hasher),
      m_failure(std::move(failure)),
      m_shortfall(std::move(shortfall))
{
}

void FlowFetcher::fetch_flows(const std::vector<model::Metric>& metrics, std::vector<model::Flow>& flows)
{
    auto r = m_client.get_all("/api/flows" + query_string({{"page[size]", "50"}}), route::flows,
                              [&](const rapidjson::Value& resource) {
                                  auto f = parse_flow(resource);
                                  if (!f.id.empty())
                                      flows.push_back(std::move(f));
                              });
    if (!r.complete())
        return m_failure("flows", r.status, r.error);
    for (const auto& m : metrics) {
        if (m.kind == model::EventKind::other)
            continue;
        auto reply = m_client.get(fmt::format("/api/metrics/{}/relationships/flow-triggers", m.id),
                                  route::metric_triggers);
        if (reply.status != ReplyStatus::ok)
            return m_failure("flows", reply.status,
                             fmt::format("flows triggered by {}: {}", m.name, reply.error));
        for (const auto& id : related_ids(reply.doc))
            for (auto& f : flows)
                if (f.id == id) {
                    f.trigger = model::TriggerKind::metric;
                    f.trigger_id = m.id;
                    f.trigger_name = m.name;
                }
    }
}

std::vector<FlowFetcher::Audience> FlowFetcher::audiences(bool segments)
{
    std::vector<Audience> out;
    auto r =
        m_client.get_all(segments ? "/api/segments" : "/api/lists", segments ? route::segments : route::lists,
                         [&](const rapidjson::Value& resource) {
                             out.push_back({text(member(&resource, "id")),
                                            text(path(&resource, {"attributes", "name"})), segments});
                         });
    if (!r.complete())
        m_failure("flows", r.status, fmt::format("{}: {}", segments ? "segments" : "lists", r.error));
    return out;
}

// Flows still unmapped whose trigger is not a metric (a list, a segment) are looked up in each
// list's, then each segment's, flow-trigger relationship. `lists` receives the account's lists.
void FlowFetcher::map_audience_triggers(std::vector<model::Flow>& flows, std::vector<Audience>& lists)
{
    auto unmapped = [&] {
        return std::any_of(flows.begin(), flows.end(), [](const model::Flow& f) {
            return f.trigger == model::TriggerKind::none && f.trigger_type != "Metric" &&
                f.trigger_type != "Date Based" && f.trigger_type != "Unconfigured";
        });
    };
    lists = audiences(false);
    if (!unmapped())
        return;
    for (bool segments : {false, true}) {
        if (!unmapped())
            return;
        const auto candidates = segments ? audiences(true) : lists;
        for (const auto& a : candidates) {
            auto reply = m_client.get(
                fmt::format("/api/{}/{}/relationships/flow-triggers", segments ? "segments" : "lists", a.id),
                segments ? route::segment_triggers : route::list_triggers);
            if (reply.status != ReplyStatus::ok)
                return m_failure("flows", reply.status,
                                 fmt::format("flows triggered by {} {}: {}", segments ? "segment" : "list",
                                             a.id, reply.error));
            for (const auto& id : related_ids(reply.doc))
                for (auto& f : flows)
                    if (f.id == id && f.trigger == model::TriggerKind::none) {
                        f.trigger = segments ? model::TriggerKind::segment : model::TriggerKind::list;
                        f.trigger_id = a.id;
                        f.trigger_name = a.name;
                    }
        }
    }
}

// Each live flow's trigger counted per local date: a metric's events from the metric
// aggregates, a list's or segment's joins from its members' joined_group_at.
void FlowFetcher::count_triggers(const FlowWindow& window, const std::vector<model::Flow>& flows,
                                 std::vector<model::TriggerDay>& out)
{
    std::set<std::pair<model::TriggerKind, std::string>> done;
    const std::set<std::string> wanted(window.dates.begin(), window.dates.end());
    for (const auto& f : flows) {
        if (!f.live() || f.trigger == model::TriggerKind::none ||
            !done.insert({f.trigger, f.trigger_id}).second)
            continue;
        if (f.trigger == model::TriggerKind::metric) {
            auto reply = m_client.post(
                "/api/metric-aggregates",
                daily_aggregate_body(f.trigger_id, window.days_from, window.until, window.timezone),
                route::aggregates);
            if (reply.status != ReplyStatus::ok)
                return m_failure("flow_triggers", reply.status,
                                 fmt::format("daily {}: {}", f.trigger_name, reply.error));
            for (const auto& d : parse_daily_counts(reply.doc, window.timezone))
                if (wanted.count(d.date))
                    out.push_back({f.trigger_id, d.date, d.count});
            continue;
        }
        const bool segment = f.trigger == model::TriggerKind::segment;
        std::map<std::string, std::int64_t> per_day;
        std::set<std::string> joiners;
        auto r = m_client.get_all(
            fmt::format("/api/{}/{}/profiles", segment ? "segments" : "lists", f.trigger_id) +
                query_string({{"filter", joins_filter(window.days_from, window.until)},
                              {"fields[profile]", "email,joined_group_at"},
                              {"page[size]", "100"}}),
            segment ? route::segment_members : route::list_members, [&](const rapidjson::Value& p) {
                if (auto t = time_value(path(&p, {"attributes", "joined_group_at"})))
                    ++per_day[core::local_date(*t, window.timezone)];
                joiners.insert(
                    m_hasher.hash(model::normalize_email(text(path(&p, {"attributes", "email"})))));
            });
        if (!r.complete())
            return m_failure("flow_triggers", r.status,
                             fmt::format("joins of {}: {}", f.trigger_name, r.error));
        if (!segment)
            m_joiners[f.trigger_id] = std::move(joiners);
        for (const auto& date : window.dates)
            out.push_back({f.trigger_id, date, per_day.count(date) ? per_day[date] : 0});
    }
}

// The members of a list among `emails` (normalised), hashed; `ok` false when a page failed.
std::vector<std::string> FlowFetcher::members_among(const std::string& list_id,
                                                    const std::vector<std::string>& emails, bool& ok)
{
    std::vector<std::string> out;
    // Each identity under every spelling Klaviyo may hold it by (as for the profile lookup).
    std::vector<std::string> forms;
    for (const auto& identity : emails)
        for (auto& form : text::email_lookup_forms(identity))
            if (form.find('"') == std::string::npos && form.find('\\') == std::string::npos)
                forms.push_back(std::move(form));
    for (std::size_t i = 0; i < forms.size() && ok; i += k_email_batch) {
        std::vector<std::string> batch(
            forms.begin() + static_cast<std::ptrdiff_t>(i),
            forms.begin() + static_cast<std::ptrdiff_t>(std::min(forms.size(), i + k_email_batch)));
        auto r = m_client.get_all(
            fmt::format("/api/lists/{}/profiles", list_id) +
                query_string(
                    {{"filter", email_filter(batch)}, {"fields[profile]", "email"}, {"page[size]", "100"}}),
            route::list_members, [&](const rapidjson::Value& p) {
                out.push_back(m_hasher.hash(model::normalize_email(text(path(&p, {"attributes", "email"})))));
            });
        if (!r.complete()) {
            ok = false;
            m_failure("subscriber_list", r.status, fmt::format("members of list {}: {}", list_id, r.error));
        }
    }
    return out;
}

// Configured, or discovered: among the lists that trigger flows (the Welcome Series starts on
// the list the integration fills), the one holding most of the window's new subscribers.
void FlowFetcher::find_subscriber_list(const FlowWindow& window, const model::WindowEmails& emails,
                                       const std::vector<model::Flow>& flows,
                                       const std::vector<Audience>& lists, model::SubscriberList& out)
{
    std::vector<std::string> subscribers = emails.new_subscribers;
    std::sort(subscribers.begin(), subscribers.end());
    subscribers.erase(std::unique(subscribers.begin(), subscribers.end()), subscribers.end());
    std::erase_if(subscribers,
                  [](const std::string& e) { return e.empty() || e.find('"') != std::string::npos; });
    for (const auto& e : subscribers)
        out.checked.push_back(m_hasher.hash(e));
    std::vector<std::string> candidates;
    if (!window.subscriber_list.empty()) {
        candidates.push_back(window.subscriber_list);
        out.found_by = "configured";
    } else {
        for (const auto& f : flows)
            if (f.trigger == model::TriggerKind::list &&
                std::find(candidates.begin(), candidates.end(), f.trigger_id) == candidates.end())
                candidates.push_back(f.trigger_id);
        std::sort(candidates.begin(), candidates.end());
        out.found_by = candidates.empty() ? "" : "discovered";
    }
    if (candidates.empty())
        return;
    std::size_t best = 0;
    std::vector<std::string> best_members;
    bool ok = true;
    for (std::size_t i = 0; i < candidates.size() && ok; ++i) {
        auto members = members_among(candidates[i], subscribers, ok);
        if (i == 0 || members.size() > best_members.size()) {
            best = i;
            best_members = std::move(members);
        }
    }
    if (!ok)
        return;
    out.id = candidates[best];
    for (const auto& l : lists)
        if (l.id == out.id)
            out.name = l.name;
    out.members = std::move(best_members);
    check_by_profile(window, out);
}

const std::set<std::string>* FlowFetcher::recent_joiners(const FlowWindow& window, const std::string& list_id)
{
    if (auto found = m_joiners.find(list_id); found != m_joiners.end())
        return &found->second;
    std::set<std::string> joiners;
    auto r = m_client.get_all(
        fmt::format("/api/lists/{}/profiles", list_id) +
            query_string({{"filter", joins_filter(window.days_from, window.until)},
                          {"fields[profile]", "email"},
                          {"page[size]", "100"}}),
        route::list_members, [&](const rapidjson::Value& p) {
            joiners.insert(m_hasher.hash(model::normalize_email(text(path(&p, {"attributes", "email"})))));
        });
    if (!r.complete()) {
        m_failure("subscriber_list", r.status,
                  fmt::format("recent members of list {}: {}", list_id, r.error));
        return nullptr;
    }
    return &(m_joiners[list_id] = std::move(joiners));
}

// New subscribers reused from the previous run have no email to look up: one who joined the list
// since the flow days began is on it; any other is asked about by profile (a subscriber already
// on the list before opting in again, or one missing from it), one request each.
void FlowFetcher::check_by_profile(const FlowWindow& window, model::SubscriberList& out)
{
    if (window.subscriber_profiles.empty())
        return;
    const auto* joiners = recent_joiners(window, out.id);
    if (!joiners)
        return;
    for (const auto& [hash, profile] : window.subscriber_profiles) {
        if (std::find(out.checked.begin(), out.checked.end(), hash) != out.checked.end())
            continue;
        bool member = joiners->count(hash) > 0;
        if (!member) {
            auto reply = m_client.get(fmt::format("/api/profiles/{}/relationships/lists", profile),
                                      route::profile_lists);
            if (reply.status != ReplyStatus::ok)
                return m_failure("subscriber_list", reply.status,
                                 fmt::format("lists of profile {}: {}", profile, reply.error));
            const auto lists_of_profile = related_ids(reply.doc);
            member =
                std::find(lists_of_profile.begin(), lists_of_profile.end(), out.id) != lists_of_profile.end();
        }
        out.checked.push_back(hash);
        if (member)
            out.members.push_back(hash);
    }
}

void FlowFetcher::fetch_report(const FlowWindow& window, const std::string& placed_order_metric,
                               std::vector<model::FlowMessageDay>& out)
{
    if (placed_order_metric.empty())
        return m_failure("flow_report", ReplyStatus::failed,
                         "no Placed Order metric of the store's integration to give the Reporting API as its "
                         "conversion metric");
    auto reply =
        m_client.post("/api/flow-series-reports",
                      flow_report_body(window.days_from, window.until, window.timezone, placed_order_metric),
                      route::flow_report);
    // The account's Reporting API quota (225 a day) is shared with every app it uses: a 429 is no
    // fault of this fetch. The next run asks again.
    if (reply.http_status == 429)
        return m_shortfall("flow_report",
                           fmt::format("the Reporting API's limit was reached (1/s, 2/m, 225 a day "
                                       "per account; {}): the flows' sends are checked next run",
                                       reply.error));
    if (reply.status != ReplyStatus::ok)
        return m_failure("flow_report", reply.status, reply.error);
    bool paged = false;
    out = parse_flow_report(reply.doc, window.timezone, paged);
    if (paged)
        m_failure("flow_report", ReplyStatus::failed,
                  "the flow report has a further page; frr asks the Reporting API once per run");
}

void FlowFetcher::fetch_rest(const FlowWindow& window, const model::WindowEmails& emails,
                             const std::vector<model::Metric>& metrics, model::DestinationData& data)
{
    std::vector<Audience> lists;
    map_audience_triggers(data.flows, lists);
    count_triggers(window, data.flows, data.trigger_days);
    find_subscriber_list(window, emails, data.flows, lists, data.subscriber_list);
    std::string placed_order;
    for (const auto& m : metrics)
        if (m.kind == model::EventKind::placed_order)
            placed_order = m.id;
    if (!data.flows.empty())
        fetch_report(window, placed_order, data.flow_report);
}

}  // namespace frr::connectors::klaviyo
