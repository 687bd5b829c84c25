#pragma once
// The file outbox (the demo's default channel): writes the report into a
// folder, one file per format plus the e-mail body, each atomically. Rewriting
// the same report yields the same files, so a repeat is harmless.
//   <dir>/<report id>/report.html, report.txt, report.md, report.json, subject.txt
#include "delivery/channel.hpp"
#include "delivery/env.hpp"

#include <filesystem>

namespace frr::delivery {

class OutboxChannel final : public Channel {
public:
    OutboxChannel(std::filesystem::path dir, const DeliveryEnv& env);
    std::string name() const override { return "outbox"; }
    Replay replay() const override { return Replay::safe; }
    DeliveryOutcome deliver(const OutgoingReport& report) override;
    const std::filesystem::path& dir() const { return m_dir; }

private:
    std::filesystem::path m_dir;
    const DeliveryEnv& m_env;
};

}  // namespace frr::delivery
