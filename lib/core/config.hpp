#pragma once
// The configuration file (YAML), validated into plain structs. Every key is
// documented in examples/frr.example.yaml and docs/configuration.md.
// Secrets never appear in the file: a secret is named by an environment
// variable (`<name>_env`) or a file (`<name>_file`) and read at use
// (core/secret_ref.hpp).
#include "core/connector_config.hpp"

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace frr::core {

struct StoreConfig {
    std::string name = "My store";
    std::string timezone = "Europe/London";
};

struct Threshold {
    double warn = 0;      // score below this -> warn
    double critical = 0;  // score below this -> critical
};

struct ChecksConfig {
    std::chrono::seconds window{24 * 3600};
    std::chrono::seconds grace{3600};
    std::chrono::seconds stall_after{2 * 3600};
    int stall_min_orders = 3;
    int volume_lookback_days = 28;
    int volume_min_orders = 10;
    // A day with at least this many eligible orders and no Placed Order at all is a gap, however
    // small the store (the Poisson rule needs volume_min_orders); 0 turns it off.
    int volume_min_orders_lost_day = 5;
    double audience_drop_ratio = 0.5;
    std::int64_t audience_min_count = 10;
    std::int64_t value_tolerance_minor = 1;
    int flow_baseline_days = 14;  // days before the window that show a flow's usual send rate
    int flow_min_triggers = 10;   // a flow is judged silent only with at least this many triggers
    std::vector<std::string> exclude_channels;    // sales channels not expected in the destination
    std::optional<std::string> history_start;     // ISO date: orders before it are not expected
    std::map<std::string, double> weights;        // indicator id -> weight
    std::map<std::string, Threshold> thresholds;  // indicator id -> score thresholds
    int score_warn_below = 90;
    int score_critical_below = 60;
    // How far back a run's record-level window may reach to cover periods that
    // earlier runs could not judge (missed runs, outages): see the watermarks in
    // docs/health-model.md. Older unjudged periods are named in the report as skipped.
    std::chrono::seconds max_catch_up{7 * 24 * 3600};
};

// Which copy of the report a recipient gets (docs/report.md "Two audiences"):
// the client's (plain English, money first, no ids) or the operator's (the
// same plus the technical appendix: ids, request statistics, raw keys).
enum class Audience { client, operator_copy };

struct EmailChannel {
    std::string smtp_url;  // smtps://host:465 or smtp://host:587 (STARTTLS required)
    std::string from;      // RFC 5322 mailbox: "frr <reports@example.com>" or a bare address
    std::vector<std::string> to;
    Audience copy = Audience::client;      // what `to` receives
    std::vector<std::string> operator_to;  // a separate message with the operator's copy
    SecretRef username;
    SecretRef password;
};

struct SlackChannel {
    SecretRef webhook_url;  // the URL itself is a secret
};

struct WebhookChannel {
    std::string url;
    SecretRef signing_secret;  // HMAC-SHA256 key for X-Frr-Signature
};

struct OutboxChannel {
    std::filesystem::path dir;  // relative paths are relative to the state dir
};

struct HeartbeatConfig {
    SecretRef url;  // healthchecks-style base URL (contains a secret uuid)
};

struct DeliveryConfig {
    std::optional<EmailChannel> email;
    std::optional<SlackChannel> slack;
    std::optional<WebhookChannel> webhook;
    std::optional<OutboxChannel> outbox;
    std::optional<HeartbeatConfig> heartbeat;
    int max_attempts = 4;
    std::chrono::seconds base_delay{2};
    std::vector<std::string> formats{"html", "text", "markdown", "json"};
    std::filesystem::path templates_dir;  // "" -> the bundled reports/
    bool show_masked_emails = false;      // the client's copy lists affected customers' masked e-mails
    std::chrono::seconds schedule_interval{24 * 3600};  // expected time between runs
};

struct StateConfig {
    std::filesystem::path dir;
    std::chrono::seconds retention{90LL * 24 * 3600};
    std::size_t keep_min = 14;
};

// After `failures_to_open` consecutive failed runs a platform is skipped
// ("paused"), then probed again. The cool-down is counted in scheduled runs by
// default (`cool_down: 1 run`), so it means the same with an hourly and a daily
// cron; a duration (`cool_down: 6h`) waits that long instead.
struct BreakerConfig {
    int failures_to_open = 3;
    int cool_down_runs = 1;             // runs skipped before the probe; 0 when a duration is set
    std::chrono::seconds cool_down{0};  // used when cool_down_runs == 0
};

// How the fetch retries and times out its requests (docs/fetching.md). The defaults suit the
// real services; tests shorten them so injected faults cost milliseconds.
struct FetchConfig {
    int max_attempts = 8;                               // including the first
    std::chrono::milliseconds retry_base_delay{500};    // backoff ceiling after the first failure
    std::chrono::milliseconds retry_max_delay{30'000};  // cap of the backoff
    std::chrono::milliseconds timeout{60'000};          // whole request, connect included
};

struct Config {
    std::filesystem::path file;  // the file it came from
    StoreConfig store;
    ConnectorConfig source;       // where the orders and customers come from
    ConnectorConfig destination;  // where they should arrive
    // Notes about deprecated keys the file still uses, one line each, for the CLI to print
    // on stderr.
    std::vector<std::string> deprecations;
    ChecksConfig checks;
    DeliveryConfig delivery;
    StateConfig state;
    BreakerConfig breaker;
    FetchConfig fetch;
};

// Loads and validates. Throws Error(config) with file:line:col, the key, and a
// suggestion ("did you mean 'timezone'?") for unknown keys; names the key for
// wrong types and missing values; refuses literal secrets and plain http://
// base URLs to non-loopback hosts. The `source:` and `destination:` sections are
// parsed by the catalog's parser for their `kind`; a top-level key named after a
// known kind (the layout before roles, `<kind>: {...}`) is still read as that
// role's section, with a deprecation note on stderr.
// connectors/registry.hpp has the overloads with the built-in catalog.
Config load_config(const std::filesystem::path& path, const ConnectorCatalog& catalog);
Config parse_config(const std::string& yaml_text, const std::filesystem::path& source,
                    const ConnectorCatalog& catalog);

// Every secret the config names that is currently set, for the Redactor.
std::vector<std::string> resolvable_secrets(const Config& config);

}  // namespace frr::core
