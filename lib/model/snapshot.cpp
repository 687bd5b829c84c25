#include "model/snapshot.hpp"

#include "text/json_writer.hpp"

#include "core/error.hpp"
#include "core/fault.hpp"
#include "core/state_dir.hpp"
#include "core/time.hpp"
#include "model/json_fields.hpp"
#include "model/json_lines.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <future>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace fs = std::filesystem;

namespace frr::model {

namespace {

using Writer = text::Utf8Writer<rapidjson::Writer<rapidjson::StringBuffer>>;

// Nearly every string of a snapshot (keys, ids, hashes, times, enum names) is printable ASCII
// without a quote or a backslash: its JSON is the text in quotes, which is written raw, skipping
// the per-character escaping and the UTF-8 check that such text does not need (a third of the
// writing time of a million-record snapshot). Anything else goes through the writer as before.
constexpr std::size_t k_raw_max = 256;

bool plain_ascii(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
    });
}

void put_text(Writer& w, std::string_view s)
{
    if (s.size() > k_raw_max || !plain_ascii(s)) {
        w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
        return;
    }
    std::array<char, k_raw_max + 2> quoted;
    quoted[0] = '"';
    std::copy(s.begin(), s.end(), quoted.begin() + 1);
    quoted[s.size() + 1] = '"';
    w.RawValue(quoted.data(), s.size() + 2, rapidjson::kStringType);
}

void put_key(Writer& w, const char* name)
{
    put_text(w, name);
}

void put(Writer& w, const char* name, std::string_view value)
{
    put_key(w, name);
    put_text(w, value);
}
void put(Writer& w, const char* name, TimePoint t)
{
    put(w, name, core::iso8601_text(t).view());
}
void put(Writer& w, const char* name, const std::optional<TimePoint>& t)
{
    if (t) {
        put(w, name, *t);
    } else {
        put_key(w, name);
        w.Null();
    }
}
void put_int(Writer& w, const char* name, std::int64_t v)
{
    put_key(w, name);
    w.Int64(v);
}
void put_bool(Writer& w, const char* name, bool v)
{
    put_key(w, name);
    w.Bool(v);
}
void put_money(Writer& w, const char* name, const Money& m)
{
    put_key(w, name);
    w.StartObject();
    put_int(w, "minor", m.minor);
    put(w, "currency", m.currency);
    w.EndObject();
}

// Each field is asked for once (JsonFields reads a line's fields in order).
std::optional<Money> opt_money(const JsonFields& f, const char* key)
{
    const auto* v = f.get(key);
    if (v == nullptr)
        return std::nullopt;
    const auto inner = f.nested(*v, key);
    Money m;
    m.minor = inner.int64("minor");
    m.currency = inner.str("currency");
    return m;
}

Money read_money(const JsonFields& f, const char* key)
{
    return opt_money(f, key).value_or(Money{});
}

template <class F> std::string write_object(F&& body)
{
    rapidjson::StringBuffer buf;
    Writer w(buf);
    w.StartObject();
    body(w);
    w.EndObject();
    return std::string(buf.GetString(), buf.GetSize());
}

void write_order(Writer& w, const Order& r)
{
    put(w, "id", r.id);
    put(w, "name", r.name);
    put(w, "created_at", r.created_at);
    put(w, "updated_at", r.updated_at);
    put(w, "cancelled_at", r.cancelled_at);
    put_bool(w, "test", r.test);
    put(w, "source_name", r.source_name);
    put(w, "financial_status", r.financial_status);
    put(w, "customer_id", r.customer_id);
    put(w, "email_hash", r.email_hash);
    put(w, "email_masked", r.email_masked);
    put_money(w, "revenue", r.revenue);
    put_money(w, "total", r.total);
    put_int(w, "item_quantity", r.item_quantity);
    if (r.edited) {
        put_bool(w, "edited", true);
        put_money(w, "revenue_as_placed", r.revenue_as_placed);
    }
}

