#pragma once
// A snapshot is one run directory's data: manifest.json plus one JSON-lines
// file per dataset. Connectors write it, checks read it, the next run diffs
// against it. Layout 2 (relative to the run directory), folders named by role:
//   manifest.json        ("layout": 2, "roles": which platform is each side)
//   source/orders.jsonl  source/customers.jsonl  source/checkouts.jsonl
//   source/order_changes.jsonl  source/daily_orders.json
//   destination/events.jsonl  destination/profiles.jsonl  destination/metrics.json
//   destination/audiences.json  destination/daily_placed_orders.json
//   destination/flows.json  destination/flow_report.json  destination/trigger_days.json
//   destination/subscriber_list.json
// Layout 1 (runs written before it; the manifest has no "layout") named each
// folder after its platform. read_snapshot reads both: the layout-1 folder of
// a role is the one holding that role's first file (orders.jsonl for the
// source, events.jsonl for the destination), and its name is the platform's.
#include "model/datasets.hpp"
#include "model/records.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace frr::model {

enum class Coverage { complete, partial, unavailable, paused };
const char* to_string(Coverage c);
Coverage coverage_from(std::string_view s);

// How much of one dataset a run read. `missing` says in plain words what
// could not be read and why ("page 3: HTTP 503 after 8 attempts"); empty when complete.
// `not_offered` says why the platform has no such data at all ("WooCommerce's API
// has no abandoned checkouts"): such a dataset is complete and empty, and the
// indicators that need it are not applicable to the pair (never a finding).
struct DatasetCoverage {
    Coverage status = Coverage::complete;
    std::string missing;
    std::string not_offered;
    bool operator==(const DatasetCoverage&) const = default;
};

// The worse of two coverages for one dataset: complete < partial < unavailable < paused.
Coverage worse(Coverage a, Coverage b);

struct PlatformManifest {
    Coverage status = Coverage::unavailable;
    // Per dataset (model/datasets.hpp ids) this platform serves: whether it was
    // read completely. Absent in manifests written before datasets were tracked.
    std::map<std::string, DatasetCoverage> datasets;
    std::map<std::string, std::int64_t> counts;  // per dataset fetched
    std::int64_t requests = 0;
    std::int64_t retries = 0;
    std::int64_t throttled = 0;
    double wait_seconds = 0;
    std::int64_t bytes = 0;
    std::vector<std::string> errors;  // plain words, already redacted
    std::vector<std::string> notes;   // limits of what was read, e.g. "orders older than 60 days are hidden"
    std::vector<std::string> info;    // bookkeeping for operators: reuse, bulk operations (not a limit)
    std::vector<std::string> missing_scopes;
    std::string breaker = "closed";  // closed | open | half_open
    std::optional<TimePoint> breaker_opened_at;
    // The circuit breaker's episode (net/circuit_breaker.hpp): the first of the
    // consecutive failed runs, how many there were, and while paused when the
    // platform is tried again (an estimate from delivery.schedule_interval when
    // the cool-down is counted in runs).
    std::optional<TimePoint> outage_since;
    int failed_runs = 0;
    std::optional<TimePoint> next_attempt;
    // Set on the run that closed an episode whose paused notice went out: when that outage began.
    std::optional<TimePoint> recovered_from;
    std::optional<TimePoint> token_expires_at;
    std::optional<TimePoint> data_since;  // oldest time the data covers (reduced coverage)
    // Destination only: how the purchase events were mapped to source orders, per property
    // ("events", "extra_id", "extra_order_id", "event_id", "unmapped"); docs/fetching.md.
    std::map<std::string, std::int64_t> order_mapping;

    // Records that `dataset` was not read completely: keeps the worse status,
    // appends `why` to what is missing. Thread-compatible, not thread-safe.
    void mark(std::string_view dataset, Coverage status, const std::string& why);
    // Every registered dataset of `role` at `status` (complete when the platform
    // answered; unavailable or paused with the platform), replacing what was there
    // when `status` is worse.
    void mark_all(Role role, Coverage status, const std::string& why = {});
    // Records that this platform has no such data (a capability the connector lacks), in
    // plain words for the client; the dataset counts as complete and empty.
    void not_offered(std::string_view dataset, const std::string& why);
};

