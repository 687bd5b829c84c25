#pragma once
// Pings a healthchecks-style dead man's switch: <url>/start when a run begins,
// <url> on success, <url>/fail on failure, each a POST whose body is a short
// message (healthchecks stores it as the ping's log). Retried with the shared
// policy; never fatal: a monitoring outage must not fail the run it monitors.
// The URL holds a secret (the check's uuid): only its host is ever logged.
#include "delivery/env.hpp"

#include <string>

namespace frr::delivery {

enum class HeartbeatEvent { start, success, failure };

// The URL pinged for `event`; trailing slashes on `base` are ignored.
std::string heartbeat_url(const std::string& base, HeartbeatEvent event);

// True when the switch answered 2xx. Never throws.
bool ping_heartbeat(const DeliveryEnv& env, const std::string& base_url, HeartbeatEvent event,
                    const std::string& message);

}  // namespace frr::delivery
