#include "core/error.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace frr::core {

namespace {
constexpr std::array k_precedence{ExitCode::internal,        ExitCode::config,      ExitCode::usage,
                                  ExitCode::cannot_write,    ExitCode::locked,      ExitCode::credentials,
                                  ExitCode::delivery_failed, ExitCode::paused,      ExitCode::partial,
                                  ExitCode::health_critical, ExitCode::health_warn, ExitCode::ok};
}  // namespace

int exit_code_rank(ExitCode code)
{
    auto it = std::find(k_precedence.begin(), k_precedence.end(), code);
    return static_cast<int>(k_precedence.end() - it);
}

ExitCode worst_of(ExitCode a, ExitCode b)
{
    return exit_code_rank(a) >= exit_code_rank(b) ? a : b;
}

ExitCode worst_of(const std::vector<ExitCode>& codes)
{
    ExitCode worst = ExitCode::ok;
    for (auto c : codes)
        worst = worst_of(worst, c);
    return worst;
}

const char* exit_code_meaning(ExitCode code)
{
    switch (code) {
    case ExitCode::ok: return "success (for a health verdict: healthy)";
    case ExitCode::health_warn: return "health: warning (check, score; run with --fail-on warn)";
    case ExitCode::health_critical: return "health: critical (check, score; run with --fail-on)";
    case ExitCode::partial: return "partial: a platform was unavailable or a fetch incomplete";
    case ExitCode::paused: return "paused: a circuit breaker is open, the platform was skipped";
    case ExitCode::delivery_failed: return "delivery failed after retries (report kept for the next run)";
    case ExitCode::usage: return "usage error (bad flags or arguments)";
    case ExitCode::bad_input: return "bad input data (a snapshot or state file unreadable)";
    case ExitCode::internal: return "internal error (a bug)";
    case ExitCode::cannot_write: return "cannot write output (state directory, report folder)";
    case ExitCode::locked: return "temporary: another run holds the lock; try again later";
    case ExitCode::credentials: return "credentials rejected or scopes missing";
    case ExitCode::config: return "configuration error";
    }
    return "unknown";
}

std::string exit_codes_help()
{
    std::string out = "Exit codes:\n";
    constexpr std::array k_in_order{ExitCode::ok,           ExitCode::health_warn, ExitCode::health_critical,
                                    ExitCode::partial,      ExitCode::paused,      ExitCode::delivery_failed,
                                    ExitCode::usage,        ExitCode::bad_input,   ExitCode::internal,
                                    ExitCode::cannot_write, ExitCode::locked,      ExitCode::credentials,
                                    ExitCode::config};
    for (auto c : k_in_order)
        out += fmt::format("  {:>3}  {}\n", static_cast<int>(c), exit_code_meaning(c));
    out += "  When several apply: 70, 78, 64, 73, 75, 77, 5, 4, 3, 2, 1, 0 (first wins).\n";
    return out;
}

Error::Error(ExitCode code, std::string what, std::string where, std::string remedy)
    : std::runtime_error(std::move(what)),
      m_code(code),
      m_where(std::move(where)),
      m_remedy(std::move(remedy))
{
}

std::string Error::render() const
{
    std::string out = fmt::format("frr: error: {}", what());
    if (!m_where.empty())
        out += fmt::format(" ({})", m_where);
    if (!m_remedy.empty())
        out += fmt::format("\n  {}", m_remedy);
    return out;
}

}  // namespace frr::core
