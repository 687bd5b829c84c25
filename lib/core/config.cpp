#include "core/config.hpp"

#include "core/duration.hpp"
#include "core/error.hpp"
#include "core/loopback.hpp"
#include "core/state_dir.hpp"
#include "core/time.hpp"
#include "core/yaml_reader.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <regex>

namespace frr::core {

namespace {

const char* k_indicators[] = {
    "order_sync",    "line_items",    "value_integrity", "duplicates",  "event_delay", "freshness",
    "customer_sync", "consent",       "audiences",       "volume",      "connection",  "checkouts",
    "fulfillments",  "cancellations", "refunds",         "subscribers", "flow_status", "flow_sends"};

std::string host_of(const std::string& url)
{
    auto start = url.find("://");
    start = start == std::string::npos ? 0 : start + 3;
    auto end = url.find_first_of("/?#", start);
    auto host = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (auto at = host.rfind('@'); at != std::string::npos)
        host = host.substr(at + 1);
    if (!host.empty() && host[0] == '[')
        return host.substr(1, host.find(']') - 1);
    if (auto colon = host.rfind(':'); colon != std::string::npos)
        host = host.substr(0, colon);
    return host;
}

// https:// anywhere; http:// only to loopback (the simulator, a local relay).
void check_url(const std::string& url, const std::string& key, const std::string& where,
               const char* scheme_secure, const char* scheme_plain)
{
    if (url.empty())
        return;
    auto secure = std::string(scheme_secure) + "://";
    auto plain = std::string(scheme_plain) + "://";
    if (url.rfind(secure, 0) == 0)
        return;
    if (url.rfind(plain, 0) == 0) {
        if (is_loopback_host(host_of(url)))
            return;
        throw Error(
            ExitCode::config,
            fmt::format("'{}' uses plain {} to a non-loopback host ({})", key, scheme_plain, host_of(url)),
            where, fmt::format("use {} — plain {} is allowed only to 127.0.0.1 or localhost", secure, plain));
    }
    throw Error(ExitCode::config, fmt::format("'{}' is not a {} URL", key, scheme_secure), where,
                fmt::format("write it like {}host/...", secure));
}

void load_store(const YamlReader& r, StoreConfig& out)
{
    r.allow_only({"name", "timezone"});
    out.name = r.str("name", out.name);
    out.timezone = r.str("timezone", out.timezone);
    try {
        require_time_zone(out.timezone);
    } catch (const Error& e) {
        r.fail_at(YAML::Node(), "timezone", fmt::format("'{}' is not a known time zone", out.timezone),
                  "use an IANA name such as Europe/London");
    }
}

void load_checks(const YamlReader& r, ChecksConfig& out)
{
    r.allow_only({"window", "grace", "stall_after", "stall_min_orders", "volume_lookback_days",
                  "volume_min_orders", "volume_min_orders_lost_day", "audience_drop_ratio",
                  "audience_min_count", "value_tolerance_minor", "exclude_channels", "history_start",
                  "weights", "thresholds", "score", "max_catch_up", "flow_baseline_days",
                  "flow_min_triggers"});
    out.window = r.duration("window", out.window);
    out.max_catch_up = r.duration("max_catch_up", out.max_catch_up);
    out.grace = r.duration("grace", out.grace);
    out.stall_after = r.duration("stall_after", out.stall_after);
    out.stall_min_orders = r.integer("stall_min_orders", out.stall_min_orders, 1, 100000);
    out.volume_lookback_days = r.integer("volume_lookback_days", out.volume_lookback_days, 0, 365);
    out.volume_min_orders = r.integer("volume_min_orders", out.volume_min_orders, 1, 1000000);
    out.volume_min_orders_lost_day =
        r.integer("volume_min_orders_lost_day", out.volume_min_orders_lost_day, 0, 1000000);
    out.audience_drop_ratio = r.real("audience_drop_ratio", out.audience_drop_ratio, 0.0, 1.0);
    out.audience_min_count =
        r.integer("audience_min_count", static_cast<int>(out.audience_min_count), 0, 100000000);
    out.value_tolerance_minor =
        r.integer("value_tolerance_minor", static_cast<int>(out.value_tolerance_minor), 0, 100000);
    // A daily flow report spans at most 60 days: the baseline plus the window's days.
    out.flow_baseline_days = r.integer("flow_baseline_days", out.flow_baseline_days, 1, 56);
    out.flow_min_triggers = r.integer("flow_min_triggers", out.flow_min_triggers, 1, 1000000);
    out.exclude_channels = r.strings("exclude_channels");
    if (r.has("history_start")) {
        auto v = r.str("history_start", "");
        if (!parse_iso8601(v))
            r.fail_at(YAML::Node(), "history_start", fmt::format("'{}' is not a date", v),
                      "write it like 2025-01-31");
        out.history_start = v;
    }
    if (out.window <= out.grace)
        r.fail_at(YAML::Node(), "window", "must be longer than checks.grace");
    auto weights = r.child("weights");
    auto known_ids = std::initializer_list<const char*>{
        "order_sync",    "line_items",    "value_integrity", "duplicates",  "event_delay", "freshness",
        "customer_sync", "consent",       "audiences",       "volume",      "connection",  "checkouts",
        "fulfillments",  "cancellations", "refunds",         "subscribers", "flow_status", "flow_sends"};
    weights.allow_only(known_ids);
    for (const char* id : k_indicators)
        if (weights.has(id))
            out.weights[id] = weights.real(id, 0, 0, 1000);
    auto thresholds = r.child("thresholds");
    thresholds.allow_only(known_ids);
    for (const char* id : k_indicators) {
        if (!thresholds.has(id))
            continue;
        auto t = thresholds.child(id);
        t.allow_only({"warn", "critical"});
        out.thresholds[id] = Threshold{t.real("warn", 95, 0, 100), t.real("critical", 80, 0, 100)};
    }
    auto score = r.child("score");
    score.allow_only({"warn_below", "critical_below"});
    out.score_warn_below = score.integer("warn_below", out.score_warn_below, 0, 100);
    out.score_critical_below = score.integer("critical_below", out.score_critical_below, 0, 100);
}

void load_delivery(const YamlReader& r, DeliveryConfig& out, const std::string& where)
{
    r.allow_only({"email", "slack", "webhook", "outbox", "heartbeat", "retries", "formats", "templates_dir",
                  "schedule_interval", "show_masked_emails"});
    out.show_masked_emails = r.boolean("show_masked_emails", false);
    if (r.has("formats")) {
        out.formats = r.strings("formats");
        for (const auto& f : out.formats)
            if (f != "html" && f != "text" && f != "markdown" && f != "json")
                r.fail_at(YAML::Node(), "formats", fmt::format("has an unknown format '{}'", f),
                          "use html, text, markdown, json");
    }
    out.templates_dir = r.str("templates_dir", "");
    out.schedule_interval = r.duration("schedule_interval", out.schedule_interval);
    auto retries = r.child("retries");
    retries.allow_only({"max_attempts", "base_delay"});
    out.max_attempts = retries.integer("max_attempts", out.max_attempts, 1, 20);
    out.base_delay = retries.duration("base_delay", out.base_delay);
    if (r.has("email")) {
        auto e = r.child("email");
        e.allow_only({"smtp_url", "from", "to", "copy", "operator_to", "username_env", "username_file",
                      "username", "password_env", "password_file", "password"});
        EmailChannel c;
        c.smtp_url = e.required_str("smtp_url");
        check_url(c.smtp_url, "delivery.email.smtp_url", where, "smtps", "smtp");
        c.from = e.required_str("from");
        c.to = e.strings("to");
        c.operator_to = e.strings("operator_to");
        if (c.to.empty() && c.operator_to.empty())
            e.fail_at(YAML::Node(), "to", "needs at least one recipient");
        const auto copy = e.str("copy", "client");
        if (copy != "client" && copy != "operator")
            e.fail_at(YAML::Node(), "copy", fmt::format("is '{}'", copy),
                      "use client (plain report) or operator (with the technical appendix)");
        c.copy = copy == "operator" ? Audience::operator_copy : Audience::client;
        c.username = e.secret("username", "FRR_SMTP_USERNAME");
        c.password = e.secret("password", "FRR_SMTP_PASSWORD");
        out.email = c;
    }
    if (r.has("slack")) {
        auto s = r.child("slack");
        s.allow_only({"webhook_url_env", "webhook_url_file", "webhook_url"});
        SlackChannel c{s.secret("webhook_url", "FRR_SLACK_WEBHOOK_URL")};
        if (c.webhook_url.empty())
            s.fail_at(YAML::Node(), "webhook_url_env", "is required for Slack delivery");
        out.slack = c;
    }
    if (r.has("webhook")) {
        auto w = r.child("webhook");
        w.allow_only({"url", "signing_secret_env", "signing_secret_file", "signing_secret"});
        WebhookChannel c;
        c.url = w.required_str("url");
        check_url(c.url, "delivery.webhook.url", where, "https", "http");
        c.signing_secret = w.secret("signing_secret", "FRR_WEBHOOK_SECRET");
        out.webhook = c;
    }
    if (r.has("outbox")) {
        auto o = r.child("outbox");
        o.allow_only({"dir"});
        out.outbox = OutboxChannel{o.str("dir", "outbox")};
    }
    if (r.has("heartbeat")) {
        auto h = r.child("heartbeat");
        h.allow_only({"url_env", "url_file", "url"});
        HeartbeatConfig c{h.secret("url", "FRR_HEARTBEAT_URL")};
        if (c.url.empty())
            h.fail_at(YAML::Node(), "url_env", "is required for the heartbeat");
        out.heartbeat = c;
    }
}

void load_state(const YamlReader& r, StateConfig& out)
{
    r.allow_only({"dir", "retention", "keep_min"});
    out.dir = r.str("dir", "");
    out.retention = r.duration("retention", out.retention);
    out.keep_min = static_cast<std::size_t>(r.integer("keep_min", static_cast<int>(out.keep_min), 1, 100000));
}

void load_breaker(const YamlReader& r, BreakerConfig& out)
{
    r.allow_only({"failures_to_open", "cool_down"});
    out.failures_to_open = r.integer("failures_to_open", out.failures_to_open, 1, 1000);
    if (!r.has("cool_down"))
        return;
    // "2 runs" (scheduled runs skipped before the probe) or a duration ("6h").
    const auto text = r.str("cool_down", "");
    static const std::regex runs(R"(^\s*(\d+)\s*runs?\s*$)");
    std::smatch m;
    if (std::regex_match(text, m, runs)) {
        out.cool_down_runs = std::stoi(m[1].str());
        if (out.cool_down_runs < 1 || out.cool_down_runs > 1000)
            r.fail_at(YAML::Node(), "cool_down", "should be between 1 run and 1000 runs");
        out.cool_down = std::chrono::seconds{0};
        return;
    }
    if (!parse_duration(text))
        r.fail_at(YAML::Node(), "cool_down",
                  fmt::format("'{}' is neither a number of runs nor a duration", text),
                  "use a number of scheduled runs (1 run, 2 runs) or a duration (6h, 2d)");
    out.cool_down = r.duration("cool_down", out.cool_down);
    out.cool_down_runs = 0;
}

void load_fetch(const YamlReader& r, FetchConfig& out)
{
    r.allow_only({"max_attempts", "retry_base_delay_ms", "retry_max_delay_ms", "timeout_ms"});
    out.max_attempts = r.integer("max_attempts", out.max_attempts, 1, 20);
    auto ms = [&](const char* key, std::chrono::milliseconds fallback, int min) {
        return std::chrono::milliseconds{r.integer(key, static_cast<int>(fallback.count()), min, 3'600'000)};
    };
    out.retry_base_delay = ms("retry_base_delay_ms", out.retry_base_delay, 0);
    out.retry_max_delay = ms("retry_max_delay_ms", out.retry_max_delay, 0);
    out.timeout = ms("timeout_ms", out.timeout, 100);
}

// The key node of a top-level section, for its line (a value's mark is where the value starts).
YAML::Node key_node(const YAML::Node& root, const std::string& key)
{
    for (auto it = root.begin(); it != root.end(); ++it)
        if (it->first.IsScalar() && it->first.Scalar() == key)
            return it->first;
    return root;
}

// The `source:` or `destination:` section, or (before roles) a top-level key named after a
// known kind, which is read as that role's section and noted as deprecated.
ConnectorConfig load_connector(const YamlReader& r, const YAML::Node& root, Role role,
                               const ConnectorCatalog& catalog, Config& c)
{
    const char* section = to_string(role);
    const auto known = catalog.kinds(role);
    const auto listed = fmt::format("{}", fmt::join(known, ", "));
    std::vector<std::string> legacy;
    for (const auto& kind : known)
        if (r.has(kind.c_str()))
            legacy.push_back(kind);
    if (r.has(section) && !legacy.empty())
        r.fail_at(key_node(root, legacy.front()), legacy.front(),
                  fmt::format("and '{}' both configure the {}", section, section),
                  fmt::format("keep only '{}:' (with kind: {})", section, legacy.front()));
    if (legacy.size() > 1)
        r.fail_at(key_node(root, legacy[1]), legacy[1],
                  fmt::format("and '{}' are both a {}", legacy[0], section),
                  fmt::format("configure one {} under '{}:'", section, section));
    ConnectorConfig out;
    if (!legacy.empty()) {
        out.kind = legacy.front();
        const auto mark = key_node(root, out.kind).Mark();
        c.deprecations.push_back(fmt::format(
            "'{}:' ({}:{}) is the old layout; write it as '{}:' with 'kind: {}' and the same keys "
            "(docs/configuration.md)",
            out.kind, c.file.string(), mark.line + 1, section, out.kind));
        out.settings = (*catalog.find(role, out.kind))(r.child(out.kind.c_str()));
        return out;
    }
    if (!r.has(section))
        r.fail_at(
            root, section, "section is required",
            fmt::format("add '{}:' with 'kind:' one of {}; see examples/frr.example.yaml", section, listed));
    auto s = r.child(section);
    out.kind = s.required_str("kind");
    const auto* parse = catalog.find(role, out.kind);
    if (parse == nullptr)
        s.fail_at(root[section]["kind"], "kind", fmt::format("'{}' is not a known {}", out.kind, section),
                  fmt::format("use one of: {}", listed));
    out.settings = (*parse)(s);
    return out;
}

}  // namespace

Config parse_config(const std::string& text, const std::filesystem::path& source,
                    const ConnectorCatalog& catalog)
{
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        throw Error(ExitCode::config, fmt::format("the YAML is malformed: {}", e.msg),
                    fmt::format("{}:{}:{}", source.string(), e.mark.line + 1, e.mark.column + 1),
                    "check the indentation and quoting around that line");
    }
    if (!root || root.IsNull())
        throw Error(ExitCode::config, "the configuration file is empty", source.string(),
                    "start from examples/frr.example.yaml");
    Config c;
    c.file = source;
    YamlReader r(root, "", source);
    std::vector<std::string> top{"store",    "source", "destination", "checks",
                                 "delivery", "state",  "breaker",     "fetch"};
    for (auto role : {Role::source, Role::destination})
        for (auto& kind : catalog.kinds(role))
            top.push_back(kind);
    r.allow_only(top);
    load_store(r.child("store"), c.store);
    for (auto role : {Role::source, Role::destination}) {
        auto connector = load_connector(r, root, role, catalog, c);
        // Base URLs (after environment overrides) must be https, or http to loopback.
        check_url(connector.settings->effective_base_url(), fmt::format("{}.base_url", to_string(role)),
                  source.string(), "https", "http");
        (role == Role::source ? c.source : c.destination) = std::move(connector);
    }
    load_checks(r.child("checks"), c.checks);
    load_delivery(r.child("delivery"), c.delivery, source.string());
    load_state(r.child("state"), c.state);
    load_breaker(r.child("breaker"), c.breaker);
    load_fetch(r.child("fetch"), c.fetch);
    return c;
}

