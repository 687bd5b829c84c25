#pragma once
#include "app.hpp"
#include "pipeline/send.hpp"

namespace frr::cli {

// frr send [--dry-run] [--resend]: deliver reports not yet delivered, to every configured channel.
Command make_send_command(CLI::App& parent, GlobalOptions& globals);

void print_send_result(const pipeline::SendResult& result, std::ostream& out);

}  // namespace frr::cli
