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

std::string env_override(const char* name, const std::string& fallback)
{
    const char* v = std::getenv(name);
    return v != nullptr && *v != '\0' ? std::string(v) : fallback;
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

void load_shopify(const YamlReader& r, ShopifyConfig& out)
{
    r.allow_only({"shop", "api_version", "base_url", "auth", "page_size", "bulk_threshold"});
    out.shop = r.required_str("shop");
    out.api_version = r.str("api_version", out.api_version);
    out.base_url = r.str("base_url", "");
    out.page_size = r.integer("page_size", out.page_size, 1, 250);
    out.bulk_threshold = r.integer("bulk_threshold", static_cast<int>(out.bulk_threshold), 0, 100'000'000);
    auto auth = r.child("auth");
    auth.allow_only({"mode", "access_token_env", "access_token_file", "access_token", "client_id_env",
                     "client_id_file", "client_id", "client_secret_env", "client_secret_file",
                     "client_secret", "refresh_token_env", "refresh_token_file", "refresh_token"});
    auto mode = auth.str("mode", "static_token");
    out.access_token = auth.secret("access_token", "FRR_SHOPIFY_ACCESS_TOKEN");
    out.client_id = auth.secret("client_id", "FRR_SHOPIFY_CLIENT_ID");
    out.client_secret = auth.secret("client_secret", "FRR_SHOPIFY_CLIENT_SECRET");
    out.refresh_token = auth.secret("refresh_token", "FRR_SHOPIFY_REFRESH_TOKEN");
    if (mode == "static_token") {
        out.auth = ShopifyAuthMode::static_token;
        if (out.access_token.empty())
            auth.fail_at(YAML::Node(), "access_token_env", "is required for mode static_token",
                         "add 'access_token_env: FRR_SHOPIFY_ACCESS_TOKEN' under shopify.auth");
    } else if (mode == "client_credentials" || mode == "refresh_token") {
        out.auth = mode == "client_credentials" ? ShopifyAuthMode::client_credentials
                                                : ShopifyAuthMode::refresh_token;
        if (out.client_id.empty() || out.client_secret.empty())
            auth.fail_at(YAML::Node(), "client_id_env",
                         fmt::format("and client_secret_env are required for mode {}", mode));
        if (mode == "refresh_token" && out.refresh_token.empty())
            auth.fail_at(YAML::Node(), "refresh_token_env", "is required for mode refresh_token");
    } else {
        auth.fail_at(YAML::Node(), "mode", fmt::format("'{}' is not an auth mode", mode),
                     "use static_token, client_credentials or refresh_token");
    }
}

void load_klaviyo(const YamlReader& r, KlaviyoConfig& out)
{
    r.allow_only({"revision", "base_url", "auth", "audiences", "subscriber_list"});
    out.revision = r.str("revision", out.revision);
    out.base_url = r.str("base_url", out.base_url);
    out.audiences = r.strings("audiences");
    out.subscriber_list = r.str("subscriber_list", "");
    auto auth = r.child("auth");
    auth.allow_only({"mode", "private_key_env", "private_key_file", "private_key", "client_id_env",
                     "client_id_file", "client_id", "client_secret_env", "client_secret_file",
                     "client_secret", "refresh_token_env", "refresh_token_file", "refresh_token"});
    auto mode = auth.str("mode", "private_key");
    out.private_key = auth.secret("private_key", "FRR_KLAVIYO_PRIVATE_KEY");
    out.client_id = auth.secret("client_id", "FRR_KLAVIYO_CLIENT_ID");
    out.client_secret = auth.secret("client_secret", "FRR_KLAVIYO_CLIENT_SECRET");
    out.refresh_token = auth.secret("refresh_token", "FRR_KLAVIYO_REFRESH_TOKEN");
    if (mode == "private_key") {
        out.auth = KlaviyoAuthMode::private_key;
        if (out.private_key.empty())
            auth.fail_at(YAML::Node(), "private_key_env", "is required for mode private_key",
                         "add 'private_key_env: FRR_KLAVIYO_PRIVATE_KEY' under klaviyo.auth");
    } else if (mode == "oauth") {
        out.auth = KlaviyoAuthMode::oauth;
        if (out.client_id.empty() || out.client_secret.empty() || out.refresh_token.empty())
            auth.fail_at(YAML::Node(), "refresh_token_env",
                         "client_id_env and client_secret_env are required for mode oauth");
    } else {
        auth.fail_at(YAML::Node(), "mode", fmt::format("'{}' is not an auth mode", mode),
                     "use private_key or oauth");
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

}  // namespace

std::string SecretRef::resolve() const
{
    if (!env.empty()) {
        const char* v = std::getenv(env.c_str());
        if (v == nullptr || *v == '\0')
            throw Error(ExitCode::config, fmt::format("environment variable {} is not set", env), key,
                        fmt::format("export {}=... (the secret for {}) before running frr", env, key));
        return v;
    }
    if (!file.empty()) {
        require_private_file(file);
        auto text = read_file(file);
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
            text.pop_back();
        if (text.empty())
            throw Error(ExitCode::config, "the secret file is empty", file.string());
        return text;
    }
    throw Error(ExitCode::config, fmt::format("no secret configured for {}", key), key,
                fmt::format("set {}_env or {}_file", key, key));
}

std::string SecretRef::describe() const
{
    if (!env.empty())
        return "env " + env;
    if (!file.empty())
        return "file " + file.string();
    return "not set";
}

std::string ShopifyConfig::effective_base_url() const
{
    auto url = env_override("FRR_SHOPIFY_BASE_URL", base_url.empty() ? "https://" + shop : base_url);
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    return url;
}

std::string KlaviyoConfig::effective_base_url() const
{
    auto url = env_override("FRR_KLAVIYO_BASE_URL", base_url);
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    return url;
}

Config parse_config(const std::string& text, const std::filesystem::path& source)
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
    c.source = source;
    YamlReader r(root, "", source);
    r.allow_only({"store", "shopify", "klaviyo", "checks", "delivery", "state", "breaker", "fetch"});
    if (!r.has("shopify"))
        r.fail_at(root, "shopify", "section is required", "see examples/frr.example.yaml");
    if (!r.has("klaviyo"))
        r.fail_at(root, "klaviyo", "section is required", "see examples/frr.example.yaml");
    load_store(r.child("store"), c.store);
    load_shopify(r.child("shopify"), c.shopify);
    load_klaviyo(r.child("klaviyo"), c.klaviyo);
    load_checks(r.child("checks"), c.checks);
    load_delivery(r.child("delivery"), c.delivery, source.string());
    load_state(r.child("state"), c.state);
    load_breaker(r.child("breaker"), c.breaker);
    load_fetch(r.child("fetch"), c.fetch);
    // Base URLs (after environment overrides) must be https, or http to loopback.
    check_url(c.shopify.effective_base_url(), "shopify.base_url", source.string(), "https", "http");
    check_url(c.klaviyo.effective_base_url(), "klaviyo.base_url", source.string(), "https", "http");
    return c;
}

Config load_config(const std::filesystem::path& path)
{
    std::string text;
    try {
        text = read_file(path);
    } catch (const Error&) {
        throw Error(ExitCode::config, "cannot read the configuration file", path.string(),
                    "pass one with -c FILE or FRR_CONFIG; examples/frr.example.yaml is a start");
    }
    return parse_config(text, path);
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
    for (auto* s :
         {&c.shopify.access_token, &c.shopify.client_id, &c.shopify.client_secret, &c.shopify.refresh_token,
          &c.klaviyo.private_key, &c.klaviyo.client_id, &c.klaviyo.client_secret, &c.klaviyo.refresh_token})
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

const char* to_string(ShopifyAuthMode m)
{
    switch (m) {
    case ShopifyAuthMode::static_token: return "static_token";
    case ShopifyAuthMode::client_credentials: return "client_credentials";
    case ShopifyAuthMode::refresh_token: return "refresh_token";
    }
    return "static_token";
}

const char* to_string(KlaviyoAuthMode m)
{
    return m == KlaviyoAuthMode::private_key ? "private_key" : "oauth";
}

}  // namespace frr::core
