// POST /api/metric-aggregates (query_metric_aggregates, api/klaviyo.md §3, §9.10).
// Validates the body (type, metric_id, measurements, interval, timezone, the mandatory
// `greater-or-equal`/`less-than` datetime range of at most one year), then buckets the metric's
// visible events by interval boundaries of the requested IANA zone. Naive datetimes in the
// filter are wall-clock times of that zone; `dates` are the bucket starts in UTC. The counted
// set is exactly what GET /api/events returns for the same metric and window.
#include "handlers.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <date/tz.h>
#include <fmt/format.h>
#include <rapidjson/document.h>

#include "collection.hpp"

namespace frr::sim::klaviyo {

namespace {

enum class Interval { hour, day, week, month };

ApiError body_error(const std::string& detail, const std::string& pointer)
{
    return invalid_input(detail, SourceKind::pointer, pointer);
}

const rapidjson::Value& member(const rapidjson::Value& v, const char* name, const std::string& pointer)
{
    if (!v.IsObject() || !v.HasMember(name)) {
        throw body_error(std::string("'") + name + "' is a required field.", pointer + "/" + name);
    }
    return v[name];
}

// A filter datetime: explicit offsets are honoured; naive wall-clock times belong to the zone.
Instant filter_instant(const FilterValue& v, const date::time_zone* zone)
{
    const std::string& t = v.text;
    const bool has_offset = t.size() > 10 &&
        (t.back() == 'Z' || t.back() == 'z' || t.find_first_of("+-", 11) != std::string::npos);
    if (has_offset)
        return v.time;
    const date::local_time<std::chrono::microseconds> local{v.time.time_since_epoch()};
    return date::zoned_time<std::chrono::microseconds>(zone, local, date::choose::earliest).get_sys_time();
}

// Start of the bucket holding `t`, and of the next one, in the zone's wall clock.
date::local_seconds bucket_floor(date::local_seconds local, Interval interval)
{
    using namespace std::chrono;
    const auto day = floor<days>(local);
    switch (interval) {
    case Interval::hour: return floor<hours>(local);
    case Interval::day: return day;
    case Interval::week: {  // weeks start on Monday
        const date::weekday wd{day};
        return day - days{(wd.c_encoding() + 6) % 7};
    }
    case Interval::month: {
        const date::year_month_day ymd{day};
        return date::local_days{ymd.year() / ymd.month() / 1};
    }
    }
    return day;
}

date::local_seconds bucket_next(date::local_seconds start, Interval interval)
{
    using namespace std::chrono;
    switch (interval) {
    case Interval::hour: return start + hours{1};
    case Interval::day: return start + days{1};
    case Interval::week: return start + days{7};
    case Interval::month: {
        const date::year_month_day ymd{floor<days>(start)};
        return date::local_days{(ymd.year() / ymd.month() + date::months{1}) / 1};
    }
    }
    return start + days{1};
}

}  // namespace

ApiResponse query_metric_aggregates(const ApiRequest& request, const HandlerEnv& env, const std::string& body)
{
    rapidjson::Document doc;
    doc.Parse(body.c_str());
    if (doc.HasParseError() || !doc.IsObject()) {
        throw body_error("The request body is not valid JSON.", "/data");
    }
    const auto& data = member(doc, "data", "");
    const auto& type = member(data, "type", "/data");
    if (!type.IsString() || std::string_view(type.GetString()) != "metric-aggregate") {
        throw body_error("'type' must be 'metric-aggregate'.", "/data/type");
    }
    const auto& attrs = member(data, "attributes", "/data");
    const std::string a = "/data/attributes";
    const auto& metric_id = member(attrs, "metric_id", a);
    if (!metric_id.IsString())
        throw body_error("'metric_id' must be a string.", a + "/metric_id");
    const Index metric = env.store.find_metric(metric_id.GetString());
    if (metric == k_none)
        throw body_error("Metric not found.", a + "/metric_id");

    const auto& measurements = member(attrs, "measurements", a);
    std::set<std::string> wanted;
    if (!measurements.IsArray() || measurements.Empty())
        throw body_error("'measurements' must be a non-empty list.", a + "/measurements");
    for (rapidjson::SizeType i = 0; i < measurements.Size(); ++i) {
        const std::string m = measurements[i].IsString() ? measurements[i].GetString() : "";
        if (m != "count" && m != "sum_value" && m != "unique")
            throw body_error("'" + m + "' is not a valid choice for 'measurements'.",
                             fmt::format("{}/measurements/{}", a, i));
        wanted.insert(m);
    }
    Interval interval = Interval::day;
    if (attrs.HasMember("interval") && !attrs["interval"].IsNull()) {
        const std::string v = attrs["interval"].IsString() ? attrs["interval"].GetString() : "";
        const std::map<std::string, Interval> k_intervals{{"hour", Interval::hour},
                                                          {"day", Interval::day},
                                                          {"week", Interval::week},
                                                          {"month", Interval::month}};
        const auto it = k_intervals.find(v);
        if (it == k_intervals.end())
            throw body_error("'" + v + "' is not a valid choice for 'interval'.", a + "/interval");
        interval = it->second;
    }
    std::string zone_name = "UTC";
    if (attrs.HasMember("timezone") && !attrs["timezone"].IsNull()) {
        zone_name = attrs["timezone"].IsString() ? attrs["timezone"].GetString() : "";
    }
    const date::time_zone* zone = nullptr;
    try {
        // Documented exceptions to the IANA list (case-sensitive lookup).
        if (zone_name != "Factory" && zone_name != "Europe/Kyiv" && zone_name != "Pacific/Kanton")
            zone = date::locate_zone(zone_name);
    } catch (const std::exception&) {
        zone = nullptr;
    }
    if (zone == nullptr)
        throw body_error("'" + zone_name + "' is not a valid timezone.", a + "/timezone");
    // A shifted semantics for `frr doctor` to notice (records.aggregate_days: utc): the zone is
    // accepted and then ignored, days are UTC days.
    if (env.store.aggregates_ignore_timezone)
        zone = date::locate_zone("UTC");
    if (attrs.HasMember("by") && !attrs["by"].IsNull() && !attrs["by"].IsArray())
        throw body_error("'by' must be a list.", a + "/by");

    // The filter list: exactly one greater-or-equal and one less-than on datetime are required.
    const auto& filters = member(attrs, "filter", a);
    if (!filters.IsArray())
        throw body_error("'filter' must be a list.", a + "/filter");
    std::optional<Instant> from;
    std::optional<Instant> until;
    for (rapidjson::SizeType i = 0; i < filters.Size(); ++i) {
        if (!filters[i].IsString())
            throw invalid_filter("filters must be strings");
        for (const auto& c : parse_filter(filters[i].GetString())) {
            if (c.field != "datetime" || c.value.kind != LiteralKind::datetime ||
                (c.op != FilterOp::greater_or_equal && c.op != FilterOp::less_than)) {
                throw invalid_filter(
                    "only greater-or-equal(datetime,..) and less-than(datetime,..) are supported");
            }
            (c.op == FilterOp::greater_or_equal ? from : until) = filter_instant(c.value, zone);
        }
    }
    if (!from || !until)
        throw body_error("A datetime range (greater-or-equal and less-than on datetime) is required.",
                         a + "/filter");
    if (*until <= *from)
        throw body_error("The end of the datetime range must be after its start.", a + "/filter");
    if (*until - *from > std::chrono::days{366})
        throw body_error("The datetime range may not exceed one year.", a + "/filter");

    // Buckets: from the zone-local floor of the start to the end of the range.
    using std::chrono::seconds;
    std::vector<Instant> starts;
    for (auto local = bucket_floor(std::chrono::floor<seconds>(zone->to_local(*from)), interval);;
         local = bucket_next(local, interval)) {
        const Instant start = date::zoned_time<seconds>(zone, local, date::choose::earliest).get_sys_time();
        if (start >= *until)
            break;
        starts.push_back(start);
    }
    std::vector<double> count(starts.size(), 0.0);
    std::vector<Money> sum(starts.size(), 0);  // minor units: exact sums
    std::vector<std::set<Index>> unique(starts.size());
    const auto& events = env.store.events[metric];
    auto first = std::partition_point(events.begin(), events.end(),
                                      [&](const Event& e) { return instant_of(e.datetime) < *from; });
    for (auto it = first; it != events.end() && instant_of(it->datetime) < *until; ++it) {
        if (it->arrival > env.now || it->profile == k_none)
            continue;  // as GET /api/events
        const auto bucket = static_cast<std::size_t>(
            std::upper_bound(starts.begin(), starts.end(), instant_of(it->datetime)) - starts.begin() - 1);
        count[bucket] += 1.0;
        sum[bucket] += it->value;
        unique[bucket].insert(it->profile);
    }

    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    const std::string self = request.origin() + "/api/metric-aggregates" + std::string(request.slash());
    w.StartObject();
    write_key(w, "data");
    w.StartObject();
    write_key(w, "type");
    write_string(w, "metric-aggregate");
    write_key(w, "id");
    write_string(w, error_id(static_cast<std::uint64_t>(from->time_since_epoch().count()) ^ metric));
    write_key(w, "attributes");
    w.StartObject();
    write_key(w, "dates");
    w.StartArray();
    for (const auto& s : starts)
        write_string(w, format_iso8601(s));
    w.EndArray();
    write_key(w, "data");
    w.StartArray();
    w.StartObject();
    write_key(w, "dimensions");
    w.StartArray();
    w.EndArray();
    write_key(w, "measurements");
    w.StartObject();
    for (const auto& m : wanted) {
        write_key(w, m);
        w.StartArray();
        for (std::size_t i = 0; i < starts.size(); ++i) {
            w.Double(m == "count"           ? count[i]
                         : m == "sum_value" ? static_cast<double>(sum[i]) / 100.0
                                            : static_cast<double>(unique[i].size()));
        }
        w.EndArray();
    }
    w.EndObject();
    w.EndObject();
    w.EndArray();
    w.EndObject();
    write_key(w, "links");
    w.StartObject();
    write_key(w, "self");
    write_string(w, self);
    w.EndObject();
    w.EndObject();
    write_key(w, "links");
    w.StartObject();
    write_key(w, "self");
    write_string(w, self);
    w.EndObject();
    w.EndObject();
    return ApiResponse{200, buffer.GetString()};
}

}  // namespace frr::sim::klaviyo
