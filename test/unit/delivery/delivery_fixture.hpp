#pragma once
// Shared scaffolding for the delivery tests: a state directory with rendered
// reports, the injected world (fixed clock, fake sleeper, seeded random, a
// captured log), and a real SMTP server (aiosmtpd) run as a child process.
#include "core/clock.hpp"
#include "core/log.hpp"
#include "core/random.hpp"
#include "core/redact.hpp"
#include "core/state_dir.hpp"
#include "core/time.hpp"
#include "delivery/env.hpp"
#include "net/curl_transport.hpp"
#include "support/test_support.hpp"

#include <rapidjson/document.h>

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace frr::test {

struct DeliveryWorld {
    TempDir tmp;
    core::StateDir state{tmp / "state"};
    core::FixedClock clock{*core::parse_iso8601("2026-07-15T06:05:00Z")};
    core::FakeSleeper sleeper;
    core::SeededRandom random{7};
    std::FILE* log_file = std::tmpfile();
    core::Logger logger{core::LogLevel::debug, core::LogFormat::text, log_file};
    net::CurlTransport transport;
    core::Redactor redactor;
    delivery::DeliveryEnv env;

    explicit DeliveryWorld(int max_attempts = 3);
    ~DeliveryWorld();
    DeliveryWorld(const DeliveryWorld&) = delete;
    DeliveryWorld& operator=(const DeliveryWorld&) = delete;

    // A run directory holding a small rendered report (all four files).
    core::RunInfo add_report(const std::string& as_of_iso, const std::string& status, int score);
    std::string logs() const;
    // Every file under the state directory (ledger, runs, outbox), concatenated.
    std::string state_text() const;
};

// Reads a JSON file into a document (REQUIREs it parses).
rapidjson::Document read_json(const std::filesystem::path& path);

// aiosmtpd on an ephemeral loopback port, stopped (SIGTERM) on destruction.
class SmtpSink {
public:
    explicit SmtpSink(std::filesystem::path folder, const std::string& user = {},
                      const std::string& password = {});
    ~SmtpSink();
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;
    std::string url() const { return "smtp://127.0.0.1:" + std::to_string(m_port); }
    // Replies used instead of accepting, one per DATA, in order.
    void set_replies(const std::vector<std::string>& replies) const;
    std::size_t message_count() const;
    rapidjson::Document message(std::size_t n) const;  // 1-based

private:
    std::filesystem::path m_folder;
    int m_pid = -1;
    int m_port = 0;
};

// A loopback TCP port that refuses connections (bound, never listening) while alive.
class RefusedPort {
public:
    RefusedPort();
    ~RefusedPort();
    RefusedPort(const RefusedPort&) = delete;
    RefusedPort& operator=(const RefusedPort&) = delete;
    int port() const { return m_port; }

private:
    int m_fd = -1;
    int m_port = 0;
};

}  // namespace frr::test
