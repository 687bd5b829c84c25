#pragma once
// The configured channels, built from delivery.* with secrets resolved.
// Order: outbox, email, slack, webhook (the local copy first, so a report is
// on disk even when the network channels fail).
#include "core/config.hpp"
#include "delivery/channel.hpp"
#include "delivery/env.hpp"

#include <filesystem>
#include <memory>
#include <vector>

namespace frr::delivery {

// The delivery retry policy: delivery.max_attempts attempts, full-jitter
// backoff from delivery.base_delay, capped at 5 minutes.
net::RetryPolicy delivery_policy(const core::DeliveryConfig& config);

// Throws Error(config) for an unresolvable secret or an invalid URL.
// A relative outbox dir is relative to `state_root`. `store_key` names the
// store (its shop domain and name) so two stores' e-mails to one inbox get
// different Message-IDs. delivery.email makes an "email" channel for `to`
// and an "email-operator" channel for `operator_to`.
std::vector<std::unique_ptr<Channel>> make_channels(const core::DeliveryConfig& config,
                                                    const std::filesystem::path& state_root,
                                                    const DeliveryEnv& env,
                                                    const std::string& store_key = {});

}  // namespace frr::delivery
