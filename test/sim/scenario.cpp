// Scenario files: YAML -> Scenario, with strict keys. Reference: docs/simulator.md.
#include "scenario.hpp"

#include <fstream>
#include <sstream>

#include "scenario_yaml.hpp"

namespace frr::sim {

using yaml::Reader;

std::optional<std::chrono::seconds> parse_duration(std::string_view text)
{
    if (text.empty())
        return std::nullopt;
    std::int64_t total = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        std::int64_t value = 0;
        std::size_t start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9')
            value = value * 10 + (text[i++] - '0');
        if (i == start || i == text.size())
            return std::nullopt;
        switch (text[i++]) {
        case 's': total += value; break;
        case 'm': total += value * 60; break;
        case 'h': total += value * 3600; break;
        case 'd': total += value * 86400; break;
        default: return std::nullopt;
        }
    }
    return std::chrono::seconds(total);
}

std::optional<TimeSpec> parse_time_spec(std::string_view text)
{
    TimeSpec t;
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
        auto d = parse_duration(text.substr(1));
        if (!d)
            return std::nullopt;
        t.relative = text[0] == '-' ? -*d : *d;
        return t;
    }
    auto abs = parse_iso(text);
    if (!abs)
        return std::nullopt;
    t.absolute = abs;
    return t;
}

