#pragma once
// The outside world a delivery channel uses, injected (clock for Date
// headers and the ledger, sleeper and random for backoff, logger, transport
// for HTTP channels) and the one retry policy every channel follows.
#include "core/clock.hpp"
#include "core/log.hpp"
#include "core/random.hpp"
#include "net/http.hpp"
#include "net/retry.hpp"

#include <functional>
#include <string>

namespace frr::delivery {

struct DeliveryEnv {
    core::Clock& clock;
    core::Sleeper& sleeper;
    core::Random& random;
    core::Logger& logger;
    net::HttpTransport& transport;
    net::RetryPolicy policy;
    // The wall clock, for the moment a message is sent (the e-mail's Date);
    // `clock` is the run's --as-of. nullptr: use `clock`.
    const core::Clock* send_clock = nullptr;
    const core::Clock& sending_clock() const { return send_clock ? *send_clock : clock; }
};

struct DeliveryOutcome;

// Runs `attempt` until it is delivered, permanent or uncertain, or the
// policy's attempts are used up; waits the policy's full-jitter backoff
// between attempts through the injected sleeper. For channels that do not
// speak HTTP (SMTP, the outbox); HTTP channels use net::execute.
DeliveryOutcome with_retries(const DeliveryEnv& env, const std::string& channel,
                             const std::function<DeliveryOutcome()>& attempt);

}  // namespace frr::delivery