Order read_order(const JsonFields& f)
{
    Order r;
    r.id = f.str("id");
    r.name = f.str("name");
    r.created_at = f.time("created_at");
    r.updated_at = f.time("updated_at");
    r.cancelled_at = f.opt_time("cancelled_at");
    r.test = f.boolean("test");
    r.source_name = f.str("source_name");
    r.financial_status = f.str("financial_status");
    r.customer_id = f.str("customer_id");
    r.email_hash = f.str("email_hash");
    r.email_masked = f.str("email_masked");
    r.revenue = read_money(f, "revenue");
    r.total = read_money(f, "total");
    r.item_quantity = static_cast<int>(f.int64("item_quantity"));
    r.edited = f.boolean("edited");
    const auto as_placed = r.edited ? opt_money(f, "revenue_as_placed") : std::nullopt;
    r.revenue_as_placed = as_placed ? *as_placed : r.revenue;
    return r;
}

void write_customer(Writer& w, const Customer& r)
{
    put(w, "id", r.id);
    put(w, "created_at", r.created_at);
    put(w, "updated_at", r.updated_at);
    put(w, "email_hash", r.email_hash);
    put(w, "email_masked", r.email_masked);
    put_bool(w, "has_phone", r.has_phone);
    put(w, "consent", to_string(r.consent));
    put(w, "consent_updated_at", r.consent_updated_at);
}

Customer read_customer(const JsonFields& f)
{
    Customer r;
    r.id = f.str("id");
    r.created_at = f.time("created_at");
    r.updated_at = f.time("updated_at");
    r.email_hash = f.str("email_hash");
    r.email_masked = f.str("email_masked");
    r.has_phone = f.boolean("has_phone");
    r.consent = source_consent_from(f.text("consent"));
    r.consent_updated_at = f.opt_time("consent_updated_at");
    return r;
}

void write_checkout(Writer& w, const Checkout& r)
{
    put(w, "id", r.id);
    put(w, "created_at", r.created_at);
    put(w, "completed_at", r.completed_at);
    put(w, "customer_id", r.customer_id);
    put(w, "email_hash", r.email_hash);
    put_money(w, "total", r.total);
}

Checkout read_checkout(const JsonFields& f)
{
    Checkout r;
    r.id = f.str("id");
    r.created_at = f.time("created_at");
    r.completed_at = f.opt_time("completed_at");
    r.customer_id = f.str("customer_id");
    r.email_hash = f.str("email_hash");
    r.total = read_money(f, "total");
    return r;
}

void write_order_change(Writer& w, const OrderChange& r)
{
    put(w, "order_id", r.order_id);
    put(w, "order_name", r.order_name);
    put(w, "kind", to_string(r.kind));
    put(w, "at", r.at);
    put(w, "order_created_at", r.order_created_at);
    put_bool(w, "test", r.test);
    put(w, "source_name", r.source_name);
    put(w, "email_hash", r.email_hash);
    put_money(w, "total", r.total);
}

OrderChange read_order_change(const JsonFields& f)
{
    OrderChange r;
    r.order_id = f.str("order_id");
    r.order_name = f.str("order_name");
    r.kind = order_change_kind_from(f.text("kind"));
    r.at = f.time("at");
    r.order_created_at = f.time("order_created_at");
    r.test = f.boolean("test");
    r.source_name = f.str("source_name");
    r.email_hash = f.str("email_hash");
    r.total = read_money(f, "total");
    return r;
}

void write_profile(Writer& w, const Profile& r)
{
    put(w, "id", r.id);
    put(w, "email_hash", r.email_hash);
    put(w, "email_masked", r.email_masked);
    put(w, "created_at", r.created_at);
    put(w, "updated_at", r.updated_at);
    put(w, "consent", to_string(r.consent));
    put_bool(w, "can_receive_marketing", r.can_receive_marketing);
    put_strings(w, "suppressions", r.suppressions);
}