// An earlier run that could not read everything (so its period was not judged in full).
struct CatchUpRun {
    TimePoint as_of{};
    std::map<std::string, Coverage> platforms;  // the platforms that were not complete
};

// How the run's window [since, until) was chosen (pipeline/watermarks.hpp).
struct CatchUp {
    TimePoint nominal_since{};  // as_of - checks.window (or --since)
    bool explicit_window = false;
    std::optional<TimePoint> watermark;      // where the unjudged period began
    std::optional<TimePoint> skipped_since;  // [skipped_since, since): beyond checks.max_catch_up, not judged
    std::optional<TimePoint> previous_run;   // as_of of the newest earlier run in history
    std::optional<TimePoint> next_run;       // when the next scheduled run is expected (from past runs)
    std::vector<CatchUpRun> runs;  // earlier runs since the watermark that could not read everything
};

// The run-directory layout this frr writes (see the top of this file).
inline constexpr int k_snapshot_layout = 2;

struct Manifest {
    std::string run_id;
    TimePoint as_of{};
    TimePoint since{};
    TimePoint until{};
    std::string store;
    std::string timezone;
    std::string frr_version;
    std::string incremental_from;                       // previous run id reused, "" for a full fetch
    std::map<std::string, PlatformManifest> platforms;  // by platform name
    CatchUp catch_up;
    int layout = k_snapshot_layout;    // of the run directory's folders (above); 1 when not recorded
    std::string source_platform;       // the platform each role's folder holds; "" when unknown
    std::string destination_platform;  //
};

struct SourceData {
    std::vector<Order> orders;
    std::vector<Customer> customers;
    std::vector<Checkout> checkouts;
    std::vector<OrderChange> order_changes;  // fulfilments, cancellations, full refunds in the window
    std::vector<DailyCount> daily_orders;    // eligible orders per local day
};

struct DestinationData {
    std::vector<Metric> metrics;
    std::vector<Event> events;
    std::vector<Profile> profiles;
    std::vector<Audience> audiences;
    std::vector<DailyCount> daily_placed_orders;
    std::vector<Flow> flows;
    std::vector<FlowMessageDay> flow_report;  // recipients per flow message and local day
    std::vector<TriggerDay> trigger_days;     // flow triggers per local day
    SubscriberList subscriber_list;
};

struct Snapshot {
    Manifest manifest;
    SourceData source;
    DestinationData destination;
};

// Writes every file of the snapshot atomically (manifest last, so a run
// directory with a manifest is complete). Throws core::Error(cannot_write).
void write_snapshot(const std::filesystem::path& run_dir, const Snapshot& snapshot);
void write_manifest(const std::filesystem::path& run_dir, const Manifest& manifest);
// Reads a snapshot; missing data files read as empty (a platform unavailable).
// Throws core::Error(bad_input) with file:line for a corrupt file.
Snapshot read_snapshot(const std::filesystem::path& run_dir);
Manifest read_manifest(const std::filesystem::path& run_dir);
// The folder of one role's files in a run directory of `manifest`'s layout; for a
// layout-1 run whose folder is not found, a path that does not exist (the role's
// datasets then read empty, as a missing file always has).
std::filesystem::path role_folder(const std::filesystem::path& run_dir, const Manifest& manifest, Role role);

// Single-record JSON forms, through RapidJSON's writer (exposed for fuzzing and tests). Each line
// of a JSON-lines file is exactly its record's form, though written by a faster writer of its own
// (model/json_line_writer.hpp; snapshot_test holds the two equal).
std::string to_json(const Order& r);
std::string to_json(const Customer& r);
std::string to_json(const Profile& r);
std::string to_json(const Event& r);
std::string to_json(const OrderChange& r);
std::string to_json(const Checkout& r);
std::string to_json(const Manifest& m);
Manifest manifest_from_json(std::string_view json, const std::string& where);

}  // namespace frr::model
