#pragma once
#include "app.hpp"

namespace frr::cli {

// frr report [--run ID]: render the latest scored run's report (HTML, text, Markdown, JSON).
Command make_report_command(CLI::App& parent, GlobalOptions& globals);

}  // namespace frr::cli