Profile read_profile(const JsonFields& f)
{
    Profile r;
    r.id = f.str("id");
    r.email_hash = f.str("email_hash");
    r.email_masked = f.str("email_masked");
    r.created_at = f.time("created_at");
    r.updated_at = f.time("updated_at");
    r.consent = destination_consent_from(f.text("consent"));
    r.can_receive_marketing = f.boolean("can_receive_marketing");
    r.suppressions = f.strings("suppressions");
    return r;
}

void write_event(Writer& w, const Event& r)
{
    put(w, "id", r.id);
    put(w, "kind", to_string(r.kind));
    put(w, "metric_id", r.metric_id);
    put(w, "occurred_at", r.occurred_at);
    put(w, "order_id", r.order_id);
    put(w, "unique_id", r.unique_id);
    put(w, "profile_id", r.profile_id);
    if (r.value)
        put_money(w, "value", *r.value);
    if (r.order_id_source != OrderIdSource::none)
        put(w, "order_id_source", to_string(r.order_id_source));
    if (r.item_units)
        put_int(w, "item_units", *r.item_units);
}

Event read_event(const JsonFields& f)
{
    Event r;
    r.id = f.str("id");
    r.kind = event_kind_from(f.text("kind"));
    r.metric_id = f.str("metric_id");
    r.occurred_at = f.time("occurred_at");
    r.order_id = f.str("order_id");
    r.unique_id = f.str("unique_id");
    r.profile_id = f.str("profile_id");
    r.value = opt_money(f, "value");
    r.order_id_source = order_id_source_from(f.text("order_id_source"));
    if (auto units = f.opt_int64("item_units"))
        r.item_units = static_cast<int>(*units);
    return r;
}

void write_metric(Writer& w, const Metric& r)
{
    put(w, "id", r.id);
    put(w, "name", r.name);
    put(w, "integration", r.integration);
    put(w, "kind", to_string(r.kind));
}

Metric read_metric(const JsonFields& f)
{
    return {f.str("id"), f.str("name"), f.str("integration"), event_kind_from(f.text("kind"))};
}

void write_audience(Writer& w, const Audience& r)
{
    put(w, "id", r.id);
    put(w, "name", r.name);
    put(w, "kind", to_string(r.kind));
    w.Key("profile_count");
    if (r.profile_count)
        w.Int64(*r.profile_count);
    else
        w.Null();
    put_bool(w, "is_processing", r.is_processing);
    put(w, "updated_at", r.updated_at);
}

Audience read_audience(const JsonFields& f)
{
    Audience r;
    r.id = f.str("id");
    r.name = f.str("name");
    r.kind = audience_kind_from(f.text("kind"));
    r.profile_count = f.opt_int64("profile_count");
    r.is_processing = f.boolean("is_processing");
    r.updated_at = f.opt_time("updated_at").value_or(TimePoint{});
    return r;
}

void write_flow(Writer& w, const Flow& r)
{
    put(w, "id", r.id);
    put(w, "name", r.name);
    put(w, "status", to_string(r.status));
    put(w, "status_text", r.status_text);
    put_bool(w, "archived", r.archived);
    put(w, "trigger_type", r.trigger_type);
    put(w, "trigger", to_string(r.trigger));
    put(w, "trigger_id", r.trigger_id);
    put(w, "trigger_name", r.trigger_name);
    put(w, "created_at", r.created_at);
    put(w, "updated_at", r.updated_at);
}

Flow read_flow(const JsonFields& f)
{
    Flow r;
    r.id = f.str("id");
    r.name = f.str("name");
    r.status = flow_status_from(f.text("status"));
    r.status_text = f.str("status_text");
    r.archived = f.boolean("archived");
    r.trigger_type = f.str("trigger_type");
    r.trigger = trigger_kind_from(f.text("trigger"));
    r.trigger_id = f.str("trigger_id");
    r.trigger_name = f.str("trigger_name");
    r.created_at = f.opt_time("created_at").value_or(TimePoint{});
    r.updated_at = f.opt_time("updated_at").value_or(TimePoint{});
    return r;
}

