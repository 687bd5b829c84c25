#pragma once
// The one retry loop. Connectors and delivery channels call execute() instead
// of writing their own: it paces (optional), sends, classifies, asks the
// RetryPolicy for the delay, sleeps through the injected Sleeper and counts
// everything in the platform's RequestStats.
#include "net/http.hpp"
#include "net/pacer.hpp"
#include "net/request_stats.hpp"
#include "net/retry.hpp"

#include <chrono>
#include <functional>
#include <optional>

namespace frr::core {
class Random;
class Sleeper;
}  // namespace frr::core

namespace frr::net {

// Decides what a result means. The default is classify_result; Shopify's
// THROTTLED arrives as HTTP 200 and needs a classifier that reads the body.
using Classifier = std::function<Verdict(const HttpResult&)>;

struct ExecuteResult {
    HttpResult result;                // the last attempt's result
    int attempts = 0;                 // attempts sent, >= 1
    Verdict verdict = Verdict::done;  // the last attempt's verdict: retry/throttled = gave up
    bool gave_up() const { return verdict != Verdict::done; }
};

// Everything a request needs besides itself; one per platform, shared by threads.
struct RequestContext {
    HttpTransport& transport;
    RetryPolicy policy;
    core::Sleeper& sleeper;
    core::Random& random;
    RequestStats& stats;
    Pacer* pacer = nullptr;  // reserved before every attempt when set
    // When set, replaces every request's total_timeout (and caps its connect_timeout).
    std::optional<std::chrono::milliseconds> timeout = std::nullopt;
};

// Sends `request` until a final answer, up to policy.max_attempts transient
// failures and, separately, policy.max_throttled throttled answers. Before each
// attempt the pacer (if any) is asked for a slot and the wait is slept and
// counted. After a result classified retry/throttled the policy's delay
// (Retry-After or jittered backoff) is slept and counted, except after a
// throttle the pacer understood (paces_retry): then its reserve() is the wait.
// Never throws for HTTP or transport failures: the caller reads the result.
ExecuteResult execute(HttpTransport& transport, const HttpRequest& request, const RetryPolicy& policy,
                      core::Sleeper& sleeper, core::Random& random, RequestStats& stats,
                      const Classifier& classify = classify_result, Pacer* pacer = nullptr);

ExecuteResult execute(const RequestContext& context, const HttpRequest& request,
                      const Classifier& classify = classify_result);

}  // namespace frr::net