namespace {

void read_store(const Reader& r, const YAML::Node& n, StoreSettings& s)
{
    r.check_keys(n,
                 {"name",
                  "domain",
                  "timezone",
                  "currency",
                  "history_days",
                  "orders_per_day",
                  "customers",
                  "products",
                  "checkouts_per_day",
                  "test_order_rate",
                  "cancel_rate",
                  "refund_rate",
                  "partial_refund_rate",
                  "partial_fulfillment_rate",
                  "pos_rate",
                  "draft_rate",
                  "eur_rate",
                  "phone_only_rate",
                  "redacted_rate",
                  "klaviyo_only_profiles",
                  "edge_orders"},
                 "store");
    if (n["name"])
        s.name = r.text(n["name"]);
    if (n["domain"])
        s.domain = r.text(n["domain"]);
    if (n["timezone"])
        s.timezone = r.text(n["timezone"]);
    if (n["currency"]) {
        std::string c = r.text(n["currency"]);
        if (c != "GBP" && c != "EUR")
            r.fail(n["currency"], "currency must be GBP or EUR");
        s.currency = c == "GBP" ? Currency::gbp : Currency::eur;
    }
    if (n["history_days"])
        s.history_days = r.count(n["history_days"]);
    if (s.history_days < 2 || s.history_days > 400)
        r.fail(n["history_days"], "history_days must be 2..400");
    if (n["orders_per_day"])
        s.orders_per_day = r.number(n["orders_per_day"]);
    if (n["customers"])
        s.customers = r.count(n["customers"]);
    if (s.customers == 0)
        r.fail(n["customers"], "a store needs at least one customer");
    if (n["products"])
        s.products = r.count(n["products"]);
    if (s.products == 0)
        r.fail(n["products"], "a store needs at least one product");
    if (n["checkouts_per_day"])
        s.checkouts_per_day = r.number(n["checkouts_per_day"]);
    const std::pair<const char*, double*> shares[] = {
        {"test_order_rate", &s.test_order_rate},
        {"cancel_rate", &s.cancel_rate},
        {"refund_rate", &s.refund_rate},
        {"partial_refund_rate", &s.partial_refund_rate},
        {"partial_fulfillment_rate", &s.partial_fulfillment_rate},
        {"pos_rate", &s.pos_rate},
        {"draft_rate", &s.draft_rate},
        {"eur_rate", &s.eur_rate},
        {"phone_only_rate", &s.phone_only_rate},
        {"redacted_rate", &s.redacted_rate},
        {"klaviyo_only_profiles", &s.klaviyo_only_profiles}};
    for (const auto& [key, out] : shares)
        if (n[key])
            *out = r.share(n[key]);
    if (n["edge_orders"])
        s.edge_orders = r.boolean(n["edge_orders"]);
}

void read_auth(const Reader& r, const YAML::Node& n, PlatformSettings& a)
{
    if (n["scopes"])
        a.scopes = r.strings(n["scopes"]);
    if (n["token_lifetime"])
        a.token_lifetime = r.duration(n["token_lifetime"]);
    if (n["rotate_refresh"])
        a.rotate_refresh = r.boolean(n["rotate_refresh"]);
    if (n["invalidate_old_refresh"])
        a.invalidate_old_refresh = r.boolean(n["invalidate_old_refresh"]);
}

void read_shopify(const Reader& r, const YAML::Node& n, ShopifySettings& s)
{
    r.check_keys(n,
                 {"bucket_size", "restore_rate", "throttle_mode", "api_versions", "scopes", "token_lifetime",
                  "rotate_refresh", "invalidate_old_refresh"},
                 "shopify");
    if (n["bucket_size"])
        s.bucket_size = r.number(n["bucket_size"]);
    if (n["restore_rate"])
        s.restore_rate = r.number(n["restore_rate"]);
    if (n["throttle_mode"]) {
        std::string m = r.text(n["throttle_mode"]);
        if (m == "graphql_200")
            s.throttle_mode = ShopifyThrottleMode::graphql_200;
        else if (m == "legacy_message")
            s.throttle_mode = ShopifyThrottleMode::legacy_message;
        else if (m == "http_429")
            s.throttle_mode = ShopifyThrottleMode::http_429;
        else
            r.fail(n["throttle_mode"], "throttle_mode must be graphql_200, legacy_message or http_429");
    }
    if (n["api_versions"])
        s.api_versions = r.strings(n["api_versions"]);
    read_auth(r, n, s.auth);
}

void read_klaviyo(const Reader& r, const YAML::Node& n, PlatformSettings& k)
{
    r.check_keys(n, {"scopes", "token_lifetime", "rotate_refresh", "invalidate_old_refresh"}, "klaviyo");
    read_auth(r, n, k);
}

DefectAmount read_amount(const Reader& r, const YAML::Node& n, std::string_view where)
{
    r.check_keys(n, {"rate", "count", "keys"}, where);
    DefectAmount a;
    if (n["rate"])
        a.rate = r.share(n["rate"]);
    if (n["count"])
        a.count = r.count(n["count"]);
    if (n["keys"]) {
        if (!n["keys"].IsSequence())
            r.fail(n["keys"], "keys must be a list");
        for (const auto& k : n["keys"])
            a.keys.push_back(r.integer(k));
    }
    return a;
}

void read_defects(const Reader& r, const YAML::Node& n, DefectSettings& d)
{
    r.check_keys(n,
                 {"scope",
                  "missing_placed_order",
                  "late_events",
                  "late_arrival",
                  "duplicates",
                  "wrong_value",
                  "missing_ordered_product",
                  "missing_profile",
                  "consent_klaviyo_subscribed",
                  "consent_klaviyo_not_subscribed",
                  "stall_from",
                  "audience_drops",
                  "missing_days",
                  "missing_days_ago",
                  "missing_checkout_started",
                  "missing_fulfilled_order",
                  "missing_cancelled_order",
                  "missing_refunded_order",
                  "subscribers_missing_from_list",
                  "flow_switched_off",
                  "flow_stops_sending"},
                 "defects");
    if (n["scope"])
        d.scope = r.duration(n["scope"]);
    const std::pair<const char*, DefectAmount*> amounts[] = {
        {"missing_placed_order", &d.missing_placed_order},
        {"late_events", &d.late_events},
        {"duplicates", &d.duplicates},
        {"wrong_value", &d.wrong_value},
        {"missing_ordered_product", &d.missing_ordered_product},
        {"missing_profile", &d.missing_profile},
        {"consent_klaviyo_subscribed", &d.consent_klaviyo_subscribed},
        {"consent_klaviyo_not_subscribed", &d.consent_klaviyo_not_subscribed},
        {"missing_checkout_started", &d.missing_checkout_started},
        {"missing_fulfilled_order", &d.missing_fulfilled_order},
        {"missing_cancelled_order", &d.missing_cancelled_order},
        {"missing_refunded_order", &d.missing_refunded_order},
        {"subscribers_missing_from_list", &d.subscribers_missing_from_list}};
    for (const auto& [key, out] : amounts)
        if (n[key])
            *out = read_amount(r, n[key], std::string("defects.") + key);
    if (const auto la = n["late_arrival"]) {
        if (!la.IsSequence() || la.size() != 2)
            r.fail(la, "late_arrival must be [min, max], e.g. [10m, 2h]");
        d.late_min = r.duration(la[0]);
        d.late_max = r.duration(la[1]);
        if (d.late_min > d.late_max || d.late_min.count() <= 0)
            r.fail(la, "late_arrival needs 0 < min <= max");
    }
    if (n["stall_from"])
        d.stall_from = r.time_spec(n["stall_from"]);
    if (const auto drops = n["audience_drops"]) {
        if (!drops.IsSequence())
            r.fail(drops, "audience_drops must be a list");
        for (const auto& item : drops) {
            r.check_keys(item, {"group", "at", "keep", "vanish"}, "defects.audience_drops[]");
            AudienceDrop a;
            if (!item["group"] || !item["at"])
                r.fail(item, "an audience drop needs 'group' and 'at'");
            a.group = r.text(item["group"]);
            a.at = r.time_spec(item["at"]);
            if (item["keep"])
                a.keep = r.share(item["keep"]);
            if (item["vanish"])
                a.vanish = r.boolean(item["vanish"]);
            d.audience_drops.push_back(std::move(a));
        }
    }
    if (const auto off = n["flow_switched_off"]) {
        if (!off.IsSequence())
            r.fail(off, "flow_switched_off must be a list");
        for (const auto& item : off) {
            r.check_keys(item, {"flow", "at", "to"}, "defects.flow_switched_off[]");
            if (!item["flow"] || !item["at"])
                r.fail(item, "a flow switch needs 'flow' (its name) and 'at'");
            FlowSwitch f;
            f.flow = r.text(item["flow"]);
            f.at = r.time_spec(item["at"]);
            if (item["to"])
                f.to = r.text(item["to"]);
            if (f.to != "draft" && f.to != "manual" && f.to != "archived" && f.to != "deleted")
                r.fail(item["to"], "'to' must be draft, manual, archived or deleted");
            d.flow_switched_off.push_back(std::move(f));
        }
    }
    if (const auto stops = n["flow_stops_sending"]) {
        if (!stops.IsSequence())
            r.fail(stops, "flow_stops_sending must be a list");
        for (const auto& item : stops) {
            r.check_keys(item, {"flow", "from"}, "defects.flow_stops_sending[]");
            if (!item["flow"] || !item["from"])
                r.fail(item, "a stopped flow needs 'flow' (its name) and 'from'");
            d.flow_stops_sending.push_back({r.text(item["flow"]), r.time_spec(item["from"])});
        }
    }
    if (n["missing_days"])
        d.missing_days = r.count(n["missing_days"]);
    if (const auto ago = n["missing_days_ago"]) {
        if (!ago.IsSequence())
            r.fail(ago, "missing_days_ago must be a list of day numbers");
        for (const auto& v : ago)
            d.missing_days_ago.push_back(r.count(v));
    }
}

void read_answer_key(const Reader& r, const YAML::Node& n, AnswerKeyConfig& a)
{
    r.check_keys(n,
                 {"window", "grace", "stall_after", "stall_min_orders", "volume_lookback_days",
                  "audience_drop_ratio", "audience_min_count", "flow_baseline_days", "flow_min_triggers"},
                 "answer_key");
    if (n["window"])
        a.window = r.duration(n["window"]);
    if (n["grace"])
        a.grace = r.duration(n["grace"]);
    if (n["stall_after"])
        a.stall_after = r.duration(n["stall_after"]);
    if (n["stall_min_orders"])
        a.stall_min_orders = r.count(n["stall_min_orders"]);
    if (n["volume_lookback_days"])
        a.volume_lookback_days = r.count(n["volume_lookback_days"]);
    if (n["audience_drop_ratio"])
        a.audience_drop_ratio = r.share(n["audience_drop_ratio"]);
    if (n["audience_min_count"])
        a.audience_min_count = r.count(n["audience_min_count"]);
    if (n["flow_baseline_days"])
        a.flow_baseline_days = r.count(n["flow_baseline_days"]);
    if (a.flow_baseline_days < 1 || a.flow_baseline_days > 56)
        r.fail(n["flow_baseline_days"],
               "flow_baseline_days must be 1..56 (a daily flow report spans 60 days)");
    if (n["flow_min_triggers"])
        a.flow_min_triggers = r.count(n["flow_min_triggers"]);
}

ScenarioFault read_fault(const Reader& r, const YAML::Node& n)
{
    r.check_keys(n,
                 {"platform", "endpoint", "contains", "kind", "status", "body", "retry_after",
                  "retry_after_seconds", "delay_ms", "count", "fraction", "from", "until"},
                 "faults[]");
    ScenarioFault f;
    if (!n["platform"] || !n["kind"])
        r.fail(n, "a fault needs 'platform' and 'kind'");
    auto platform = parse_platform(r.text(n["platform"]));
    if (!platform)
        r.fail(n["platform"], "platform must be shopify, woocommerce or klaviyo");
    f.spec.platform = *platform;
    auto kind = parse_fault_kind(r.text(n["kind"]));
    if (!kind)
        r.fail(n["kind"], "unknown fault kind '" + n["kind"].Scalar() + "' (see docs/simulator.md)");
    f.spec.fault.kind = *kind;
    if (n["endpoint"])
        f.spec.endpoint = r.text(n["endpoint"]);
    if (n["contains"])
        f.spec.contains = r.text(n["contains"]);
    if (n["status"])
        f.spec.fault.status = static_cast<int>(r.integer(n["status"]));
    if (n["body"]) {
        std::string b = r.text(n["body"]);
        if (b == "json")
            f.spec.fault.body = BodyKind::json;
        else if (b == "html")
            f.spec.fault.body = BodyKind::html;
        else if (b == "empty")
            f.spec.fault.body = BodyKind::empty;
        else
            r.fail(n["body"], "body must be json, html or empty");
    }
    if (n["retry_after"])
        f.spec.fault.retry_after = r.boolean(n["retry_after"]);
    if (n["retry_after_seconds"])
        f.spec.fault.retry_after_seconds = static_cast<int>(r.count(n["retry_after_seconds"]));
    if (n["delay_ms"])
        f.spec.fault.delay = std::chrono::milliseconds(r.count(n["delay_ms"]));
    if (n["count"])
        f.spec.count = r.count(n["count"]);
    if (n["fraction"])
        f.spec.fraction = r.share(n["fraction"]);
    if (n["from"])
        f.from = r.time_spec(n["from"]);
    if (n["until"])
        f.until = r.time_spec(n["until"]);
    if (*kind == FaultKind::outage && (!f.from || !f.until))
        r.fail(n, "an outage needs 'from' and 'until'");
    return f;
}

void read_records(const Reader& r, const YAML::Node& n, RecordsSettings& rs)
{
    r.check_keys(n,
                 {"email_variants", "edited_orders", "order_name", "decoys_with_order_ids", "order_id_field",
                  "aggregate_days"},
                 "records");
    if (const auto v = n["email_variants"]) {
        r.check_keys(v, {"unicode_case", "idn", "plus_tag", "dots", "different"}, "records.email_variants");
        const std::pair<const char*, std::uint32_t*> counts[] = {
            {"unicode_case", &rs.email_variants.unicode_case},
            {"idn", &rs.email_variants.idn},
            {"plus_tag", &rs.email_variants.plus_tag},
            {"dots", &rs.email_variants.dots},
            {"different", &rs.email_variants.different}};
        for (const auto& [key, target] : counts)
            if (v[key])
                *target = static_cast<std::uint32_t>(r.integer(v[key]));
    }
    if (n["edited_orders"])
        rs.edited_orders = read_amount(r, n["edited_orders"], "records.edited_orders");
    if (const auto name = n["order_name"]) {
        r.check_keys(name, {"prefix", "suffix"}, "records.order_name");
        if (name["prefix"])
            rs.order_prefix = r.text(name["prefix"]);
        if (name["suffix"])
            rs.order_suffix = r.text(name["suffix"]);
    }
    if (n["decoys_with_order_ids"])
        rs.decoys_with_order_ids = static_cast<std::uint32_t>(r.integer(n["decoys_with_order_ids"]));
    if (n["order_id_field"]) {
        const std::string f = r.text(n["order_id_field"]);
        if (f == "extra_id")
            rs.order_id_field = OrderIdField::extra_id;
        else if (f == "extra_order_id")
            rs.order_id_field = OrderIdField::extra_order_id;
        else if (f == "event_id")
            rs.order_id_field = OrderIdField::event_id;
        else if (f == "unmapped")
            rs.order_id_field = OrderIdField::unmapped;
        else
            r.fail(n["order_id_field"],
                   "order_id_field must be extra_id, extra_order_id, event_id or unmapped");
    }
    if (n["aggregate_days"]) {
        const std::string d = r.text(n["aggregate_days"]);
        if (d != "local" && d != "utc")
            r.fail(n["aggregate_days"], "aggregate_days must be local or utc");
        rs.aggregates_ignore_timezone = d == "utc";
    }
}

// What a WooCommerce store does not have (docs/simulator.md "WooCommerce"): abandoned checkouts
// and email-marketing consent in its REST API, Shopify's order-name format and Shopify's API
// settings. A scenario asking for them is refused where it asks.
void check_woocommerce(const Reader& r, const YAML::Node& root, const Scenario& s)
{
    if (root["shopify"])
        r.fail(root["shopify"], "a 'source: woocommerce' scenario has no Shopify API to configure");
    const YAML::Node defects = root["defects"];
    for (const char* key : {"consent_klaviyo_subscribed", "consent_klaviyo_not_subscribed",
                            "missing_checkout_started", "subscribers_missing_from_list"})
        if (defects && defects[key])
            r.fail(defects[key],
                   std::string("'") + key +
                       "' needs data WooCommerce's REST API does not have (consent or abandoned checkouts)");
    const YAML::Node records = root["records"];
    if (records && records["order_name"])
        r.fail(records["order_name"],
               "WooCommerce order numbers have no prefix or suffix here ('#' + number)");
    if (records && records["order_id_field"] && s.records.order_id_field != OrderIdField::extra_id)
        r.fail(records["order_id_field"], "order_id_field models the Shopify integration only");
    if (const YAML::Node faults = root["faults"])
        for (std::size_t i = 0; i < s.faults.size(); ++i)
            if (s.faults[i].spec.platform == Platform::shopify)
                r.fail(faults[i]["platform"],
                       "this store is served as WooCommerce: use platform woocommerce");
}

void check_shopify(const Reader& r, const YAML::Node& root, const Scenario& s)
{
    if (const YAML::Node faults = root["faults"])
        for (std::size_t i = 0; i < s.faults.size(); ++i)
            if (s.faults[i].spec.platform == Platform::woocommerce)
                r.fail(faults[i]["platform"], "this store is served as Shopify: use platform shopify");
}

}  // namespace