void write_flow_day(Writer& w, const FlowMessageDay& r)
{
    put(w, "flow_id", r.flow_id);
    put(w, "message_id", r.message_id);
    put(w, "channel", r.channel);
    put(w, "date", r.date);
    put_int(w, "recipients", r.recipients);
}

FlowMessageDay read_flow_day(const JsonFields& f)
{
    return {f.str("flow_id"), f.str("message_id"), f.str("channel"), f.str("date"), f.int64("recipients")};
}

void write_trigger_day(Writer& w, const TriggerDay& r)
{
    put(w, "trigger_id", r.trigger_id);
    put(w, "date", r.date);
    put_int(w, "count", r.count);
}

TriggerDay read_trigger_day(const JsonFields& f)
{
    return {f.str("trigger_id"), f.str("date"), f.int64("count")};
}

void write_daily(Writer& w, const DailyCount& r)
{
    put(w, "date", r.date);
    put_int(w, "count", r.count);
}

DailyCount read_daily(const JsonFields& f)
{
    return {f.str("date"), f.int64("count")};
}

// One record per line, streamed: the lines go through one buffer of about k_flush_bytes into the
// file, so writing a million records holds no more than that besides the records themselves.
constexpr std::size_t k_flush_bytes = 1 << 20;

template <class T, class W> void write_lines(const fs::path& path, const std::vector<T>& records, W write_one)
{
    core::AtomicFile file(path);
    rapidjson::StringBuffer buf(nullptr, k_flush_bytes + (64 << 10));
    Writer w(buf);
    for (const auto& r : records) {
        w.Reset(buf);  // each line is its own JSON document
        w.StartObject();
        write_one(w, r);
        w.EndObject();
        buf.Put('\n');
        if (buf.GetSize() >= k_flush_bytes) {
            file.write({buf.GetString(), buf.GetSize()});
            buf.Clear();
        }
    }
    file.write({buf.GetString(), buf.GetSize()});
    file.commit();
}

// Reads one record per line, reserving exactly first (the vectors of a million
// records are not grown by doubling, which would hold old and new at once).
template <class T, class R> std::vector<T> read_lines(const fs::path& path, R read_one)
{
    std::vector<T> out;
    if (!fs::exists(path))
        return out;
    JsonLines lines(path);
    out.reserve(lines.count_lines());
    while (const auto* value = lines.next())
        out.push_back(read_one(JsonFields(*value, lines.place())));
    return out;
}

// Small datasets are a single JSON array (easy to read by eye).
template <class T, class W> void write_array(const fs::path& path, const std::vector<T>& records, W write_one)
{
    rapidjson::StringBuffer buf;
    Writer w(buf);
    w.StartArray();
    for (const auto& r : records) {
        w.StartObject();
        write_one(w, r);
        w.EndObject();
    }
    w.EndArray();
    core::atomic_write(path, std::string(buf.GetString(), buf.GetSize()) + "\n");
}

template <class T, class R> std::vector<T> read_array(const fs::path& path, R read_one)
{
    std::vector<T> out;
    if (!fs::exists(path))
        return out;
    auto text = core::read_file(path);
    rapidjson::Document doc;
    doc.Parse(text.c_str(), text.size());
    if (doc.HasParseError() || !doc.IsArray())
        throw core::Error(core::ExitCode::bad_input, "invalid JSON array", path.string(),
                          "the snapshot is damaged: delete this run directory and run again");
    std::size_t i = 0;
    for (const auto& v : doc.GetArray())
        out.push_back(read_one(JsonFields(v, fmt::format("{}[{}]", path.string(), i++))));
    return out;
}

void write_subscriber_list(const fs::path& path, const SubscriberList& r)
{
    auto text = write_object([&](Writer& w) {
        put(w, "id", r.id);
        put(w, "name", r.name);
        put(w, "found_by", r.found_by);
        put_strings(w, "checked", r.checked);
        put_strings(w, "members", r.members);
    });
    core::atomic_write(path, text + "\n");
}

