#include "net/executor.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "core/random.hpp"

namespace frr::net {

namespace {

void wait(core::Sleeper& sleeper, RequestStats& stats, std::chrono::milliseconds delay)
{
    if (delay.count() <= 0)
        return;
    stats.add_wait(delay);
    sleeper.sleep_for(delay);
}

}  // namespace

ExecuteResult execute(HttpTransport& transport, const HttpRequest& request, const RetryPolicy& policy,
                      core::Sleeper& sleeper, core::Random& random, RequestStats& stats,
                      const Classifier& classify, Pacer* pacer)
{
    ExecuteResult out;
    int failures = 0;
    int throttles = 0;
    for (;;) {
        if (pacer != nullptr)
            wait(sleeper, stats, pacer->reserve(sleeper.steady_now()));
        ++out.attempts;
        if (out.attempts > 1)
            stats.count_retry();
        stats.count_request();
        out.result = transport.send(request);
        if (out.result.response)
            stats.add_bytes(out.result.response->body.size() + out.result.response->streamed_bytes);
        else
            stats.count_transport_error();
        if (pacer != nullptr)
            pacer->observe(out.result, sleeper.steady_now());

        out.verdict = classify ? classify(out.result) : classify_result(out.result);
        if (out.verdict == Verdict::done)
            return out;
        if (out.verdict == Verdict::throttled) {
            stats.count_throttled();
            if (!policy.may_retry_throttled(++throttles))
                return out;
            if (pacer != nullptr && pacer->paces_retry())
                continue;  // the pacer's reserve() waits for the refill it computed
        } else if (!policy.may_retry(++failures)) {
            return out;
        }

        std::optional<std::chrono::milliseconds> retry_after;
        if (out.result.response)
            retry_after = retry_after_of(*out.result.response);
        const int nth = out.verdict == Verdict::throttled ? throttles : failures;
        wait(sleeper, stats, policy.next_delay(nth, retry_after, random));
    }
}

ExecuteResult execute(const RequestContext& context, const HttpRequest& request, const Classifier& classify)
{
    if (!context.timeout)
        return execute(context.transport, request, context.policy, context.sleeper, context.random,
                       context.stats, classify, context.pacer);
    HttpRequest timed = request;
    timed.total_timeout = *context.timeout;
    timed.connect_timeout = std::min(timed.connect_timeout, *context.timeout);
    return execute(context.transport, timed, context.policy, context.sleeper, context.random, context.stats,
                   classify, context.pacer);
}

}  // namespace frr::net
