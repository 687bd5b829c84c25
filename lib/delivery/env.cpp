#include "delivery/env.hpp"

#include "delivery/channel.hpp"

#include <fmt/format.h>

namespace frr::delivery {

DeliveryOutcome with_retries(const DeliveryEnv& env, const std::string& channel,
                             const std::function<DeliveryOutcome()>& attempt)
{
    DeliveryOutcome outcome;
    for (int n = 1;; ++n) {
        outcome = attempt();
        outcome.attempts = n;
        if (outcome.kind != OutcomeKind::temporary || !env.policy.may_retry(n))
            return outcome;
        auto delay = env.policy.next_delay(n, std::nullopt, env.random);
        env.logger.warn(
            channel,
            fmt::format("attempt {} failed ({}); retrying in {} ms", n, outcome.error, delay.count()));
        env.sleeper.sleep_for(delay);
    }
}

const char* to_string(OutcomeKind kind)
{
    switch (kind) {
    case OutcomeKind::delivered: return "delivered";
    case OutcomeKind::temporary: return "temporary failure";
    case OutcomeKind::permanent: return "permanent failure";
    case OutcomeKind::uncertain: return "uncertain";
    }
    return "unknown";
}

}  // namespace frr::delivery