SubscriberList read_subscriber_list(const fs::path& path)
{
    SubscriberList r;
    if (!fs::exists(path))
        return r;
    auto text = core::read_file(path);
    rapidjson::Document doc;
    doc.Parse(text.c_str(), text.size());
    if (doc.HasParseError() || !doc.IsObject())
        throw core::Error(core::ExitCode::bad_input, "invalid JSON object", path.string(),
                          "the snapshot is damaged: delete this run directory and run again");
    JsonFields f(doc, path.string());
    r.id = f.str("id");
    r.name = f.str("name");
    r.found_by = f.str("found_by");
    r.checked = f.strings("checked");
    r.members = f.strings("members");
    return r;
}

void write_platform(Writer& w, const PlatformManifest& p)
{
    w.StartObject();
    put(w, "status", to_string(p.status));
    w.Key("counts");
    w.StartObject();
    for (const auto& [k, v] : p.counts)
        put_int(w, k.c_str(), v);
    w.EndObject();
    put_int(w, "requests", p.requests);
    put_int(w, "retries", p.retries);
    put_int(w, "throttled", p.throttled);
    w.Key("wait_seconds");
    w.Double(p.wait_seconds);
    put_int(w, "bytes", p.bytes);
    put_strings(w, "errors", p.errors);
    put_strings(w, "notes", p.notes);
    put_strings(w, "info", p.info);
    put_strings(w, "missing_scopes", p.missing_scopes);
    put(w, "breaker", p.breaker);
    put(w, "breaker_opened_at", p.breaker_opened_at);
    put(w, "outage_since", p.outage_since);
    put_int(w, "failed_runs", p.failed_runs);
    put(w, "next_attempt", p.next_attempt);
    put(w, "recovered_from", p.recovered_from);
    put(w, "token_expires_at", p.token_expires_at);
    put(w, "data_since", p.data_since);
    if (!p.order_mapping.empty()) {
        w.Key("order_mapping");
        w.StartObject();
        for (const auto& [k, v] : p.order_mapping)
            put_int(w, k.c_str(), v);
        w.EndObject();
    }
    w.Key("datasets");
    w.StartObject();
    for (const auto& [id, d] : p.datasets) {
        w.Key(id.c_str());
        w.StartObject();
        put(w, "status", to_string(d.status));
        if (!d.missing.empty())
            put(w, "missing", d.missing);
        w.EndObject();
    }
    w.EndObject();
    w.EndObject();
}

PlatformManifest read_platform(const JsonFields& f)
{
    PlatformManifest p;
    p.status = coverage_from(f.text("status"));
    if (const auto* counts = f.object("counts"))
        for (const auto& m : counts->GetObject())
            if (m.value.IsInt64())
                p.counts[m.name.GetString()] = m.value.GetInt64();
    p.requests = f.int64("requests");
    p.retries = f.int64("retries");
    p.throttled = f.int64("throttled");
    p.wait_seconds = f.number("wait_seconds");
    p.bytes = f.int64("bytes");
    p.errors = f.strings("errors");
    p.notes = f.strings("notes");
    p.info = f.strings("info");
    p.missing_scopes = f.strings("missing_scopes");
    p.breaker = f.str("breaker");
    p.breaker_opened_at = f.opt_time("breaker_opened_at");
    p.outage_since = f.opt_time("outage_since");
    p.failed_runs = static_cast<int>(f.int64("failed_runs"));
    p.next_attempt = f.opt_time("next_attempt");
    p.recovered_from = f.opt_time("recovered_from");
    p.token_expires_at = f.opt_time("token_expires_at");
    p.data_since = f.opt_time("data_since");
    if (const auto* mapping = f.object("order_mapping"))
        for (const auto& m : mapping->GetObject())
            if (m.value.IsInt64())
                p.order_mapping[m.name.GetString()] = m.value.GetInt64();
    if (const auto* datasets = f.object("datasets"))
        for (const auto& m : datasets->GetObject()) {
            const JsonFields d(m.value, f.where() + ".datasets." + m.name.GetString());
            p.datasets[m.name.GetString()] = {coverage_from(d.text("status")), d.str("missing")};
        }
    return p;
}

}  // namespace

