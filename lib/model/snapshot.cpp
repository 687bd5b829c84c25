#include "model/snapshot.hpp"

#include "text/json_writer.hpp"

#include "core/error.hpp"
#include "core/fault.hpp"
#include "core/state_dir.hpp"
#include "core/time.hpp"
#include "core/two_threads.hpp"
#include "model/json_fields.hpp"
#include "model/json_line_writer.hpp"
#include "model/json_lines.hpp"

#include <algorithm>
#include <array>
#include <concepts>
#include <fmt/format.h>
#include <functional>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <type_traits>

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
// Each field is asked for once (JsonFields reads a line's fields in order).
std::optional<Money> opt_money(const JsonFields& f, const char* key)
{
    const auto* v = f.get(key);
    if (v == nullptr)
        return std::nullopt;
    const auto inner = f.nested(*v, key);
    Money m;
    m.minor = inner.int64("minor");
    m.currency.assign(inner.text("currency"));
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

// Each record's fields are listed once, in `fields(v, r)`: the visitor `v` writes them (Put) or
// reads them (Get), in the line's order (the reader looks for a field where the writer put it).
// A field's C++ type says how it is written; the wrappers below say when it may be left out.
template <class T> struct Omitted {  // an optional left out of the line when absent
    T& value;
};
template <class T> Omitted<T> omitted(T& value)
{
    return {value};
}
template <class E> struct OmittedIf {  // an enum left out of the line at its default
    E& value;
    std::remove_const_t<E> absent;
};
template <class E> OmittedIf<E> omitted_if(E& value, std::type_identity_t<std::remove_const_t<E>> absent)
{
    return {value, absent};
}
template <class T> struct Lenient {  // written always; read as the default when missing (older lines)
    T& value;
};
template <class T> Lenient<T> lenient(T& value)
{
    return {value};
}

// The enums' names in the snapshot (the words of model/records.hpp's to_string and *_from).
void from_text(std::string_view s, SourceConsent& e)
{
    e = source_consent_from(s);
}
void from_text(std::string_view s, DestinationConsent& e)
{
    e = destination_consent_from(s);
}
void from_text(std::string_view s, EventKind& e)
{
    e = event_kind_from(s);
}
void from_text(std::string_view s, AudienceKind& e)
{
    e = audience_kind_from(s);
}
void from_text(std::string_view s, OrderChangeKind& e)
{
    e = order_change_kind_from(s);
}
void from_text(std::string_view s, OrderIdSource& e)
{
    e = order_id_source_from(s);
}
void from_text(std::string_view s, FlowStatus& e)
{
    e = flow_status_from(s);
}
void from_text(std::string_view s, TriggerKind& e)
{
    e = trigger_kind_from(s);
}

// Where Put writes: RapidJSON's writer (to_json, the small files, the reference for every byte) or
// a JsonLineWriter (the JSON-lines files, which must hold the same bytes as to_json).
struct RapidSink {
    Writer& w;
    void key(const char* k) { put_key(w, k); }
    void string(std::string_view s) { put_text(w, s); }
    void int64(std::int64_t v) { w.Int64(v); }
    void boolean(bool v) { w.Bool(v); }
    void null() { w.Null(); }
    void begin_object() { w.StartObject(); }
    void end_object() { w.EndObject(); }
    void begin_array() { w.StartArray(); }
    void end_array() { w.EndArray(); }
};

template <class S> struct Put {
    S& s;
    void operator()(const char* k, const std::string& v)
    {
        s.key(k);
        s.string(v);
    }
    void operator()(const char* k, const SmallString& v)
    {
        s.key(k);
        s.string(v.view());
    }
    void operator()(const char* k, const EmailHash& v)
    {
        std::array<char, 64> buffer;
        s.key(k);
        s.string(v.text(buffer));
    }
    void operator()(const char* k, TimePoint v)
    {
        s.key(k);
        s.string(core::iso8601_text(v).view());
    }
    void operator()(const char* k, const std::optional<TimePoint>& v)
    {
        if (v) {
            (*this)(k, *v);
        } else {
            s.key(k);
            s.null();
        }
    }
    void operator()(const char* k, bool v)
    {
        s.key(k);
        s.boolean(v);
    }
    void operator()(const char* k, std::int64_t v)
    {
        s.key(k);
        s.int64(v);
    }
    void operator()(const char* k, int v) { (*this)(k, static_cast<std::int64_t>(v)); }
    void operator()(const char* k, const Money& v)
    {
        s.key(k);
        s.begin_object();
        (*this)("minor", v.minor);
        (*this)("currency", v.currency);
        s.end_object();
    }
    void operator()(const char* k, const std::vector<std::string>& v)
    {
        s.key(k);
        s.begin_array();
        for (const auto& text : v)
            s.string(text);
        s.end_array();
    }
    void operator()(const char* k, const std::optional<std::int64_t>& v)
    {
        if (v) {
            (*this)(k, *v);
        } else {
            s.key(k);
            s.null();
        }
    }
    template <class E>
    requires std::is_enum_v<E>
    void operator()(const char* k, E e)
    {
        s.key(k);
        s.string(to_string(e));
    }
    template <class T> void operator()(const char* k, Omitted<T> o)
    {
        if (o.value)
            (*this)(k, *o.value);
    }
    template <class E> void operator()(const char* k, OmittedIf<E> o)
    {
        if (o.value != o.absent)
            (*this)(k, o.value);
    }
    template <class T> void operator()(const char* k, Lenient<T> l) { (*this)(k, l.value); }
};

struct Get {
    const JsonFields& f;
    void operator()(const char* k, std::string& v) { v = f.str(k); }
    void operator()(const char* k, SmallString& v) { v.assign(f.text(k)); }
    void operator()(const char* k, EmailHash& v) { v = EmailHash(f.text(k)); }
    void operator()(const char* k, TimePoint& v) { v = f.time(k); }
    void operator()(const char* k, std::optional<TimePoint>& v) { v = f.opt_time(k); }
    void operator()(const char* k, bool& v) { v = f.boolean(k); }
    void operator()(const char* k, std::int64_t& v) { v = f.int64(k); }
    void operator()(const char* k, int& v) { v = static_cast<int>(f.int64(k)); }
    void operator()(const char* k, Money& v) { v = read_money(f, k); }
    void operator()(const char* k, std::vector<std::string>& v) { v = f.strings(k); }
    void operator()(const char* k, std::optional<std::int64_t>& v) { v = f.opt_int64(k); }
    template <class E>
    requires std::is_enum_v<E>
    void operator()(const char* k, E& e) { from_text(f.text(k), e); }
    void operator()(const char* k, Omitted<std::optional<Money>> o) { o.value = opt_money(f, k); }
    void operator()(const char* k, Omitted<std::optional<int>> o)
    {
        const auto v = f.opt_int64(k);
        o.value = v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
    }
    template <class E> void operator()(const char* k, OmittedIf<E> o) { (*this)(k, o.value); }
    void operator()(const char* k, Lenient<TimePoint> l) { l.value = f.opt_time(k).value_or(TimePoint{}); }
};

// R is the record or the const record: one list serves writing and reading.
template <class V, class R>
requires std::same_as<std::remove_const_t<R>, Order>
void fields(V&& v, R& r)
{
    v("id", r.id);
    v("name", r.name);
    v("created_at", r.created_at);
    v("updated_at", r.updated_at);
    v("cancelled_at", r.cancelled_at);
    v("test", r.test);
    v("source_name", r.source_name);
    v("financial_status", r.financial_status);
    v("customer_id", r.customer_id);
    v("email_hash", r.email_hash);
    v("email_masked", r.email_masked);
    v("revenue", r.revenue);
    v("total", r.total);
    v("item_quantity", r.item_quantity);
    // An edited order also keeps its revenue as placed (what its Placed Order event carries);
    // an order never edited was placed as it is.
    v("edited", omitted_if(r.edited, false));
    if (r.edited)
        v("revenue_as_placed", r.revenue_as_placed);
    else if constexpr (!std::is_const_v<R>)
        r.revenue_as_placed = r.revenue;
}

template <class V, class R>
requires std::same_as<std::remove_const_t<R>, Customer>
void fields(V&& v, R& r)
{
    v("id", r.id);
    v("created_at", r.created_at);
    v("updated_at", r.updated_at);
    v("email_hash", r.email_hash);
    v("email_masked", r.email_masked);
    v("has_phone", r.has_phone);
    v("consent", r.consent);
    v("consent_updated_at", r.consent_updated_at);
}

template <class V, class R>
requires std::same_as<std::remove_const_t<R>, Checkout>
void fields(V&& v, R& r)
{
    v("id", r.id);
    v("created_at", r.created_at);
    v("completed_at", r.completed_at);
    v("customer_id", r.customer_id);
    v("email_hash", r.email_hash);
    v("total", r.total);
}

template <class V, class R>
requires std::same_as<std::remove_const_t<R>, OrderChange>
void fields(V&& v, R& r)
{
    v("order_id", r.order_id);
    v("order_name", r.order_name);
    v("kind", r.kind);
    v("at", r.at);
    v("order_created_at", r.order_created_at);
    v("test", r.test);
    v("source_name", r.source_name);
    v("email_hash", r.email_hash);
    v("total", r.total);
}

template <class V, class R>
requires std::same_as<std::remove_const_t<R>, Profile>
void fields(V&& v, R& r)
{
    v("id", r.id);
    v("email_hash", r.email_hash);
    v("email_masked", r.email_masked);
    v("created_at", r.created_at);
    v("updated_at", r.updated_at);
    v("consent", r.consent);
    v("can_receive_marketing", r.can_receive_marketing);
    v("suppressions", r.suppressions);
}

template <class V, class R>
requires std::same_as<std::remove_const_t<R>, Event>
void fields(V&& v, R& r)
{
    v("id", r.id);
    v("kind", r.kind);
    v("metric_id", r.metric_id);
    v("occurred_at", r.occurred_at);
    v("order_id", r.order_id);
    v("unique_id", r.unique_id);
    v("profile_id", r.profile_id);
    v("value", omitted(r.value));
    v("order_id_source", omitted_if(r.order_id_source, OrderIdSource::none));
    v("item_units", omitted(r.item_units));
}

template <class V, class R>
requires std::same_as<std::remove_const_t<R>, Metric>
void fields(V&& v, R& r)
{
    v("id", r.id);
    v("name", r.name);
    v("integration", r.integration);
    v("kind", r.kind);
}

template <class V, class R>
requires std::same_as<std::remove_const_t<R>, Audience>
void fields(V&& v, R& r)
{
    v("id", r.id);
    v("name", r.name);
    v("kind", r.kind);
    v("profile_count", r.profile_count);
    v("is_processing", r.is_processing);
    v("updated_at", lenient(r.updated_at));
}

template <class V, class R>
requires std::same_as<std::remove_const_t<R>, Flow>
void fields(V&& v, R& r)
{
    v("id", r.id);
    v("name", r.name);
    v("status", r.status);
    v("status_text", r.status_text);
    v("archived", r.archived);
    v("trigger_type", r.trigger_type);
    v("trigger", r.trigger);
    v("trigger_id", r.trigger_id);
    v("trigger_name", r.trigger_name);
    v("created_at", lenient(r.created_at));
    v("updated_at", lenient(r.updated_at));
}

template <class V, class R>
requires std::same_as<std::remove_const_t<R>, FlowMessageDay>
void fields(V&& v, R& r)
{
    v("flow_id", r.flow_id);
    v("message_id", r.message_id);
    v("channel", r.channel);
    v("date", r.date);
    v("recipients", r.recipients);
}

template <class V, class R>
requires std::same_as<std::remove_const_t<R>, TriggerDay>
void fields(V&& v, R& r)
{
    v("trigger_id", r.trigger_id);
    v("date", r.date);
    v("count", r.count);
}

template <class V, class R>
requires std::same_as<std::remove_const_t<R>, DailyCount>
void fields(V&& v, R& r)
{
    v("date", r.date);
    v("count", r.count);
}

template <class V, class R>
requires std::same_as<std::remove_const_t<R>, SubscriberList>
void fields(V&& v, R& r)
{
    v("id", r.id);
    v("name", r.name);
    v("found_by", r.found_by);
    v("checked", r.checked);
    v("members", r.members);
}

template <class R> void write_record(Writer& w, const R& r)
{
    RapidSink sink{w};
    fields(Put<RapidSink>{sink}, r);
}

template <class R> R read_record(const JsonFields& f)
{
    R r;
    fields(Get{f}, r);
    return r;
}

// One record per line, streamed: the lines go through one buffer of about k_flush_bytes into the
// file, so writing a million records holds no more than that besides the records themselves.
constexpr std::size_t k_flush_bytes = 1 << 20;

template <class T> void write_lines(const fs::path& path, const std::vector<T>& records)
{
    core::AtomicFile file(path);
    JsonLineWriter w(k_flush_bytes + (64 << 10));
    for (const auto& r : records) {
        w.begin_object();
        fields(Put<JsonLineWriter>{w}, r);
        w.end_object();
        w.end_line();
        if (w.size() >= k_flush_bytes) {
            file.write(w.text());
            w.clear();
        }
    }
    file.write(w.text());
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
    auto text = write_object([&](Writer& w) { write_record(w, r); });
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
    return read_record<SubscriberList>(JsonFields(doc, path.string()));
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
        if (!d.not_offered.empty())
            put(w, "not_offered", d.not_offered);
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
            p.datasets[m.name.GetString()] = {coverage_from(d.text("status")), d.str("missing"),
                                              d.str("not_offered")};
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

void PlatformManifest::not_offered(std::string_view dataset, const std::string& why)
{
    datasets[std::string(dataset)].not_offered = why;
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
    return write_object([&](Writer& w) { write_record(w, r); });
}
std::string to_json(const Customer& r)
{
    return write_object([&](Writer& w) { write_record(w, r); });
}
std::string to_json(const Profile& r)
{
    return write_object([&](Writer& w) { write_record(w, r); });
}
std::string to_json(const Event& r)
{
    return write_object([&](Writer& w) { write_record(w, r); });
}
std::string to_json(const OrderChange& r)
{
    return write_object([&](Writer& w) { write_record(w, r); });
}
std::string to_json(const Checkout& r)
{
    return write_object([&](Writer& w) { write_record(w, r); });
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
    write_lines(source / "orders.jsonl", s.source.orders);
    write_lines(source / "customers.jsonl", s.source.customers);
    write_lines(source / "checkouts.jsonl", s.source.checkouts);
    write_lines(source / "order_changes.jsonl", s.source.order_changes);
    write_array(source / "daily_orders.json", s.source.daily_orders, write_record<DailyCount>);
    write_lines(destination / "events.jsonl", s.destination.events);
    write_lines(destination / "profiles.jsonl", s.destination.profiles);
    write_array(destination / "metrics.json", s.destination.metrics, write_record<Metric>);
    write_array(destination / "audiences.json", s.destination.audiences, write_record<Audience>);
    write_array(destination / "daily_placed_orders.json", s.destination.daily_placed_orders,
                write_record<DailyCount>);
    write_array(destination / "flows.json", s.destination.flows, write_record<Flow>);
    write_array(destination / "flow_report.json", s.destination.flow_report, write_record<FlowMessageDay>);
    write_array(destination / "trigger_days.json", s.destination.trigger_days, write_record<TriggerDay>);
    write_subscriber_list(destination / "subscriber_list.json", s.destination.subscriber_list);
    core::fault_point("snapshot-before-manifest");
    Manifest manifest = s.manifest;
    manifest.layout = k_snapshot_layout;
    write_manifest(run_dir, manifest);
}

namespace {

using ReadTask = std::pair<std::function<void()>, fs::path>;  // the task and the file it reads

// One large file of records into `out`.
template <class T> ReadTask lines_task(std::vector<T>& out, fs::path path)
{
    return {[&out, path] { out = read_lines<T>(path, read_record<T>); }, path};
}

// What a snapshot read does, one task per large file of records and one for each side's small
// files, in the order a read on one thread would go (source first): when several fail, the first
// of them in this order is the error thrown.
std::vector<ReadTask> read_tasks(Snapshot& s, const fs::path& source, const fs::path& destination)
{
    auto& src = s.source;
    auto& dst = s.destination;
    std::vector<ReadTask> tasks;
    tasks.push_back(lines_task(src.orders, source / "orders.jsonl"));
    tasks.push_back(lines_task(src.customers, source / "customers.jsonl"));
    tasks.emplace_back(
        [&src, source] {
            src.checkouts = read_lines<Checkout>(source / "checkouts.jsonl", read_record<Checkout>);
            src.order_changes =
                read_lines<OrderChange>(source / "order_changes.jsonl", read_record<OrderChange>);
            src.daily_orders = read_array<DailyCount>(source / "daily_orders.json", read_record<DailyCount>);
        },
        source / "checkouts.jsonl");
    tasks.push_back(lines_task(dst.events, destination / "events.jsonl"));
    tasks.push_back(lines_task(dst.profiles, destination / "profiles.jsonl"));
    tasks.emplace_back(
        [&dst, destination] {
            dst.metrics = read_array<Metric>(destination / "metrics.json", read_record<Metric>);
            dst.audiences = read_array<Audience>(destination / "audiences.json", read_record<Audience>);
            dst.daily_placed_orders =
                read_array<DailyCount>(destination / "daily_placed_orders.json", read_record<DailyCount>);
            dst.flows = read_array<Flow>(destination / "flows.json", read_record<Flow>);
            dst.flow_report =
                read_array<FlowMessageDay>(destination / "flow_report.json", read_record<FlowMessageDay>);
            dst.trigger_days =
                read_array<TriggerDay>(destination / "trigger_days.json", read_record<TriggerDay>);
            dst.subscriber_list = read_subscriber_list(destination / "subscriber_list.json");
        },
        destination / "metrics.json");
    return tasks;
}

}  // namespace

Manifest read_manifest(const fs::path& run_dir)
{
    auto path = run_dir / "manifest.json";
    return manifest_from_json(core::read_file(path), path.string());
}

// The files are read on two threads, the calling one and a second: each takes the largest file
// not yet read when it is free (about a quarter each of a large snapshot: orders, customers,
// events, profiles; events parse slowest per byte), so both stay busy to the end. Each task writes
// only its own members of the Snapshot. When several fail, the error thrown is the one a read on
// one thread would have met first (source first, then destination, each in file order).
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
    auto tasks = read_tasks(s, source, destination);
    std::vector<std::uintmax_t> sizes(tasks.size());
    std::vector<std::size_t> order(tasks.size());
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        std::error_code ec;
        const auto size = fs::file_size(tasks[i].second, ec);
        sizes[i] = ec ? 0 : size;
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return sizes[a] > sizes[b]; });
    core::run_on_two_threads(order, [&tasks](std::size_t i) { tasks[i].first(); });
    return s;
}

}  // namespace frr::model
