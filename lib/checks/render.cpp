#include "checks/render.hpp"

#include "core/time.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace frr::checks {

namespace {

const char* ansi(Status s)
{
    switch (s) {
    case Status::ok: return "\x1b[32m";
    case Status::warn: return "\x1b[33m";
    case Status::critical: return "\x1b[31m";
    case Status::unknown:
    case Status::not_applicable: return "\x1b[90m";
    }
    return "";
}

std::string padded(std::string_view text, std::size_t width)
{
    std::string out(text);
    out.resize(std::max(width, text.size()), ' ');
    return out;
}

std::string header(const Findings& f)
{
    std::string coverage;
    for (const auto& [name, c] : f.coverage)
        coverage += fmt::format("{}{} {}", coverage.empty() ? "" : ", ", name, model::to_string(c));
    std::string unread;
    for (const auto& [id, d] : f.datasets)
        if (d.coverage.status != model::Coverage::complete)
            unread += fmt::format("{}{} {} ({})", unread.empty() ? "" : ", ", d.platform, id,
                                  model::to_string(d.coverage.status));
    const auto tz = f.timezone.empty() ? std::string("UTC") : f.timezone;
    return fmt::format("{} - {} to {}\ncoverage: {}\n{}\n", f.store_name.empty() ? "store" : f.store_name,
                       core::format_local(f.since, tz), core::format_local(f.until, tz), coverage,
                       unread.empty() ? std::string() : "not read: " + unread + "\n");
}

}  // namespace

std::string render_check_table(const Findings& f, Color color)
{
    std::size_t title_w = std::string_view("INDICATOR").size();
    std::size_t status_w = std::string_view("critical").size();
    for (const auto& r : f.indicators) {
        title_w = std::max(title_w, r.title.size());
        status_w = std::max(status_w, std::string_view(to_string(r.status)).size());
    }
    std::string out = header(f);
    out += fmt::format("{}  {}  {:>5}  {}\n", padded("INDICATOR", title_w), padded("STATUS", status_w),
                       "SCORE", "SUMMARY");
    for (const auto& r : f.indicators) {
        const auto status = padded(to_string(r.status), status_w);
        const auto shown =
            color == Color::always ? fmt::format("{}{}\x1b[0m", ansi(r.status), status) : status;
        const auto score = !judged(r.status) ? std::string("-") : std::to_string(r.score);
        out += fmt::format("{}  {}  {:>5}  {}\n", padded(r.title, title_w), shown, score, r.summary);
    }
    if (!f.exclusions.empty()) {
        out += "\nignored (expected, never defects):\n";
        for (const auto& e : f.exclusions)
            out += fmt::format("  {:>7}  {}\n", e.count, e.reason);
    }
    if (!f.coverage_notes.empty()) {
        out += "\ncoverage notes:\n";
        for (const auto& n : f.coverage_notes)
            out += fmt::format("  - {}\n", n);
    }
    return out;
}

}  // namespace frr::checks