const char* to_string(Coverage c)
{
    switch (c) {
    case Coverage::complete: return "complete";
    case Coverage::partial: return "partial";
    case Coverage::unavailable: return "unavailable";
    case Coverage::paused: return "paused";
    }
    return "unavailable";
}

Coverage worse(Coverage a, Coverage b)
{
    return static_cast<int>(a) >= static_cast<int>(b) ? a : b;
}

void PlatformManifest::mark(std::string_view dataset, Coverage c, const std::string& why)
{
    auto& d = datasets[std::string(dataset)];
    d.status = worse(d.status, c);
    if (!why.empty())
        d.missing += (d.missing.empty() ? "" : "; ") + why;
}

void PlatformManifest::mark_all(Role role, Coverage c, const std::string& why)
{
    for (const auto* d : datasets_of(role)) {
        if (c == Coverage::complete)
            datasets.try_emplace(std::string(d->id));  // never hides what was found missing
        else
            mark(d->id, c, why);
    }
}

Coverage coverage_from(std::string_view s)
{
    if (s == "complete")
        return Coverage::complete;
    if (s == "partial")
        return Coverage::partial;
    if (s == "paused")
        return Coverage::paused;
    return Coverage::unavailable;
}

std::string to_json(const Order& r)
{
    return write_object([&](Writer& w) { write_order(w, r); });
}
std::string to_json(const Customer& r)
{
    return write_object([&](Writer& w) { write_customer(w, r); });
}
std::string to_json(const Profile& r)
{
    return write_object([&](Writer& w) { write_profile(w, r); });
}
std::string to_json(const Event& r)
{
    return write_object([&](Writer& w) { write_event(w, r); });
}
std::string to_json(const OrderChange& r)
{
    return write_object([&](Writer& w) { write_order_change(w, r); });
}