Scenario parse_scenario(const std::string& text, const std::string& file_name)
{
    Reader r(file_name);
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
        throw ScenarioError(file_name + ":" + std::to_string(e.mark.line + 1) + ":" +
                            std::to_string(e.mark.column + 1) + ": " + e.msg);
    }
    Scenario s;
    s.path = file_name;
    if (!root || root.IsNull())
        return s;
    r.check_keys(root,
                 {"name", "description", "seed", "now", "source", "store", "shopify", "klaviyo", "sync",
                  "defects", "records", "answer_key", "faults", "rate_limit_scale"},
                 "the scenario");
    if (root["name"])
        s.name = r.text(root["name"]);
    if (root["source"]) {
        const std::string source = r.text(root["source"]);
        if (source != "shopify" && source != "woocommerce")
            r.fail(root["source"], "source must be shopify or woocommerce");
        s.source = source == "woocommerce" ? SourcePlatform::woocommerce : SourcePlatform::shopify;
    }
    if (root["seed"])
        s.seed = static_cast<std::uint64_t>(r.integer(root["seed"]));
    if (root["now"])
        s.now = r.absolute_time(root["now"]);
    if (root["store"])
        read_store(r, root["store"], s.store);
    if (root["shopify"])
        read_shopify(r, root["shopify"], s.shopify);
    if (root["klaviyo"])
        read_klaviyo(r, root["klaviyo"], s.klaviyo);
    if (const auto sync = root["sync"]) {
        r.check_keys(sync, {"lag"}, "sync");
        if (const auto lag = sync["lag"]) {
            if (!lag.IsSequence() || lag.size() != 2)
                r.fail(lag, "lag must be [min, max], e.g. [2s, 90s]");
            s.sync_lag = {r.duration(lag[0]), r.duration(lag[1])};
            if (s.sync_lag.first > s.sync_lag.second)
                r.fail(lag, "lag needs min <= max");
        }
    }
    if (root["defects"])
        read_defects(r, root["defects"], s.defects);
    if (root["records"])
        read_records(r, root["records"], s.records);
    if (root["answer_key"])
        read_answer_key(r, root["answer_key"], s.answer_key);
    if (const auto faults = root["faults"]) {
        if (!faults.IsSequence())
            r.fail(faults, "faults must be a list");
        for (const auto& f : faults)
            s.faults.push_back(read_fault(r, f));
    }
    if (root["rate_limit_scale"]) {
        s.rate_limit_scale = r.number(root["rate_limit_scale"]);
        if (s.rate_limit_scale <= 0.0 || s.rate_limit_scale > 1.0)
            r.fail(root["rate_limit_scale"], "rate_limit_scale must be in (0, 1]");
    }
    if (s.source == SourcePlatform::woocommerce)
        check_woocommerce(r, root, s);
    else
        check_shopify(r, root, s);
    return s;
}

Scenario load_scenario(const std::filesystem::path& file)
{
    std::ifstream in(file);
    if (!in)
        throw ScenarioError(file.string() + ": cannot read the scenario file");
    std::ostringstream text;
    text << in.rdbuf();
    return parse_scenario(text.str(), file.string());
}

}  // namespace frr::sim
