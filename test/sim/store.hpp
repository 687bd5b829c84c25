#pragma once
// The generated world as plain data: the Shopify store and Klaviyo's copy of it.
//
// Contract for route modules: a Store is immutable once generated (routes hold a const&).
// Records live in vectors sorted by the keys endpoints page on, so paging is a binary search;
// the secondary orders (orders by updatedAt, customers by updatedAt, ...) are index vectors.
// Money is integer minor units (pence / cents) in the currency named next to it.
// Times are whole seconds (std::chrono::sys_seconds, UTC); records with a time zone render
// it from Shop::timezone. Strings that are rare or few (product titles, metric names) are
// std::string; per-record strings of the large collections are avoided where a value can be
// derived (order names, event ids, profile ids, event_properties JSON are built on demand) or
// shared (person names are views of static storage).
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace frr::sim {

using Time = std::chrono::sys_seconds;
using Money = std::int64_t;

// Index into a Store vector; k_none when a relation is absent.
using Index = std::uint32_t;
inline constexpr Index k_none = 0xFFFFFFFFu;

enum class Currency : std::uint8_t { gbp, eur };
std::string_view currency_code(Currency c);

// Shopify email marketing state (CustomerEmailMarketingState); redacted customers have no email.
enum class MarketingState : std::uint8_t {
    not_subscribed,
    subscribed,
    pending,
    unsubscribed,
    invalid,
    redacted
};
std::string_view marketing_state_name(MarketingState s);  // "NOT_SUBSCRIBED", ...
enum class OptInLevel : std::uint8_t { single_opt_in, confirmed_opt_in, unknown };
std::string_view opt_in_level_name(OptInLevel l);  // "SINGLE_OPT_IN", ...

enum class SourceName : std::uint8_t { web, pos, shopify_draft_order };
std::string_view source_name(SourceName s);  // "web", "pos", "shopify_draft_order"
// displayFinancialStatus
enum class FinancialStatus : std::uint8_t { paid, pending, authorized, partially_refunded, refunded, voided };
std::string_view financial_status_name(FinancialStatus s);  // "PAID", ...
// displayFulfillmentStatus
enum class FulfillmentStatus : std::uint8_t { unfulfilled, fulfilled, partially_fulfilled };
std::string_view fulfillment_status_name(FulfillmentStatus s);  // "UNFULFILLED", ...

// How the Shopify endpoint signals an empty bucket (api/shopify.md "Throttling").
enum class ShopifyThrottleMode : std::uint8_t { graphql_200, legacy_message, http_429 };

struct Shop {
    std::int64_t id = 0;
    std::string name;
    std::string domain;  // "frr-demo.myshopify.com"
    Currency currency = Currency::gbp;
    std::string timezone;         // IANA, default "Europe/London"
    double bucket_size = 2000.0;  // GraphQL cost bucket (Standard plan)
    double restore_rate = 100.0;  // points per second
    ShopifyThrottleMode throttle_mode = ShopifyThrottleMode::graphql_200;
    std::vector<std::string> api_versions;  // supported, e.g. "2026-01" ... plus "unstable"
    Time created_at{};
    // Order-number format (Settings > General > Order ID format): name = prefix + number + suffix.
    std::string order_prefix = "#";
    std::string order_suffix;
};

struct Product {
    std::int64_t id = 0;
    std::string title;
    std::string sku;
    Money price = 0;  // shop currency, VAT inclusive
    Time created_at{};
    Time updated_at{};
};

struct Customer {
    std::int64_t id = 0;  // legacyResourceId
    Time created_at{};
    Time updated_at{};
    std::string email;  // as entered in Shopify: may have odd case/whitespace; empty = none
    std::string phone;  // E.164 or empty
    // Names point into static storage (the generator's name tables, or literals in tests):
    // a million customers and profiles share 32 of them.
    std::string_view first_name;
    std::string_view last_name;
    MarketingState marketing_state = MarketingState::not_subscribed;
    OptInLevel opt_in_level = OptInLevel::unknown;
    std::optional<Time> consent_updated_at;
    bool has_email() const { return !email.empty(); }
};

// A line item of an order or abandoned checkout; lives in Store::line_items.
struct LineItem {
    std::int64_t id = 0;
    Index product = k_none;  // index into Store::products (title, sku, product id)
    std::uint32_t quantity = 1;
    Money unit_price = 0;  // shop currency, after line discounts
};

struct Order {
    std::int64_t id = 0;       // legacyResourceId; ascending with created_at
    std::uint32_t number = 0;  // name is "#<number>"
    Time created_at{};
    Time updated_at{};
    Time processed_at{};
    std::optional<Time> cancelled_at;
    std::optional<Time> refunded_at;  // full refund time (financial_status refunded)
    std::optional<Time> fulfilled_at;
    // A first fulfilment of part of the order before fulfilled_at (Shopify lists it as an
    // earlier Fulfillment; Klaviyo copies it as Fulfilled Partial Order).
    std::optional<Time> partially_fulfilled_at;
    bool test = false;
    SourceName source = SourceName::web;
    FinancialStatus financial_status = FinancialStatus::paid;
    FulfillmentStatus fulfillment_status = FulfillmentStatus::unfulfilled;
    Currency presentment_currency = Currency::gbp;  // shop currency is Shop::currency
    // Shop-currency amounts; subtotal is after discounts, total = subtotal + shipping (VAT incl.)
    Money subtotal = 0;
    Money shipping = 0;
    Money discount = 0;
    Money total = 0;
    std::uint32_t quantity = 0;         // subtotalLineItemsQuantity
    std::uint32_t first_line_item = 0;  // range into Store::line_items
    std::uint32_t line_item_count = 0;
    Index customer = k_none;  // index into Store::customers; order email = customer's
    // An edit after placement (Shopify's order editing): one line's quantity changed by
    // `edit_units` (negative: units removed, positive: units added). subtotal, total and quantity
    // above are the order as it is now; the line items keep the quantities as placed, and the
    // original_* helpers give the order as placed (what Klaviyo's events copied).
    bool edited = false;
    std::uint8_t edit_line = 0;  // index within the order's line items
    std::int16_t edit_units = 0;
    Money edit_amount = 0;  // change of subtotal and total
    Money original_subtotal() const { return subtotal - edit_amount; }
    Money original_total() const { return total - edit_amount; }
    std::uint32_t original_quantity() const
    {
        return static_cast<std::uint32_t>(static_cast<std::int64_t>(quantity) - edit_units);
    }
};

struct AbandonedCheckout {
    std::int64_t id = 0;
    Time created_at{};
    Time updated_at{};
    Index customer = k_none;
    Currency presentment_currency = Currency::gbp;
    Money subtotal = 0;
    Money total = 0;
    std::uint32_t first_line_item = 0;
    std::uint32_t line_item_count = 0;
};

// ---- Klaviyo's side ------------------------------------------------------------------

enum class Consent : std::uint8_t { subscribed, unsubscribed, never_subscribed };
std::string_view consent_name(Consent c);  // "SUBSCRIBED", ...
enum class Suppression : std::uint8_t { none, invalid_email, hard_bounce, spam_complaint, user_suppressed };
std::string_view suppression_name(Suppression s);  // "INVALID_EMAIL", ...

// Whose metric: the store platform's own Klaviyo integration (Shopify's, or WooCommerce's in a
// `source: woocommerce` scenario), or a custom API integration's decoys.
enum class Integration : std::uint8_t { shopify, api, woocommerce };

// Which platform the generated store is presented as (scenario `source:`): the same world
// through Shopify's Admin API or WooCommerce's REST API v3 (docs/simulator.md "WooCommerce").
enum class SourcePlatform : std::uint8_t { shopify, woocommerce };

// Which Shopify fact an event copies (decides its event_properties).
enum class EventKind : std::uint8_t {
    placed_order,
    ordered_product,
    fulfilled_order,
    cancelled_order,
    refunded_order,
    checkout_started,
    decoy_placed_order,
    decoy_started_checkout,
    fulfilled_partial_order
};
inline constexpr std::size_t k_event_kinds = 9;

struct Metric {
    std::string id;  // 6 chars
    std::string name;
    Integration integration = Integration::shopify;
    std::string integration_json;  // the `integration` object, compact JSON
    Time created_at{};
    Time updated_at{};
    EventKind kind = EventKind::placed_order;
};

struct Profile {
    std::array<char, 26> id{};  // ULID-like; see id_view()
    std::string email;          // normalised (trimmed, lower-case); empty only for non-Shopify
    std::string phone;
    std::string_view first_name;  // static storage, as Customer's
    std::string_view last_name;
    Time created_at{};
    Time updated_at{};
    Consent consent = Consent::never_subscribed;
    std::optional<Time> consent_at;
    Suppression suppression = Suppression::none;
    std::optional<Time> suppressed_at;
    Index customer = k_none;  // the Shopify customer it was synced from
    std::string_view id_view() const { return {id.data(), id.size()}; }
    bool can_receive_email_marketing() const
    {
        return consent == Consent::subscribed && suppression == Suppression::none;
    }
};

// One Klaviyo event. Events live per metric in Store::events[metric], sorted by (datetime, seq).
// Visible to the API only once the sim clock >= arrival.
struct Event {
    Time datetime{};
    Time arrival{};
    Index profile = k_none;
    Index order = k_none;         // source order (order kinds) or checkout (checkout kinds)
    std::uint32_t line_item = 0;  // ordered_product: index into Store::line_items
    std::uint16_t unit = 0;       // ordered_product: unit index within the line item
    std::uint8_t dup = 0;         // 0 = original; n = the n-th duplicate ($event_id "<id>:dupN")
    Money value = 0;              // $value in shop currency minor units (may be wrong by defect)
};

struct Membership {
    Index profile = k_none;
    Time joined_at{};
};

// A membership change at a time: from `at` on, only the first `keep` members (by joined_at)
// remain. keep == 0 empties the group; `vanish` deletes the group itself.
struct GroupDrop {
    Time at{};
    std::uint32_t keep = 0;
    bool vanish = false;
};

struct Group {
    std::string id;  // 6 chars
    std::string name;
    bool is_segment = false;
    std::string opt_in_process = "double_opt_in";  // lists only
    Time created_at{};
    Time updated_at{};
    std::vector<Membership> members;  // sorted by (joined_at, profile)
    std::optional<GroupDrop> drop;
};

// A Klaviyo flow (docs/simulator.md "Flows"): its trigger, its messages and how many of the
// people who trigger it each message reaches. Recipients are computed from the triggers on
// demand (flow_model.cpp), so the flow report always agrees with the events and memberships.
enum class FlowStatus : std::uint8_t { live, manual, draft };
std::string_view flow_status_name(FlowStatus s);  // "live", "manual", "draft"

struct FlowMessage {
    std::string id;                 // 26 chars, ULID-like
    std::chrono::seconds delay{0};  // after the trigger reached Klaviyo
    double reach = 1.0;             // share of the flow's entrants this message is sent to
};

// A change of a flow at a time: switched to draft or manual, archived, or deleted.
struct FlowChange {
    Time at{};
    FlowStatus to = FlowStatus::draft;
    bool archive = false;
    bool remove = false;
};

struct Flow {
    std::string id;  // 6 chars
    std::string name;
    FlowStatus status = FlowStatus::live;  // at the start
    bool archived = false;
    std::string trigger_type;       // "Metric", "Added to List", "Date Based", "Unconfigured"
    Index trigger_metric = k_none;  // index into Store::metrics
    Index trigger_list = k_none;    // index into Store::lists
    double entry_rate = 1.0;        // share of triggers that enter (flow filters, smart sending)
    std::vector<FlowMessage> messages;
    Time created_at{};
    Time updated_at{};
    std::optional<FlowChange> change;
    std::optional<Time> stops_sending;  // still live, but nothing is sent from this time on
};

// A defect the generator injected (kind/key in CONTRACTS.md section 4 vocabulary). Informative:
// the answer key is computed from the data, not from this list.
struct InjectedDefect {
    std::string kind;
    std::string key;
};

// Where the integration's Placed Order events carry their Shopify order id (docs/simulator.md,
// `records.order_id_field`): the documented default and the alternatives `frr doctor` must notice.
enum class OrderIdField : std::uint8_t {
    extra_id,        // $extra.id and $event_id (the default)
    extra_order_id,  // $extra.order_id and $event_id
    event_id,        // only $event_id
    unmapped         // only $extra.order_name (the name) and an opaque $event_id: frr cannot map them
};

struct Store {
    std::string scenario;
    SourcePlatform source = SourcePlatform::shopify;
    std::uint64_t seed = 0;
    Time start{};  // the simulator's start time (sim clock at startup)
    Shop shop;
    std::vector<Product> products;
    std::vector<Customer> customers;           // sorted by id
    std::vector<Index> customers_by_updated;   // by (updated_at, id)
    std::vector<Order> orders;                 // sorted by id (== by created_at, id)
    std::vector<Index> orders_by_updated;      // by (updated_at, id)
    std::vector<Index> orders_by_processed;    // by (processed_at, id)
    std::vector<AbandonedCheckout> checkouts;  // sorted by id
    std::vector<LineItem> line_items;
    std::vector<Metric> metrics;
    std::vector<Profile> profiles;           // sorted by id (ULIDs ascend with created_at)
    std::vector<Index> profiles_by_updated;  // by (updated_at, id)
    std::vector<Index> profiles_by_email;    // by email
    std::vector<std::vector<Event>> events;  // events[metric index], sorted by datetime
    std::vector<Group> lists;
    std::vector<Group> segments;
    std::vector<Flow> flows;
    std::vector<InjectedDefect> injected;
    // What the records step did (records.cpp), for tests that hold the answer key to the intent:
    // kind "email_unicode_case", "email_idn", "email_plus_tag", "email_dots", "email_different"
    // (key: customer id), "edited_order", "decoy_order_id" (key: order name).
    std::vector<InjectedDefect> variants;
    // Profiles whose stored email is not its own identity (a Unicode-case or IDN spelling), by
    // identity; find_profile_by_email looks here first.
    std::vector<std::pair<std::string, Index>> profile_identity_aliases;
    OrderIdField order_id_field = OrderIdField::extra_id;
    // metric-aggregates buckets by UTC days whatever `timezone` says (a shifted semantics for
    // `frr doctor` to notice); false: the documented behaviour.
    bool aggregates_ignore_timezone = false;

    std::span<const LineItem> line_items_of(const Order& o) const
    {
        return {line_items.data() + o.first_line_item, o.line_item_count};
    }
    std::span<const LineItem> line_items_of(const AbandonedCheckout& c) const
    {
        return {line_items.data() + c.first_line_item, c.line_item_count};
    }
    const Customer* customer_of(const Order& o) const
    {
        return o.customer == k_none ? nullptr : &customers[o.customer];
    }
    // Eligible for Klaviyo's sync (docs/sync-semantics.md): not a test order and the customer has an email.
    bool eligible(const Order& o) const
    {
        return !o.test && o.customer != k_none && customers[o.customer].has_email();
    }

    // Lookups by key (binary searches); nullptr / k_none when absent.
    Index find_order(std::int64_t id) const;
    Index find_customer(std::int64_t id) const;
    Index find_checkout(std::int64_t id) const;
    Index find_product(std::int64_t id) const;
    Index find_profile(std::string_view id) const;
    Index find_profile_by_email(std::string_view normalised_email) const;
    Index find_metric(std::string_view id) const;
    const Group* find_group(std::string_view id) const;  // list or segment

    // Klaviyo event ids: 26 chars, encoding (metric index, position) so lookup is O(1).
    std::string event_id(Index metric, std::size_t position) const;
    // {metric, position} of an event id; nullopt if malformed or out of range.
    std::optional<std::pair<Index, std::size_t>> find_event(std::string_view id) const;
    // A stable UUID per event (the `uuid` attribute).
    std::string event_uuid(Index metric, std::size_t position) const;
    // event_properties of an event as compact JSON, per docs/sync-semantics.md.
    std::string event_properties_json(Index metric, const Event& e) const;
    // The $event_id string of an event.
    std::string event_unique_id(Index metric, const Event& e) const;
    // Range [first, last) of events of a metric with datetime in [from, until); visibility
    // (arrival) is the caller's filter.
    std::pair<std::size_t, std::size_t> event_range(Index metric, Time from, Time until) const;
    // Index of the store integration's metric of a kind (Shopify's, or WooCommerce's in a
    // WooCommerce world; never an API decoy); k_none if absent.
    Index store_metric(EventKind kind) const;

    // Members of a group visible at `now` (joined_at <= now, after any drop that happened).
    std::vector<Membership> members_at(const Group& g, Time now) const;
    std::size_t member_count_at(const Group& g, Time now) const;
    bool group_exists_at(const Group& g, Time now) const;

    // A flow's state at a time, after any scheduled change.
    FlowStatus flow_status_at(const Flow& f, Time t) const;
    bool flow_archived_at(const Flow& f, Time t) const;
    bool flow_exists_at(const Flow& f, Time t) const;
    bool flow_live_at(const Flow& f, Time t) const;
    Index find_flow(std::string_view id) const;
};

// "#1043" (the default format), or the shop's prefix + number + suffix.
std::string order_name(const Shop& shop, const Order& o);
// The email identity Klaviyo matches profiles by (lib/text/email_identity.hpp, shared with frr):
// trimmed, case-folded, the domain in its IDNA ASCII form.
std::string normalise_email(std::string_view email);
// ISO-8601 UTC with 'Z', e.g. "2026-10-25T01:30:00Z".
std::string iso_utc(Time t);
// Parses "2026-10-25T01:30:00Z", "...+01:00", fractional seconds allowed; nullopt if invalid.
std::optional<Time> parse_iso(std::string_view text);
// Money as a decimal string with two places: 1234 -> "12.34".
std::string money_string(Money m);
// Shop-currency amount converted to a presentment currency (fixed, documented rate GBP->EUR 1.17).
Money to_presentment(Money shop_amount, Currency presentment);

}  // namespace frr::sim
