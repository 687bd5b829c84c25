// Simulator control endpoints under /_sim/ (docs/simulator.md "Control endpoints").
#include <httplib.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <variant>

#include "answer_key.hpp"
#include "routes.hpp"
#include "scenario.hpp"

namespace frr::sim {

namespace {

void json_error(httplib::Response& res, int status, const std::string& message)
{
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    w.StartObject();
    w.Key("error");
    w.String(message.c_str());
    w.EndObject();
    res.status = status;
    res.set_content(buf.GetString(), "application/json");
}

std::string clock_json(Time now)
{
    return "{\"now\":\"" + iso_utc(now) + "\"}";
}

// Reads a time field: ISO-8601 or relative to now ("-1h", "+30m").
std::optional<Time> time_field(const rapidjson::Value& v, Time now)
{
    if (!v.IsString())
        return std::nullopt;
    auto spec = parse_time_spec(v.GetString());
    if (!spec)
        return std::nullopt;
    return spec->resolve(now);
}

// A fault spec from the JSON body of POST /_sim/faults; the error text on failure.
std::variant<FaultSpec, std::string> parse_fault(const rapidjson::Document& d, Time now)
{
    FaultSpec spec;
    if (!d.IsObject())
        return std::string("the body must be a JSON object");
    auto str = [&](const char* k) -> std::string {
        return d.HasMember(k) && d[k].IsString() ? d[k].GetString() : std::string();
    };
    auto platform = parse_platform(str("platform"));
    if (!platform)
        return std::string("platform must be shopify, woocommerce or klaviyo");
    spec.platform = *platform;
    auto kind = parse_fault_kind(str("kind"));
    if (!kind)
        return std::string("unknown fault kind '" + str("kind") + "'");
    spec.fault.kind = *kind;
    spec.endpoint = str("endpoint");
    spec.contains = str("contains");
    if (d.HasMember("status") && d["status"].IsInt())
        spec.fault.status = d["status"].GetInt();
    std::string body = str("body");
    if (body == "html")
        spec.fault.body = BodyKind::html;
    else if (body == "empty")
        spec.fault.body = BodyKind::empty;
    else if (!body.empty() && body != "json")
        return std::string("body must be json, html or empty");
    if (d.HasMember("retry_after") && d["retry_after"].IsBool())
        spec.fault.retry_after = d["retry_after"].GetBool();
    if (d.HasMember("retry_after_seconds") && d["retry_after_seconds"].IsInt())
        spec.fault.retry_after_seconds = d["retry_after_seconds"].GetInt();
    if (d.HasMember("delay_ms") && d["delay_ms"].IsInt())
        spec.fault.delay = std::chrono::milliseconds(d["delay_ms"].GetInt());
    if (d.HasMember("count") && d["count"].IsUint())
        spec.count = d["count"].GetUint();
    if (d.HasMember("fraction") && d["fraction"].IsNumber())
        spec.fraction = d["fraction"].GetDouble();
    if (d.HasMember("from") && !(spec.from = time_field(d["from"], now)))
        return std::string("bad 'from' time");
    if (d.HasMember("until") && !(spec.until = time_field(d["until"], now)))
        return std::string("bad 'until' time");
    if (spec.fault.kind == FaultKind::outage && (!spec.from || !spec.until))
        return std::string("an outage needs 'from' and 'until'");
    return spec;
}

void handle_clock_post(const httplib::Request& req, httplib::Response& res, SimContext& ctx)
{
    rapidjson::Document d;
    d.Parse(req.body.c_str());
    if (d.HasParseError() || !d.IsObject())
        return json_error(res, 400, "the body must be a JSON object");
    if (d.HasMember("advance_seconds") && d["advance_seconds"].IsInt64()) {
        ctx.clock().advance(std::chrono::seconds(d["advance_seconds"].GetInt64()));
    } else if (d.HasMember("now") && d["now"].IsString()) {
        auto t = parse_iso(d["now"].GetString());
        if (!t)
            return json_error(res, 400, "now must be ISO-8601 with a zone");
        ctx.clock().set(*t);
    } else {
        return json_error(res, 400, "give {\"advance_seconds\": N} or {\"now\": \"ISO-8601\"}");
    }
    res.set_content(clock_json(ctx.now()), "application/json");
}

std::string stats_json(const SimContext& ctx)
{
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    w.StartObject();
    // The store's platform (the one this world is served as), then Klaviyo.
    const Platform store =
        ctx.store().source == SourcePlatform::woocommerce ? Platform::woocommerce : Platform::shopify;
    for (Platform p : {store, Platform::klaviyo}) {
        PlatformStats s = ctx.stats(p);
        w.Key(std::string(platform_name(p)).c_str());
        w.StartObject();
        w.Key("requests");
        w.Uint64(s.requests);
        w.Key("throttled");
        w.Uint64(s.throttled);
        w.Key("limited");
        w.Uint64(s.limited);
        w.Key("faults");
        w.Uint64(s.faults);
        if (p == Platform::klaviyo) {
            w.Key("operations");
            w.StartObject();
            for (const auto& [operation, n] : ctx.operations()) {
                w.Key(operation.c_str());
                w.Uint64(n);
            }
            w.EndObject();
        }
        w.EndObject();
    }
    w.EndObject();
    return buf.GetString();
}

// ?window=24h&grace=1h overrides of the scenario's answer-key settings.
std::optional<AnswerKeyConfig> overrides(const httplib::Request& req, AnswerKeyConfig c, std::string& error)
{
    for (const auto& [name, field] : {std::pair{"window", &c.window}, std::pair{"grace", &c.grace},
                                      std::pair{"stall_after", &c.stall_after}}) {
        if (!req.has_param(name))
            continue;
        auto d = parse_duration(req.get_param_value(name));
        if (!d) {
            error = std::string(name) + " must be a duration like 24h or 90m";
            return std::nullopt;
        }
        *field = *d;
    }
    return c;
}

}  // namespace

void register_control_routes(httplib::Server& server, SimContext& ctx)
{
    server.Get("/_sim/answer-key", [&ctx](const httplib::Request& req, httplib::Response& res) {
        std::string error;
        auto config = overrides(req, ctx.answer_key_config(), error);
        if (!config)
            return json_error(res, 400, error);
        Time now = ctx.now();
        if (req.has_param("as_of")) {
            auto t = parse_iso(req.get_param_value("as_of"));
            if (!t)
                return json_error(res, 400, "as_of must be ISO-8601 with a zone");
            now = *t;
        }
        res.set_content(answer_key_json(ctx.store(), now, *config), "application/json");
    });
    server.Get("/_sim/ground-truth", [&ctx](const httplib::Request& req, httplib::Response& res) {
        Time now = ctx.now();
        Time since = now - ctx.answer_key_config().window;
        Time until = now;
        for (const auto& [name, field] : {std::pair{"since", &since}, std::pair{"until", &until}}) {
            if (!req.has_param(name))
                continue;
            auto t = parse_iso(req.get_param_value(name));
            if (!t)
                return json_error(res, 400, std::string(name) + " must be ISO-8601 with a zone");
            *field = *t;
        }
        res.set_content(ground_truth_json(ctx.store(), now, since, until), "application/json");
    });
    server.Get("/_sim/clock", [&ctx](const httplib::Request&, httplib::Response& res) {
        res.set_content(clock_json(ctx.now()), "application/json");
    });
    server.Post("/_sim/clock", [&ctx](const httplib::Request& req, httplib::Response& res) {
        handle_clock_post(req, res, ctx);
    });
    server.Post("/_sim/faults", [&ctx](const httplib::Request& req, httplib::Response& res) {
        rapidjson::Document d;
        d.Parse(req.body.c_str());
        if (d.HasParseError())
            return json_error(res, 400, "the body is not JSON");
        auto parsed = parse_fault(d, ctx.now());
        if (auto* err = std::get_if<std::string>(&parsed))
            return json_error(res, 400, *err);
        ctx.faults().add(std::get<FaultSpec>(parsed));
        res.set_content("{\"active\":" + std::to_string(ctx.faults().active().size()) + "}",
                        "application/json");
    });
    server.Delete("/_sim/faults", [&ctx](const httplib::Request&, httplib::Response& res) {
        ctx.faults().clear();
        res.set_content("{\"active\":0}", "application/json");
    });
    server.Get("/_sim/stats", [&ctx](const httplib::Request&, httplib::Response& res) {
        res.set_content(stats_json(ctx), "application/json");
    });
}

}  // namespace frr::sim
