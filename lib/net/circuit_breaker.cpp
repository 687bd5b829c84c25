#include "net/circuit_breaker.hpp"

#include "text/json_writer.hpp"

#include "core/error.hpp"
#include "core/time.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

namespace frr::net {

namespace {

using Writer = text::Utf8Writer<rapidjson::Writer<rapidjson::StringBuffer>>;

void write_time(Writer& w, const char* key, const std::optional<core::TimePoint>& t)
{
    w.Key(key);
    if (t)
        w.String(core::format_iso8601(*t).c_str());
    else
        w.Null();
}

std::optional<BreakerState> state_from_name(std::string_view name)
{
    for (auto s : {BreakerState::closed, BreakerState::open, BreakerState::half_open})
        if (name == breaker_state_name(s))
            return s;
    return std::nullopt;
}

[[noreturn]] void corrupt(std::string_view where, const std::string& why)
{
    throw core::Error(
        core::ExitCode::bad_input, fmt::format("the circuit-breaker state is not readable: {}", why),
        std::string(where),
        fmt::format("delete {} to reset the breaker (the next run then fetches normally)", where));
}

std::optional<core::TimePoint> read_time(const rapidjson::Value& doc, const char* key, std::string_view where)
{
    if (!doc.HasMember(key) || doc[key].IsNull())
        return std::nullopt;
    if (!doc[key].IsString())
        corrupt(where, fmt::format("\"{}\" is not a string", key));
    auto t = core::parse_iso8601(doc[key].GetString());
    if (!t)
        corrupt(where, fmt::format("\"{}\" is not an ISO-8601 time", key));
    return t;
}

}  // namespace

const char* breaker_state_name(BreakerState state)
{
    switch (state) {
    case BreakerState::closed: return "closed";
    case BreakerState::open: return "open";
    case BreakerState::half_open: return "half_open";
    }
    return "closed";
}

CircuitBreaker::CircuitBreaker(BreakerConfig config) : m_config(config)
{
    m_config.failure_threshold = std::max(1, m_config.failure_threshold);
    m_config.cool_down_runs = std::max(0, m_config.cool_down_runs);
}

std::optional<core::TimePoint> CircuitBreaker::retry_at() const
{
    if (m_state == BreakerState::closed || !m_opened_at || m_config.cool_down_runs > 0)
        return std::nullopt;
    return *m_opened_at + m_config.cool_down;
}

int CircuitBreaker::runs_before_probe() const
{
    if (m_state != BreakerState::open || m_config.cool_down_runs == 0)
        return 0;
    return std::max(0, m_config.cool_down_runs - m_skipped_runs);
}

BreakerDecision CircuitBreaker::decide(core::TimePoint now)
{
    switch (m_state) {
    case BreakerState::closed: return BreakerDecision::run;
    case BreakerState::half_open:
        // A probe that never reported (the run crashed): probe again.
        return BreakerDecision::probe;
    case BreakerState::open:
        if (m_config.cool_down_runs > 0) {
            if (m_skipped_runs >= m_config.cool_down_runs) {
                m_state = BreakerState::half_open;
                return BreakerDecision::probe;
            }
            ++m_skipped_runs;
            return BreakerDecision::skip;
        }
        if (m_opened_at && now >= *m_opened_at && now - *m_opened_at >= m_config.cool_down) {
            m_state = BreakerState::half_open;
            return BreakerDecision::probe;
        }
        return BreakerDecision::skip;
    }
    return BreakerDecision::run;
}

void CircuitBreaker::record_success(core::TimePoint)
{
    m_state = BreakerState::closed;
    m_failures = 0;
    m_opened_at.reset();
    m_first_failure_at.reset();
    m_skipped_runs = 0;
    m_notified = false;
}

void CircuitBreaker::record_failure(core::TimePoint now, std::string reason)
{
    if (m_failures == 0 || !m_first_failure_at)
        m_first_failure_at = now;
    ++m_failures;
    m_last_failure = std::move(reason);
    m_last_failure_at = now;
    if (m_state == BreakerState::half_open ||
        (m_state == BreakerState::closed && m_failures >= m_config.failure_threshold)) {
        m_state = BreakerState::open;
        m_opened_at = now;
        m_skipped_runs = 0;
    }
}

std::string CircuitBreaker::to_json() const
{
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartObject();
    w.Key("state");
    w.String(breaker_state_name(m_state));
    w.Key("consecutive_failures");
    w.Int(m_failures);
    write_time(w, "opened_at", m_opened_at);
    w.Key("last_failure");
    w.String(m_last_failure.c_str(), static_cast<rapidjson::SizeType>(m_last_failure.size()));
    write_time(w, "last_failure_at", m_last_failure_at);
    write_time(w, "first_failure_at", m_first_failure_at);
    w.Key("skipped_runs");
    w.Int(m_skipped_runs);
    w.Key("notified");
    w.Bool(m_notified);
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

CircuitBreaker CircuitBreaker::from_json(std::string_view text, BreakerConfig config, std::string_view where)
{
    rapidjson::Document doc;
    doc.Parse(text.data(), text.size());
    if (doc.HasParseError())
        corrupt(where,
                fmt::format("invalid JSON at offset {}: {}", doc.GetErrorOffset(),
                            rapidjson::GetParseError_En(doc.GetParseError())));
    if (!doc.IsObject())
        corrupt(where, "the top level is not an object");
    CircuitBreaker out(config);
    if (!doc.HasMember("state") || !doc["state"].IsString())
        corrupt(where, "\"state\" is missing");
    auto state = state_from_name(doc["state"].GetString());
    if (!state)
        corrupt(where, fmt::format("unknown state \"{}\"", doc["state"].GetString()));
    out.m_state = *state;
    if (!doc.HasMember("consecutive_failures") || !doc["consecutive_failures"].IsInt() ||
        doc["consecutive_failures"].GetInt() < 0)
        corrupt(where, "\"consecutive_failures\" is missing or not a count");
    out.m_failures = doc["consecutive_failures"].GetInt();
    out.m_opened_at = read_time(doc, "opened_at", where);
    if (out.m_state != BreakerState::closed && !out.m_opened_at)
        corrupt(where, "an open breaker has no \"opened_at\"");
    if (doc.HasMember("last_failure")) {
        if (!doc["last_failure"].IsString())
            corrupt(where, "\"last_failure\" is not a string");
        out.m_last_failure = doc["last_failure"].GetString();
    }
    out.m_last_failure_at = read_time(doc, "last_failure_at", where);
    out.m_first_failure_at = read_time(doc, "first_failure_at", where);
    if (!out.m_first_failure_at && out.m_failures > 0)
        out.m_first_failure_at = out.m_last_failure_at;  // a file from before the field
    if (doc.HasMember("skipped_runs")) {
        if (!doc["skipped_runs"].IsInt() || doc["skipped_runs"].GetInt() < 0)
            corrupt(where, "\"skipped_runs\" is not a count");
        out.m_skipped_runs = doc["skipped_runs"].GetInt();
    }
    if (doc.HasMember("notified")) {
        if (!doc["notified"].IsBool())
            corrupt(where, "\"notified\" is not true or false");
        out.m_notified = doc["notified"].GetBool();
    }
    return out;
}

}  // namespace frr::net
