#pragma once
// A scenario file (examples/scenarios/*.yaml) as data. Reference: docs/simulator.md.
// Times in a scenario are either absolute ISO-8601 or relative to the start time ("now"):
// "-6h", "+30m", "-2d".
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "faults.hpp"
#include "sim_context.hpp"
#include "store.hpp"

namespace frr::sim {

// A bad scenario file; what() is "FILE:LINE:COL: message".
class ScenarioError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A point in time, absolute or relative to the start time.
struct TimeSpec {
    std::optional<Time> absolute;
    std::chrono::seconds relative{0};
    Time resolve(Time now) const { return absolute ? *absolute : now + relative; }
};

// How many records a defect hits: a share of the candidates (seeded), an exact count, or an
// explicit list of keys (order numbers like 1043 for order defects, customer ids for customer ones).
struct DefectAmount {
    double rate = 0.0;
    std::uint32_t count = 0;
    std::vector<std::int64_t> keys;
    bool any() const { return rate > 0.0 || count > 0 || !keys.empty(); }
};

struct AudienceDrop {
    std::string group;  // "newsletter", "list:<name>", "segment:<name>"
    TimeSpec at;
    double keep = 0.0;    // share of members that remain (0 = emptied)
    bool vanish = false;  // the list/segment is deleted
};

// A flow switched off at a time (docs/simulator.md "Flows"): to draft or manual, archived or
// deleted. `flow` is the flow's name.
struct FlowSwitch {
    std::string flow;
    TimeSpec at;
    std::string to = "draft";  // draft | manual | archived | deleted
};

// A live flow that stops sending from a time (its trigger still arrives).
struct FlowStop {
    std::string flow;
    TimeSpec from;
};

struct StoreSettings {
    std::string name = "FRR Demo Store";
    std::string domain = "frr-demo.myshopify.com";
    std::string timezone = "Europe/London";
    Currency currency = Currency::gbp;
    std::uint32_t history_days = 30;
    double orders_per_day = 240;
    std::uint32_t customers = 3000;
    std::uint32_t products = 40;
    double checkouts_per_day = 30;
    double test_order_rate = 0.02;
    double cancel_rate = 0.03;
    double refund_rate = 0.03;
    double partial_refund_rate = 0.02;
    double partial_fulfillment_rate = 0.05;  // fulfilled web orders of 2+ lines shipped in two parts
    double pos_rate = 0.12;
    double draft_rate = 0.06;
    double eur_rate = 0.15;
    double phone_only_rate = 0.08;
    double redacted_rate = 0.01;
    double klaviyo_only_profiles = 0.05;  // share of extra Klaviyo-only profiles (sign-up forms)
    bool edge_orders = true;              // orders exactly at window edges and in the DST fall-back hour
};

struct PlatformSettings {
    std::vector<std::string> scopes;
    std::chrono::seconds token_lifetime{3600};
    bool rotate_refresh = true;
    bool invalidate_old_refresh = true;
};

struct ShopifySettings {
    double bucket_size = 2000.0;
    double restore_rate = 100.0;
    ShopifyThrottleMode throttle_mode = ShopifyThrottleMode::graphql_200;
    std::vector<std::string> api_versions;
    PlatformSettings auth;
};

struct DefectSettings {
    std::chrono::seconds scope{24 *
                               3600};  // rate-based order defects hit orders created in [now - scope, now)
    DefectAmount missing_placed_order;
    DefectAmount late_events;
    std::chrono::seconds late_min{10 * 60};  // late events arrive start + [late_min, late_max]
    std::chrono::seconds late_max{2 * 3600};
    DefectAmount duplicates;
    DefectAmount wrong_value;
    DefectAmount missing_ordered_product;
    DefectAmount missing_profile;
    DefectAmount consent_klaviyo_subscribed;      // Shopify UNSUBSCRIBED/NOT_SUBSCRIBED, Klaviyo SUBSCRIBED
    DefectAmount consent_klaviyo_not_subscribed;  // Shopify SUBSCRIBED, Klaviyo NEVER_SUBSCRIBED
    std::optional<TimeSpec> stall_from;
    std::vector<AudienceDrop> audience_drops;
    std::uint32_t missing_days = 0;               // pick this many eligible days
    std::vector<std::uint32_t> missing_days_ago;  // or these: local days before the day of `since`
    // Flow triggers (keys: checkout ids for checkouts, order numbers for orders, customer ids).
    DefectAmount missing_checkout_started;
    DefectAmount missing_fulfilled_order;
    DefectAmount missing_cancelled_order;
    DefectAmount missing_refunded_order;
    DefectAmount subscribers_missing_from_list;
    std::vector<FlowSwitch> flow_switched_off;
    std::vector<FlowStop> flow_stops_sending;
};

// Real-world records (issue 12), `records:` in a scenario; docs/simulator.md. None of them is a
// defect except the email variants that are different addresses (plus_tag, dots, different),
// whose customers then have no profile of their own.
struct EmailVariants {
    std::uint32_t unicode_case = 0;  // Shopify and Klaviyo spell the address in different Unicode case
    std::uint32_t idn = 0;           // ... with the domain in Unicode on one side, ASCII (xn--) on the other
    std::uint32_t plus_tag = 0;      // Klaviyo holds local+shop@domain: a different address
    std::uint32_t dots = 0;          // Klaviyo holds the local part without its dots: a different address
    std::uint32_t different = 0;     // Klaviyo holds another domain: a different address
};

struct RecordsSettings {
    EmailVariants email_variants;
    DefectAmount edited_orders;  // orders edited after placement (rate/count from the defect scope, keys)
    std::string order_prefix = "#";
    std::string order_suffix;
    std::uint32_t decoys_with_order_ids = 0;  // API-integration Placed Orders carrying real order ids
    OrderIdField order_id_field = OrderIdField::extra_id;
    bool aggregates_ignore_timezone = false;  // aggregate_days: utc
};

// A fault from the scenario file; times relative to the start.
struct ScenarioFault {
    FaultSpec spec;
    std::optional<TimeSpec> from;
    std::optional<TimeSpec> until;
};

struct Scenario {
    std::string name = "unnamed";
    // The platform the store is served as (`source: shopify | woocommerce`, default shopify).
    SourcePlatform source = SourcePlatform::shopify;
    std::string path;
    std::uint64_t seed = 42;
    std::optional<Time> now;  // default start time; --now overrides; else real time
    StoreSettings store;
    ShopifySettings shopify;
    PlatformSettings klaviyo;
    std::pair<std::chrono::seconds, std::chrono::seconds> sync_lag{std::chrono::seconds(2),
                                                                   std::chrono::seconds(90)};
    DefectSettings defects;
    RecordsSettings records;
    AnswerKeyConfig answer_key;
    std::vector<ScenarioFault> faults;
    double rate_limit_scale = 1.0;
};

// Throws ScenarioError with file:line for unreadable files, bad YAML, unknown keys, bad values.
Scenario load_scenario(const std::filesystem::path& file);
Scenario parse_scenario(const std::string& yaml_text, const std::string& file_name);

// "90s", "30m", "6h", "2d", "1h30m" (no sign); nullopt when malformed.
std::optional<std::chrono::seconds> parse_duration(std::string_view text);
// "-6h", "+30m" (relative) or ISO-8601 (absolute).
std::optional<TimeSpec> parse_time_spec(std::string_view text);

}  // namespace frr::sim
