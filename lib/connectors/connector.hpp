#pragma once
// The seams between the pipeline and the platforms (docs/architecture.md, "Connectors"). A
// Source reads the store's records (orders, customers, checkouts, daily counts, order changes);
// a Destination reads the marketing platform's copy of them (events, profiles, audiences,
// flows). Both return the canonical records of model/ with a manifest of what they covered;
// connectors/registry picks the implementation by the configuration's kind. Nothing here
// names a platform.
//
// Errors: a platform that fails (down, refusing, throttling past the retries) is a value in the
// manifest (status, errors) and the fetch's exit code, so the other side goes on. Only a
// run-level failure (a secret that is not set, a state directory that cannot be written)
// throws core::Error.
#include "connectors/probe.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/error.hpp"
#include "core/state_dir.hpp"
#include "model/email.hpp"
#include "model/handover.hpp"
#include "model/snapshot.hpp"
#include "model/vocabulary.hpp"
#include "net/executor.hpp"

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace frr::connectors {

// What the source is asked for.
struct SourceWindow {
    core::TimePoint since{};  // the check window [since, until)
    core::TimePoint until{};
    core::TimePoint orders_from{};  // oldest createdAt fetched (start of the volume look-back)
    // Incremental: the window's orders only when updated at or after this
    // (the previous run's end); <= since: all of them.
    core::TimePoint orders_updated_from{};
    core::TimePoint customers_from{};      // customers updated since
    std::vector<std::string> daily_dates;  // store-local dates wanted in daily_orders
    std::string timezone;
    std::vector<std::string> exclude_channels;
};

struct SourceFetch {
    model::SourceData data;
    model::PlatformManifest manifest;
    core::ExitCode exit = core::ExitCode::ok;
    std::set<std::string> order_ids_seen;  // ids of every order fetched (incremental merge)
};

// What the destination is asked for.
struct DestinationWindow {
    core::TimePoint events_from{};  // since - grace (or the incremental look-back)
    core::TimePoint until{};
    core::TimePoint daily_from{};   // local midnight starting the volume look-back
    core::TimePoint daily_until{};  // local midnight ending it
    std::vector<std::string> daily_dates;
    std::string timezone;
    // Placed Order events from min(events_from, this): the late-arrival look-back
    // (the oldest order the previous run left without one); max() = none.
    core::TimePoint placed_order_from = core::TimePoint::max();
    // Incremental: also every profile updated at or after this (max() = none),
    // for the customers a previous snapshot already looked up.
    core::TimePoint profiles_updated_from = core::TimePoint::max();
    // Flows: the baseline and window days.
    core::TimePoint flow_days_from{};
    std::vector<std::string> flow_dates;
    // (email hash, profile id) of new subscribers whose emails are not handed over (reused).
    std::vector<std::pair<std::string, std::string>> subscriber_profiles;
};

struct DestinationFetch {
    model::DestinationData data;
    std::vector<model::Profile> updated_profiles;  // profiles_updated_from's, not in data until merged
    model::PlatformManifest manifest;
    core::ExitCode exit = core::ExitCode::ok;
};

// Called once per dataset page: (dataset, pages so far, records so far).
using Progress = std::function<void(const std::string&, int, std::int64_t)>;
// Receives the normalised emails of the fetched customers (and which of them opted in to
// email marketing in the window) exactly once, even when the fetch fails (then possibly
// empty): the destination's profile and subscriber-list lookups wait on it.
using EmailHandoff = std::function<void(model::WindowEmails)>;
// Blocks until the source has handed over the customers' normalised emails.
using EmailSource = std::function<model::WindowEmails()>;

// Whether the destination should hold an order: not a test order, with an email, and from a
// sales channel not excluded (checks.exclude_channels).
bool eligible(const model::Order& order, const std::vector<std::string>& exclude_channels);

// The configured source as a destination knows it, from the registry: the destination's
// integration with the source goes by these (a Klaviyo metric's integration key and name).
struct SourcePlatform {
    std::string kind;  // the configuration's kind: "shopify"
    std::string name;  // as people read it: "Shopify"
};

// What a connector is built with: the outside world (injected), and where it may cache tokens.
struct ConnectorServices {
    net::RequestContext requests;  // transport, retry policy, sleeper, random, stats, timeout
    const core::StateDir& state;   // rotated OAuth tokens are cached here
    const model::EmailHasher& hasher;
    const core::Clock& clock;
    Progress progress;
};

class Source {
public:
    virtual ~Source() = default;
    // Calls `emails` exactly once, whatever happens.
    virtual SourceFetch fetch(const SourceWindow& window, const EmailHandoff& emails) = 0;

    // `frr doctor` (pipeline/doctor.hpp): this platform's first-contact checks (credentials,
    // API version, the store's settings against the configuration's). `reachable` is false
    // when access failed, so the checks of the pair are skipped.
    virtual std::vector<ProbeResult> probe(const core::Config& config, bool& reachable) = 0;
    // For the destination's checks of the pair: the orders of these ids (as the source's API
    // numbers them) that exist, id -> the order's name as the store shows it.
    virtual std::map<std::string, std::string> order_names(const std::vector<std::string>& ids) = 0;
    // Orders created in [from, to): (id, name), at most `limit`.
    virtual std::vector<std::pair<std::string, std::string>>
    orders_created(core::TimePoint from, core::TimePoint to, int limit) = 0;
};

class Destination {
public:
    virtual ~Destination() = default;
    // Calls `emails` at most once; it blocks until the source hands them over.
    virtual DestinationFetch fetch(const DestinationWindow& window, const EmailSource& emails) = 0;

    // `frr doctor`: this platform's first-contact checks at `as_of`; `reachable` as for Source.
    virtual std::vector<ProbeResult> probe(core::TimePoint as_of, bool& reachable) = 0;
    // The checks of the pair, once both sides are reachable: how the destination's purchase
    // events name the source's orders (and whether those exist), and whether its daily counts
    // follow the store's time zone. `words` names the pair for people.
    virtual std::vector<ProbeResult> probe_pair(Source& source, const model::Vocabulary& words,
                                                const std::string& timezone, core::TimePoint as_of) = 0;
};

}  // namespace frr::connectors