Config load_config(const std::filesystem::path& path, const ConnectorCatalog& catalog)
{
    std::string text;
    try {
        text = read_file(path);
    } catch (const Error&) {
        throw Error(ExitCode::config, "cannot read the configuration file", path.string(),
                    "pass one with -c FILE or FRR_CONFIG; examples/frr.example.yaml is a start");
    }
    return parse_config(text, path, catalog);
}

std::vector<std::string> resolvable_secrets(const Config& c)
{
    std::vector<std::string> out;
    auto add = [&](const SecretRef& s) {
        if (s.empty())
            return;
        try {
            out.push_back(s.resolve());
        } catch (const Error&) {
        }
    };
    for (const auto* connector : {&c.source, &c.destination})
        if (connector->settings)
            for (const auto* s : connector->settings->secrets())
                add(*s);
    if (c.delivery.email) {
        add(c.delivery.email->username);
        add(c.delivery.email->password);
    }
    if (c.delivery.slack)
        add(c.delivery.slack->webhook_url);
    if (c.delivery.webhook)
        add(c.delivery.webhook->signing_secret);
    if (c.delivery.heartbeat)
        add(c.delivery.heartbeat->url);
    return out;
}

const char* to_string(Role role)
{
    return role == Role::source ? "source" : "destination";
}

void require_kind(const ConnectorConfig& connector, bool matches, const char* expected)
{
    if (!matches || !connector.settings)
        throw Error(ExitCode::config,
                    fmt::format("the configured connector is '{}', where '{}' was expected", connector.kind,
                                expected),
                    "configuration");
}

void ConnectorCatalog::add(Role role, std::string kind, ConnectorParser parse)
{
    m_entries.push_back({role, std::move(kind), std::move(parse)});
}

const ConnectorParser* ConnectorCatalog::find(Role role, const std::string& kind) const
{
    for (const auto& e : m_entries)
        if (e.role == role && e.kind == kind)
            return &e.parse;
    return nullptr;
}

std::vector<std::string> ConnectorCatalog::kinds(Role role) const
{
    std::vector<std::string> out;
    for (const auto& e : m_entries)
        if (e.role == role)
            out.push_back(e.kind);
    return out;
}

}  // namespace frr::core