std::string to_json(const Manifest& m)
{
    rapidjson::StringBuffer buf;
    Writer w(buf);
    w.StartObject();
    put(w, "run_id", m.run_id);
    put(w, "as_of", m.as_of);
    w.Key("window");
    w.StartObject();
    put(w, "since", m.since);
    put(w, "until", m.until);
    w.EndObject();
    put(w, "store", m.store);
    put(w, "timezone", m.timezone);
    put(w, "frr_version", m.frr_version);
    put(w, "incremental_from", m.incremental_from);
    w.Key("layout");
    w.Int(m.layout);
    w.Key("roles");
    w.StartObject();
    put(w, "source", m.source_platform);
    put(w, "destination", m.destination_platform);
    w.EndObject();
    w.Key("platforms");
    w.StartObject();
    for (const auto& [name, p] : m.platforms) {
        w.Key(name.c_str());
        write_platform(w, p);
    }
    w.EndObject();
    const auto& c = m.catch_up;
    w.Key("catch_up");
    w.StartObject();
    put(w, "nominal_since", c.nominal_since);
    put_bool(w, "explicit_window", c.explicit_window);
    put(w, "watermark", c.watermark);
    put(w, "skipped_since", c.skipped_since);
    put(w, "previous_run", c.previous_run);
    put(w, "next_run", c.next_run);
    w.Key("runs");
    w.StartArray();
    for (const auto& r : c.runs) {
        w.StartObject();
        put(w, "as_of", r.as_of);
        w.Key("platforms");
        w.StartObject();
        for (const auto& [name, status] : r.platforms)
            put(w, name.c_str(), to_string(status));
        w.EndObject();
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    w.EndObject();
    return std::string(buf.GetString(), buf.GetSize()) + "\n";
}

Manifest manifest_from_json(std::string_view json, const std::string& where)
{
    rapidjson::Document doc;
    parse_object(doc, json, where, "the manifest",
                 "the manifest is damaged: delete this run directory and run again");
    JsonFields f(doc, where);
    Manifest m;
    m.run_id = f.str("run_id");
    m.as_of = f.time("as_of");
    if (auto win = f.get("window")) {
        const auto wf = f.nested(*win, "window");
        m.since = wf.time("since");
        m.until = wf.time("until");
    }
    m.store = f.str("store");
    m.timezone = f.str("timezone");
    m.frr_version = f.str("frr_version");
    m.incremental_from = f.str("incremental_from");
    m.layout = static_cast<int>(f.opt_int64("layout").value_or(1));
    if (const auto* roles = f.object("roles")) {
        const JsonFields r(*roles, where + ".roles");
        m.source_platform = r.str("source");
        m.destination_platform = r.str("destination");
    }
    if (const auto* platforms = f.object("platforms")) {
        for (const auto& p : platforms->GetObject())
            m.platforms[p.name.GetString()] =
                read_platform(JsonFields(p.value, where + ".platforms." + p.name.GetString()));
    }
    if (const auto* catch_up = f.object("catch_up")) {
        const JsonFields c(*catch_up, where + ".catch_up");
        m.catch_up.nominal_since = c.opt_time("nominal_since").value_or(m.since);
        m.catch_up.explicit_window = c.boolean("explicit_window");
        m.catch_up.watermark = c.opt_time("watermark");
        m.catch_up.skipped_since = c.opt_time("skipped_since");
        m.catch_up.previous_run = c.opt_time("previous_run");
        m.catch_up.next_run = c.opt_time("next_run");
        if (const auto* runs = c.array("runs"))
            for (const auto& r : runs->GetArray()) {
                const JsonFields rf(r, where + ".catch_up.runs");
                CatchUpRun run{rf.time("as_of"), {}};
                if (const auto* ps = rf.object("platforms"))
                    for (const auto& p : ps->GetObject())
                        run.platforms[p.name.GetString()] =
                            coverage_from(p.value.IsString() ? p.value.GetString() : "");
                m.catch_up.runs.push_back(std::move(run));
            }
    } else {
        m.catch_up.nominal_since = m.since;
    }
    return m;
}

void write_manifest(const fs::path& run_dir, const Manifest& manifest)
{
    core::atomic_write(run_dir / "manifest.json", to_json(manifest));
}

namespace {

const char* role_name(Role role)
{
    return role == Role::source ? "source" : "destination";
}

// A layout-1 run's folder for `role`: the one holding the role's first file.
fs::path legacy_role_folder(const fs::path& run_dir, Role role)
{
    const char* marker = role == Role::source ? "orders.jsonl" : "events.jsonl";
    std::error_code ec;
    std::vector<fs::path> folders;
    for (fs::directory_iterator it(run_dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_directory(ec) && fs::exists(it->path() / marker, ec))
            folders.push_back(it->path());
    if (folders.size() > 1)
        throw core::Error(core::ExitCode::bad_input,
                          fmt::format("{} folders hold {}, so which is the {} is unclear", folders.size(),
                                      marker, role_name(role)),
                          run_dir.string(), "keep one platform folder per role in this run directory");
    return folders.empty() ? run_dir / role_name(role) : folders.front();
}

}  // namespace

fs::path role_folder(const fs::path& run_dir, const Manifest& manifest, Role role)
{
    if (manifest.layout >= 2)
        return run_dir / role_name(role);
    return legacy_role_folder(run_dir, role);
}

void write_snapshot(const fs::path& run_dir, const Snapshot& s)
{
    const fs::path source = run_dir / role_name(Role::source);
    const fs::path destination = run_dir / role_name(Role::destination);
    std::error_code ec;
    fs::create_directories(source, ec);
    if (!ec)
        fs::create_directories(destination, ec);
    if (ec)
        throw core::Error(core::ExitCode::cannot_write,
                          fmt::format("cannot create the snapshot folders: {}", ec.message()),
                          run_dir.string());
    write_lines(source / "orders.jsonl", s.source.orders, write_order);
    write_lines(source / "customers.jsonl", s.source.customers, write_customer);
    write_lines(source / "checkouts.jsonl", s.source.checkouts, write_checkout);
    write_lines(source / "order_changes.jsonl", s.source.order_changes, write_order_change);
    write_array(source / "daily_orders.json", s.source.daily_orders, write_daily);
    write_lines(destination / "events.jsonl", s.destination.events, write_event);
    write_lines(destination / "profiles.jsonl", s.destination.profiles, write_profile);
    write_array(destination / "metrics.json", s.destination.metrics, write_metric);
    write_array(destination / "audiences.json", s.destination.audiences, write_audience);
    write_array(destination / "daily_placed_orders.json", s.destination.daily_placed_orders, write_daily);
    write_array(destination / "flows.json", s.destination.flows, write_flow);
    write_array(destination / "flow_report.json", s.destination.flow_report, write_flow_day);
    write_array(destination / "trigger_days.json", s.destination.trigger_days, write_trigger_day);
    write_subscriber_list(destination / "subscriber_list.json", s.destination.subscriber_list);
    core::fault_point("snapshot-before-manifest");
    Manifest manifest = s.manifest;
    manifest.layout = k_snapshot_layout;
    write_manifest(run_dir, manifest);
}

namespace {

SourceData read_source(const fs::path& folder)
{
    SourceData d;
    d.orders = read_lines<Order>(folder / "orders.jsonl", read_order);
    d.customers = read_lines<Customer>(folder / "customers.jsonl", read_customer);
    d.checkouts = read_lines<Checkout>(folder / "checkouts.jsonl", read_checkout);
    d.order_changes = read_lines<OrderChange>(folder / "order_changes.jsonl", read_order_change);
    d.daily_orders = read_array<DailyCount>(folder / "daily_orders.json", read_daily);
    return d;
}

DestinationData read_destination(const fs::path& folder)
{
    DestinationData d;
    d.events = read_lines<Event>(folder / "events.jsonl", read_event);
    d.profiles = read_lines<Profile>(folder / "profiles.jsonl", read_profile);
    d.metrics = read_array<Metric>(folder / "metrics.json", read_metric);
    d.audiences = read_array<Audience>(folder / "audiences.json", read_audience);
    d.daily_placed_orders = read_array<DailyCount>(folder / "daily_placed_orders.json", read_daily);
    d.flows = read_array<Flow>(folder / "flows.json", read_flow);
    d.flow_report = read_array<FlowMessageDay>(folder / "flow_report.json", read_flow_day);
    d.trigger_days = read_array<TriggerDay>(folder / "trigger_days.json", read_trigger_day);
    d.subscriber_list = read_subscriber_list(folder / "subscriber_list.json");
    return d;
}

}  // namespace

Manifest read_manifest(const fs::path& run_dir)
{
    auto path = run_dir / "manifest.json";
    return manifest_from_json(core::read_file(path), path.string());
}

// The source's files on the calling thread and the destination's on a second one: the two
// halves are about equal (a million orders and customers against 2.5 million events and a
// million profiles), so reading a large snapshot takes about half the wall time on two cores.
// Each half writes only its own member of the Snapshot. When both fail, the source's error is
// the one thrown, as when the files were read one after the other (source first).
Snapshot read_snapshot(const fs::path& run_dir)
{
    Snapshot s;
    s.manifest = read_manifest(run_dir);
    const fs::path source = role_folder(run_dir, s.manifest, Role::source);
    const fs::path destination = role_folder(run_dir, s.manifest, Role::destination);
    if (s.manifest.layout < 2) {
        // Layout 1 named each folder after its platform.
        if (s.manifest.source_platform.empty() && fs::exists(source))
            s.manifest.source_platform = source.filename().string();
        if (s.manifest.destination_platform.empty() && fs::exists(destination))
            s.manifest.destination_platform = destination.filename().string();
    }
    auto destination_read = std::async(
        std::launch::async, [&destination, &d = s.destination] { d = read_destination(destination); });
    try {
        s.source = read_source(source);
    } catch (...) {
        destination_read.wait();  // its result (even an error) is dropped: the source's error comes first
        throw;
    }
    destination_read.get();
    return s;
}

}  // namespace frr::model
