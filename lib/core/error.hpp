#pragma once
// Run-level failures and the process exit status (CONTRACTS.md section 1).
// Per-item failures (a platform down, a page unparseable) are values collected
// into the run summary; only run-level failures throw frr::core::Error.
#include <stdexcept>
#include <string>
#include <vector>

namespace frr::core {

// The exit status is interface: cron wrappers and CI key off these numbers.
enum class ExitCode : int {
    ok = 0,
    health_warn = 1,
    health_critical = 2,
    partial = 3,
    paused = 4,
    delivery_failed = 5,
    usage = 64,
    bad_input = 65,
    internal = 70,
    cannot_write = 73,
    locked = 75,
    credentials = 77,
    config = 78,
};

// When several outcomes apply, the one that ranks highest here wins:
// 70, 78, 64, 73, 75, 77, 5, 4, 3, 2, 1, 0.
int exit_code_rank(ExitCode code);
ExitCode worst_of(ExitCode a, ExitCode b);
ExitCode worst_of(const std::vector<ExitCode>& codes);
const char* exit_code_meaning(ExitCode code);
// One line per code, for --help and docs.
std::string exit_codes_help();

// A run-level failure: what went wrong, where (platform, request, file:line)
// and, when there is one, what the user can do about it.
class Error : public std::runtime_error {
public:
    Error(ExitCode code, std::string what, std::string where = {}, std::string remedy = {});
    ExitCode code() const { return m_code; }
    const std::string& where() const { return m_where; }
    const std::string& remedy() const { return m_remedy; }
    // "frr: error: <what> (<where>)\n  <remedy>"
    std::string render() const;

private:
    ExitCode m_code;
    std::string m_where;
    std::string m_remedy;
};

}  // namespace frr::core
