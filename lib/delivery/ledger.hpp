#pragma once
// The delivery ledger: one small JSON file per report and channel,
// <state>/delivery/<report id>/<channel>.json, each written atomically, so a
// report is never sent twice to a channel even when `send` is re-run or killed.
//
// The protocol: `attempting` is recorded BEFORE the first byte goes out and
// `delivered` (with the receiver's confirmation) after it is confirmed. An
// entry found still `attempting` means a previous send died mid-way: the
// message may or may not have arrived. See docs/delivery.md for the rule.
// The ledger holds ids, states, timestamps and server replies only: never a
// URL, an address list or a credential.
#include "core/clock.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace frr::delivery {

enum class LedgerState {
    attempting,  // a send began and has not been confirmed
    delivered,   // confirmed by the receiver: never send again
    failed,      // not delivered (temporary or permanent): stays queued
    uncertain,   // may have arrived, could not be confirmed: not resent automatically
    superseded,  // never delivered, folded into a newer report that was delivered
    held,        // kept on purpose while monitoring is paused (the paused notice went out):
                 // never sent, never listed to the client as a missed report
};

const char* to_string(LedgerState state);
std::optional<LedgerState> parse_ledger_state(std::string_view text);

struct LedgerEntry {
    std::string report_id;
    std::string channel;
    LedgerState state = LedgerState::attempting;
    int attempts = 0;  // attempts over every send run
    core::TimePoint first_attempt_at{};
    core::TimePoint updated_at{};
    std::string confirmation;   // the receiver's reply, when delivered
    std::string error;          // the last failure, redacted
    std::string message_id;     // SMTP Message-ID, to spot a duplicate by hand
    std::string superseded_by;  // the report that carried this one
};

class Ledger {
public:
    // `dir` is <state>/delivery; created on first write.
    explicit Ledger(std::filesystem::path dir) : m_dir(std::move(dir)) { }
    // nullopt when nothing was ever recorded. Throws Error(bad_input) for an
    // unreadable entry: guessing could send a report twice.
    std::optional<LedgerEntry> get(const std::string& report_id, const std::string& channel) const;
    // Throws Error(cannot_write).
    void put(const LedgerEntry& entry) const;
    std::filesystem::path path(const std::string& report_id, const std::string& channel) const;

private:
    std::filesystem::path m_dir;
};

}  // namespace frr::delivery
