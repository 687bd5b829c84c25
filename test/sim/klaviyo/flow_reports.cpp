// POST /api/flow-series-reports (query_flow_series; the Reporting API, 1/s 2/m 225/d).
// Validates the body as the 2026-07-15 spec declares it (type, statistics, timeframe, interval,
// the required conversion_metric_id, group_by with flow_id and flow_message_id), then reports
// each flow message's statistics per bucket of the account's time zone (the shop's). A custom
// timeframe's offsets are ignored and its wall-clock times read in that zone, as documented.
// Recipients come from flow_model.cpp (the triggers that reached Klaviyo); delivered is
// recipients less one bounce in forty. Rows whose every value is zero are left out.
// What the simulator does not model (other statistics, intervals than daily, most predefined
// timeframes, filters other than equals on flow_id / flow_message_id / send_channel) is a 400
// that says so, never a silent zero.
#include "handlers.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <date/tz.h>
#include <rapidjson/document.h>

#include "../flow_model.hpp"
#include "../generator.hpp"
#include "collection.hpp"

namespace frr::sim::klaviyo {

namespace {

const std::set<std::string> k_statistics = {"average_order_value",
                                            "bounce_rate",
                                            "bounced",
                                            "bounced_or_failed",
                                            "bounced_or_failed_rate",
                                            "click_rate",
                                            "click_to_open_rate",
                                            "clicks",
                                            "clicks_unique",
                                            "conversion_rate",
                                            "conversion_uniques",
                                            "conversion_value",
                                            "conversions",
                                            "delivered",
                                            "delivery_rate",
                                            "failed",
                                            "failed_rate",
                                            "message_segment_count_sum",
                                            "open_rate",
                                            "opens",
                                            "opens_unique",
                                            "recipients",
                                            "revenue_per_recipient",
                                            "spam_complaint_rate",
                                            "spam_complaints",
                                            "text_message_credit_usage_amount",
                                            "text_message_roi",
                                            "text_message_spend",
                                            "unsubscribe_rate",
                                            "unsubscribe_uniques",
                                            "unsubscribes"};
const std::set<std::string> k_modelled = {"recipients", "delivered", "bounced", "delivery_rate",
                                          "bounce_rate"};
const std::set<std::string> k_group_by = {
    "flow_id", "flow_message_id", "flow_message_name",   "flow_name", "send_channel",
    "tag_id",  "tag_name",        "text_message_format", "variation", "variation_name"};
const std::set<std::string> k_timeframe_keys = {
    "last_12_months", "last_30_days", "last_365_days", "last_3_months", "last_7_days",
    "last_90_days",   "last_month",   "last_week",     "last_year",     "this_month",
    "this_week",      "this_year",    "today",         "yesterday"};
const std::set<std::string> k_attributes = {"statistics",           "timeframe", "interval",
                                            "conversion_metric_id", "group_by",  "filter"};

ApiError body_error(const std::string& detail, const std::string& pointer)
{
    return invalid_input(detail, SourceKind::pointer, pointer);
}

const rapidjson::Value& member(const rapidjson::Value& v, const char* name, const std::string& pointer)
{
    if (!v.IsObject() || !v.HasMember(name))
        throw body_error(std::string("'") + name + "' is a required field.", pointer + "/" + name);
    return v[name];
}

// "2026-10-12T00:00:00+01:00" read as the wall clock of `zone` (the offset is ignored).
Time wall_clock(const rapidjson::Value& v, const date::time_zone* zone, const std::string& pointer)
{
    const std::string text = v.IsString() ? v.GetString() : "";
    const auto parsed = text.size() >= 19 ? parse_iso8601(text.substr(0, 19)) : std::nullopt;
    if (!parsed)
        throw body_error("'" + text + "' is not a valid datetime.", pointer);
    const date::local_seconds local{std::chrono::floor<std::chrono::seconds>(parsed->time_since_epoch())};
    return date::zoned_time<std::chrono::seconds>(zone, local, date::choose::earliest).get_sys_time();
}

struct Timeframe {
    Time start;
    Time end;
};

Timeframe read_timeframe(const rapidjson::Value& v, const date::time_zone* zone, const Store& store, Time now,
                         const std::string& pointer)
{
    if (!v.IsObject())
        throw body_error("'timeframe' must be an object.", pointer);
    if (v.HasMember("key")) {
        const std::string key = v["key"].IsString() ? v["key"].GetString() : "";
        if (!k_timeframe_keys.count(key))
            throw body_error("'" + key + "' is not a valid choice for 'key'.", pointer + "/key");
        const Time today = local_day_start(store.shop.timezone, now);
        if (key == "today")
            return {today, now};
        if (key == "yesterday")
            return {local_day_start(store.shop.timezone, today - std::chrono::hours(12)), today};
        if (key == "last_7_days" || key == "last_30_days") {
            Time start = today;
            for (int d = key == "last_7_days" ? 7 : 30; d > 0; --d)
                start = local_day_start(store.shop.timezone, start - std::chrono::hours(12));
            return {start, today};
        }
        throw body_error("frr-sim does not model the timeframe '" + key +
                             "'; use today, yesterday, last_7_days, last_30_days or start and end.",
                         pointer + "/key");
    }
    const Time start = wall_clock(member(v, "start", pointer), zone, pointer + "/start");
    const Time end = wall_clock(member(v, "end", pointer), zone, pointer + "/end");
    if (end <= start)
        throw body_error("The end of the timeframe must be after its start.", pointer + "/end");
    return {start, end};
}

// Only equals(...) on the scalar attributes the simulator groups by.
std::map<std::string, std::string> read_filter(const rapidjson::Value& v, const std::string& pointer)
{
    std::map<std::string, std::string> out;
    if (v.IsNull())
        return out;
    if (!v.IsString())
        throw body_error("'filter' must be a string.", pointer);
    for (const FilterCondition& c : parse_filter(v.GetString())) {
        if (c.op != FilterOp::equals || c.value.kind != LiteralKind::string ||
            (c.field != "flow_id" && c.field != "flow_message_id" && c.field != "send_channel"))
            throw body_error("frr-sim models only equals() on flow_id, flow_message_id and send_channel in "
                             "a flow report filter.",
                             pointer);
        if (out.count(c.field))
            throw body_error("Only one filter can be used per attribute.", pointer);
        out[c.field] = c.value.text;
    }
    return out;
}

std::string local_midnight_text(const date::time_zone* zone, Time t)
{
    return date::format("%FT%T%Ez", date::make_zoned(zone, t));
}

double statistic(const std::string& name, std::int64_t recipients)
{
    const std::int64_t bounced = recipients / 40;
    const std::int64_t delivered = recipients - bounced;
    if (name == "recipients")
        return static_cast<double>(recipients);
    if (name == "delivered")
        return static_cast<double>(delivered);
    if (name == "bounced")
        return static_cast<double>(bounced);
    if (recipients == 0)
        return 0.0;
    return static_cast<double>(name == "delivery_rate" ? delivered : bounced) /
        static_cast<double>(recipients);
}

}  // namespace

ApiResponse query_flow_series(const ApiRequest& request, const HandlerEnv& env, const std::string& body)
{
    const Store& store = env.store;
    rapidjson::Document doc;
    doc.Parse(body.c_str());
    if (doc.HasParseError() || !doc.IsObject())
        throw body_error("The request body is not valid JSON.", "/data");
    const auto& data = member(doc, "data", "");
    const auto& type = member(data, "type", "/data");
    if (!type.IsString() || std::string_view(type.GetString()) != "flow-series-report")
        throw body_error("'type' must be 'flow-series-report'.", "/data/type");
    const std::string a = "/data/attributes";
    const auto& attrs = member(data, "attributes", "/data");
    if (!attrs.IsObject())
        throw body_error("'attributes' must be an object.", a);
    for (const auto& m : attrs.GetObject())
        if (!k_attributes.count(m.name.GetString()))
            throw body_error(std::string("'") + m.name.GetString() + "' is not a valid field.",
                             a + "/" + m.name.GetString());

    const auto& stats = member(attrs, "statistics", a);
    std::vector<std::string> wanted;
    if (!stats.IsArray() || stats.Empty())
        throw body_error("'statistics' must be a non-empty list.", a + "/statistics");
    for (rapidjson::SizeType i = 0; i < stats.Size(); ++i) {
        const std::string s = stats[i].IsString() ? stats[i].GetString() : "";
        const std::string where = a + "/statistics/" + std::to_string(i);
        if (!k_statistics.count(s))
            throw body_error("'" + s + "' is not a valid choice for 'statistics'.", where);
        if (!k_modelled.count(s))
            throw body_error("frr-sim does not model the statistic '" + s + "'.", where);
        wanted.push_back(s);
    }
    const auto& interval = member(attrs, "interval", a);
    const std::string interval_text = interval.IsString() ? interval.GetString() : "";
    if (interval_text != "daily" && interval_text != "hourly" && interval_text != "weekly" &&
        interval_text != "monthly")
        throw body_error("'" + interval_text + "' is not a valid choice for 'interval'.", a + "/interval");
    if (interval_text != "daily")
        throw body_error("frr-sim models only the daily interval.", a + "/interval");
    // The conversion metric is required even when no conversion statistic is asked for.
    const auto& conversion = member(attrs, "conversion_metric_id", a);
    if (!conversion.IsString() || store.find_metric(conversion.GetString()) == k_none)
        throw body_error("'conversion_metric_id' must be the id of a metric in this account.",
                         a + "/conversion_metric_id");
    std::vector<std::string> group_by = {"flow_id", "flow_message_id", "send_channel"};
    if (attrs.HasMember("group_by") && !attrs["group_by"].IsNull()) {
        const auto& g = attrs["group_by"];
        if (!g.IsArray())
            throw body_error("'group_by' must be a list.", a + "/group_by");
        group_by.clear();
        for (rapidjson::SizeType i = 0; i < g.Size(); ++i) {
            const std::string v = g[i].IsString() ? g[i].GetString() : "";
            if (!k_group_by.count(v))
                throw body_error("'" + v + "' is not a valid choice for 'group_by'.",
                                 a + "/group_by/" + std::to_string(i));
            group_by.push_back(v);
        }
        for (const char* required : {"flow_id", "flow_message_id"})
            if (std::find(group_by.begin(), group_by.end(), required) == group_by.end())
                throw body_error(std::string("'") + required + "' is a required group by.", a + "/group_by");
    }
    const auto filter = attrs.HasMember("filter") ? read_filter(attrs["filter"], a + "/filter")
                                                  : std::map<std::string, std::string>{};

    const date::time_zone* zone = date::locate_zone(store.shop.timezone);
    const Timeframe tf =
        read_timeframe(member(attrs, "timeframe", a), zone, store, env.now, a + "/timeframe");
    if (tf.end - tf.start > std::chrono::days(60))
        throw body_error("With the daily interval the timeframe cannot be longer than 60 days.",
                         a + "/timeframe");
    const std::vector<Time> bounds = local_day_bounds(store.shop.timezone, tf.start, tf.end);

    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    std::vector<std::string> flow_ids;
    std::vector<std::string> message_ids;
    w.StartObject();
    write_key(w, "data");
    w.StartObject();
    write_key(w, "type");
    write_string(w, "flow-series-report");
    write_key(w, "attributes");
    w.StartObject();
    write_key(w, "results");
    w.StartArray();
    for (Index i = 0; i < store.flows.size(); ++i) {
        const Flow& f = store.flows[i];
        if (!store.flow_exists_at(f, env.now) || (filter.count("flow_id") && filter.at("flow_id") != f.id) ||
            (filter.count("send_channel") && filter.at("send_channel") != "email"))
            continue;
        const FlowDays days = flow_days(store, i, bounds, env.now);
        for (std::size_t m = 0; m < f.messages.size(); ++m) {
            const auto& per_day = days.recipients[m];
            if (std::all_of(per_day.begin(), per_day.end(), [](std::int64_t n) { return n == 0; }))
                continue;
            if (filter.count("flow_message_id") && filter.at("flow_message_id") != f.messages[m].id)
                continue;
            w.StartObject();
            write_key(w, "groupings");
            w.StartObject();
            for (const std::string& g : group_by) {
                write_key(w, g);
                if (g == "flow_id")
                    write_string(w, f.id);
                else if (g == "flow_message_id")
                    write_string(w, f.messages[m].id);
                else if (g == "flow_name")
                    write_string(w, f.name);
                else if (g == "flow_message_name")
                    write_string(w, f.name + ": Email " + std::to_string(m + 1));
                else if (g == "send_channel")
                    write_string(w, "email");
                else if (g == "text_message_format" || g == "tag_id" || g == "tag_name")
                    w.Null();
                else
                    write_string(w, g == "variation" ? f.messages[m].id : "Original");
            }
            w.EndObject();
            write_key(w, "statistics");
            w.StartObject();
            for (const std::string& s : wanted) {
                write_key(w, s);
                w.StartArray();
                for (const std::int64_t n : per_day)
                    w.Double(statistic(s, n));
                w.EndArray();
            }
            w.EndObject();
            w.EndObject();
            if (flow_ids.empty() || flow_ids.back() != f.id)
                flow_ids.push_back(f.id);
            message_ids.push_back(f.messages[m].id);
        }
    }
    w.EndArray();
    write_key(w, "date_times");
    w.StartArray();
    for (std::size_t d = 0; d + 1 < bounds.size(); ++d)
        write_string(w, local_midnight_text(zone, bounds[d]));
    w.EndArray();
    w.EndObject();
    write_key(w, "relationships");
    w.StartObject();
    for (const auto& [rel, type_name, ids] : {std::tuple{"flows", "flow", &flow_ids},
                                              std::tuple{"flow-messages", "flow-message", &message_ids}}) {
        write_key(w, rel);
        w.StartObject();
        write_key(w, "data");
        w.StartArray();
        for (const auto& id : *ids) {
            w.StartObject();
            write_key(w, "type");
            write_string(w, type_name);
            write_key(w, "id");
            write_string(w, id);
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
    }
    w.EndObject();
    w.EndObject();
    const std::string self = request.origin() + "/api/flow-series-reports" + std::string(request.slash());
    write_key(w, "links");
    w.StartObject();
    write_key(w, "self");
    write_string(w, self);
    w.EndObject();
    w.EndObject();
    return ApiResponse{200, buffer.GetString()};
}

}  // namespace frr::sim::klaviyo
